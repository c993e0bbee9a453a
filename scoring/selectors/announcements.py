"""Who an announcement goes to, and the announcements each person sees.

The audiences (Announcement.Audience), each a set of agencies of the contest:
- ALL, "every participating agency": every agency with at least one entry in the contest, in any
  state (a draft, submitted, withdrawn, screened out): an agency that started a case takes part
  and is told of changes (a deadline moved, a ceremony).
- ADVANCED, "agencies advanced to <round>": the agencies of the entries in the running for a
  round that comes after an advancement round (`entries_in_round`, the one definition of who
  takes part in a round: advanced by a result in force, submitted, not screened out). Offered for
  each such round; before its previous round is finalized nobody has advanced, so it goes to
  nobody and cannot be sent.
- DRAFTS, "agencies with an entry not yet submitted": the agencies with a draft in the contest,
  a reminder to submit before the deadline; only while the submission window is open
  (`audience_refusal`).

The people are the members of those agencies with an active account, each once (a person in two
of the agencies is written to once, for the first agency by name). Agency members see the
announcements sent to their agencies (`notices_for`).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from scoring.models import Announcement
from scoring.models.announcements import audience_label
from scoring.selectors.in_effect import GATING, entries_in_round
from submissions.models import Agency, AgencyMembership, Entry

Audience = Announcement.Audience


@dataclass(frozen=True)
class Target:
    """An audience as the compose form offers it: a kind and, for ADVANCED, the round."""

    kind: str
    round: Round | None = None

    @property
    def value(self) -> str:
        return f"round-{self.round.pk}" if self.round else self.kind

    @property
    def label(self) -> str:
        return audience_label(self.kind, self.round)


def gated_rounds(contest: Contest) -> list[Round]:
    """The contest's rounds that come after a round with an advancement rule (only the entries
    advanced into them take part), in their order."""
    rounds = list(Round.objects.filter(contest=contest).order_by("order", "id"))
    gated, seen_gate = [], False
    for round_ in rounds:
        if seen_gate:
            round_.contest = contest
            gated.append(round_)
        seen_gate = seen_gate or round_.advancement in GATING
    return gated


def targets(contest: Contest) -> list[Target]:
    """Every audience the organizer may choose, in the order the form lists them."""
    return [
        Target(Audience.ALL),
        *(Target(Audience.ADVANCED, round_) for round_ in gated_rounds(contest)),
        Target(Audience.DRAFTS),
    ]


def audience_refusal(contest: Contest, target: Target) -> str:
    """Why this audience cannot be written to now ("" when it can): a reminder to submit goes
    out only while the submission window is open."""
    if target.kind != Audience.DRAFTS:
        return ""
    now = timezone.now()
    when = {
        "opens": timezone.localtime(contest.submission_opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes": timezone.localtime(contest.submission_closes_at).strftime("%Y-%m-%d %H:%M"),
    }
    if now < contest.submission_opens_at:
        return (
            _(
                "The submission window has not opened yet (it opens %(opens)s): a reminder to "
                "submit can be sent only while the window is open."
            )
            % when
        )
    if now >= contest.submission_closes_at:
        return (
            _(
                "The submission window closed on %(closes)s: a reminder to submit can be sent "
                "only while the window is open."
            )
            % when
        )
    return ""


def audience_agencies(contest: Contest, target: Target) -> QuerySet[Agency]:
    """The agencies of the audience, by name."""
    if target.kind == Audience.ADVANCED:
        advanced = entries_in_round(target.round, gated=True)
        agencies = Agency.objects.filter(pk__in=advanced.values("agency_id"))
    else:
        entries = Entry.objects.filter(contest=contest, agency=OuterRef("pk"))
        if target.kind == Audience.DRAFTS:
            entries = entries.filter(status=Entry.Status.DRAFT)
        agencies = Agency.objects.filter(Exists(entries))
    return agencies.order_by("name_ko", "pk")


@dataclass(frozen=True)
class Recipients:
    agencies: list[Agency]
    members: list[AgencyMembership]  # one per person, with `user` and `agency` loaded


def recipients(contest: Contest, target: Target) -> Recipients:
    """The audience's agencies and the people to email (two queries)."""
    agencies = list(audience_agencies(contest, target))
    memberships = (
        AgencyMembership.objects.filter(agency__in=agencies, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "agency")
        .order_by("agency__name_ko", "agency_id", "user__name", "user_id")
    )
    members, seen = [], set()
    for membership in memberships if agencies else []:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            members.append(membership)
    return Recipients(agencies=agencies, members=members)


def announcements_sent(contest: Contest) -> QuerySet[Announcement]:
    """The contest's announcements, newest first, for its organizers' list."""
    return Announcement.objects.filter(contest=contest).select_related("sent_by", "round")


def notices_for(user) -> QuerySet[Announcement]:
    """The announcements sent to an agency the user is a member of, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Announcement.objects.none()
    sent_to_mine = Announcement.agencies.through.objects.filter(
        announcement=OuterRef("pk"), agency__memberships__user=user
    )
    return Announcement.objects.filter(Exists(sent_to_mine)).select_related("contest")
