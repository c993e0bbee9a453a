"""Who may download an entry's 발표자료 (`scoring.download_presentation_slides`, asked about a
PresentationSlides row): the contest's organizers and site admins; the members of the entry's
agency; a judge with an assignment in effect on the entry in that round, once agencies can no
longer change the file (the deadline passed) or the round's scoring opened."""

import rules

from contests.rules import can_manage_contest
from scoring.selectors.in_effect import assignments_in_effect
from scoring.selectors.presentations import judge_slides_open, schedule_of
from submissions.models import AgencyMembership


@rules.predicate
def manages_slides_contest(user, slides) -> bool:
    return slides is not None and can_manage_contest(user, slides.round.contest)


@rules.predicate
def is_slides_agency_member(user, slides) -> bool:
    return AgencyMembership.objects.filter(agency_id=slides.entry.agency_id, user=user).exists()


@rules.predicate
def judges_slides_entry(user, slides) -> bool:
    assigned = assignments_in_effect(
        judge__user=user, round_id=slides.round_id, entry_id=slides.entry_id
    ).exists()
    return assigned and judge_slides_open(slides.round, schedule_of(slides.round))


can_download_slides = rules.is_authenticated & (
    manages_slides_contest | is_slides_agency_member | judges_slides_entry
)

rules.add_perm("scoring.download_presentation_slides", can_download_slides)
