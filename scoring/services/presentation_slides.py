"""The agencies' 발표자료 (presentation slides) for a round: upload and replace, before the
round's slides deadline (scoring.models.PresentationSlides).

A member of an entry's agency uploads one file per entry and round, while the entry takes part
in the round (advanced into it) and before the deadline the organizer set; a new upload replaces
the file. The file is accepted as the entry attachments are (submissions.services.filetypes):
PDF, PPTX, HWP or HWPX by name and by content alike, within the contest's size limit per file.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from contests.models import Round
from scoring.models import PresentationSchedule, PresentationSlides
from scoring.selectors.in_effect import entries_in_round
from scoring.selectors.presentations import slides_refusal
from submissions.models import AgencyMembership, Entry
from submissions.services.attachments import checked_content, sha256_of
from submissions.services.filetypes import clean_filename, kind_from_name

MB = 1024 * 1024
SLIDE_KINDS = ("pdf", "pptx", "hwp", "hwpx")
ACCEPTED = "PDF, PPTX, HWP, HWPX"


def check_slides(*, entry: Entry, upload: UploadedFile) -> tuple[str, str]:
    """(clean name, kind) of an acceptable file, else a ValidationError keyed `file`."""
    name = clean_filename(upload.name or "")
    claimed = kind_from_name(name)
    if claimed not in SLIDE_KINDS:
        raise ValidationError(
            {
                "file": _("%(name)s: this type of file is not accepted. Use %(types)s.")
                % {"name": name, "types": ACCEPTED}
            }
        )
    limit = entry.contest.attachment_max_file_mb
    if upload.size > limit * MB:
        raise ValidationError(
            {
                "file": _("%(name)s is larger than %(max)d MB, the limit per file.")
                % {"name": name, "max": limit}
            }
        )
    detected = checked_content(upload, name, claimed, ACCEPTED)
    return name, detected


@transaction.atomic
def slides_upload(
    *, round_: Round, entry: Entry, upload: UploadedFile, by: User
) -> PresentationSlides:
    """Store the entry's slides for the round, replacing the earlier file."""
    if not AgencyMembership.objects.filter(agency_id=entry.agency_id, user=by).exists():
        raise PermissionDenied(_("Only the members of the entry's agency can do this."))
    schedule = PresentationSchedule.objects.filter(round=round_).first()
    refusal = slides_refusal(schedule)
    if refusal:
        raise ValidationError({"file": refusal}, code="closed")
    if not entries_in_round(round_).filter(pk=entry.pk).exists():
        raise ValidationError(
            {"file": _("%(entry)s does not take part in %(round)s.")
             % {"entry": entry.title, "round": round_.name}},
            code="not_advanced",
        )  # fmt: skip
    name, kind = check_slides(entry=entry, upload=upload)
    slides = (
        PresentationSlides.objects.select_for_update().filter(round=round_, entry=entry).first()
    )
    old_name = slides.file.name if slides is not None else ""
    slides = slides or PresentationSlides(round=round_, entry=entry)
    slides.original_name, slides.kind, slides.size = name, kind, upload.size
    slides.sha256, slides.uploaded_by, slides.uploaded_at = sha256_of(upload), by, timezone.now()
    slides.file.save(name, upload, save=False)
    slides.save()
    if old_name:
        storage = slides.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return slides
