"""The screening outcome emailed to the agencies: one email per agency and screening action,
listing each of its entries whose outcome (or reason) changed, with the reason of an ineligible
one and the link to the entry's page (absolute, on a line of its own: config.mail).

Sent to every active member of the agency (the people who see its entries), after the
transaction commits (config.mail.send_notification): nothing is sent for a change that rolls back.
"""

from collections import defaultdict

from django.urls import reverse

from config.mail import absolute_url, send_notification
from contests.models import Contest
from submissions.models import Agency, AgencyMembership, Entry

SUBJECT = "emails/screening_outcome_subject.txt"
BODY = "emails/screening_outcome_message.txt"


def agency_addresses(agency_ids) -> dict[int, list[str]]:
    """agency id → the email addresses of its active members (one query)."""
    members = (
        AgencyMembership.objects.filter(agency_id__in=agency_ids, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("agency_id", "user__email")
    )
    found = defaultdict(list)
    for agency_id, email in members:
        found[agency_id].append(email)
    return found


def outcomes_tell(*, entries: list[Entry]) -> int:
    """Email each agency of `entries` (all of one contest, outcome already recorded) the
    outcomes of its entries among them. Returns how many agencies were emailed."""
    if not entries:
        return 0
    by_agency = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.receipt_number or "", e.pk)):
        by_agency[entry.agency_id].append(entry)
    contest = Contest.objects.get(pk=entries[0].contest_id)
    agencies = Agency.objects.in_bulk(list(by_agency))
    addresses = agency_addresses(list(by_agency))
    told = 0
    for agency_id, listed in by_agency.items():
        if not addresses.get(agency_id):
            continue
        send_notification(
            to=addresses[agency_id],
            subject_template=SUBJECT,
            body_template=BODY,
            context={
                "contest": contest,
                "agency": agencies[agency_id],
                "count": len(listed),
                "rows": [
                    (entry, absolute_url(reverse("entries:detail", args=[entry.pk])))
                    for entry in listed
                ],
                "entries_url": absolute_url(reverse("entries:list")),
            },
        )
        told += 1
    return told
