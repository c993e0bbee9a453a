"""The files agencies upload after the results and for the 2차 발표심사: an objection's file
(이의신청, scoring.models.Objection: for the contest's organizers and the entry's agency members,
`scoring.read_objection`) and an entry's 발표자료 (scoring.models.PresentationSlides:
`scoring.download_presentation_slides`), each under the name it was uploaded with, with an ASCII
fallback."""

import scoring.presentation_rules  # noqa: F401  (registers the slides permission)
from reports.exporters import Exporter, file_type, open_stored, register
from scoring.models import Objection, PresentationSlides

OBJECTION_FILE = register(
    Exporter[Objection](
        name="objection_file",
        permission="scoring.read_objection",
        content_type=lambda objection: file_type(objection.file_kind),
        filename=lambda objection: objection.file_name,
        fallback=lambda objection: f"objection-{objection.number}.{objection.file_kind}",
        build=lambda objection: open_stored(objection.file),
    )
)


def _slides_name(slides: PresentationSlides) -> str:
    """Under blind judging a judge never gets the uploaded name (it may carry the agency's)."""
    if slides.round.contest.blind_judging:
        number = slides.entry.receipt_number or slides.entry_id
        return f"발표자료-{number}.{slides.kind}"
    return slides.original_name


PRESENTATION_SLIDES = register(
    Exporter[PresentationSlides](
        name="presentation_slides",
        permission="scoring.download_presentation_slides",
        content_type=lambda slides: file_type(slides.kind),
        filename=_slides_name,
        fallback=lambda slides: f"slides-{slides.entry_id}.{slides.kind}",
        build=lambda slides: open_stored(slides.file),
    )
)
