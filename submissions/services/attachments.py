"""Every write to an entry's attachments: add, replace, delete (drafts, before the deadline).

A file may fill one of the contest's attachment slots (contests.requirements), whose types and
size it must keep; the others are free attachments under the contest's limits.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from contests.models import AttachmentSlot
from submissions.models import Attachment, Entry
from submissions.services.entries import _ensure_member, _locked, ensure_editable
from submissions.services.filetypes import clean_filename, detect_kind, kind_from_name

MB = 1024 * 1024
ACCEPTED = "PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG"


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def checked_content(upload: UploadedFile, name: str, claimed: str, accepted: str = ACCEPTED) -> str:
    """The kind the file's content is, when it is the `claimed` kind (from its name); otherwise
    a ValidationError keyed `file` that says what is wrong (`accepted`: the types, in words)."""
    detected = detect_kind(upload)
    if detected is None:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s does not look like a %(kind)s file. Its content is not one of the "
                    "accepted types (%(types)s)."
                )
                % {"name": name, "kind": claimed.upper(), "types": accepted}
            }
        )
    if detected != claimed:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s is named as a %(claimed)s file but its content is %(detected)s. "
                    "Save it with the right extension."
                )
                % {"name": name, "claimed": claimed.upper(), "detected": detected.upper()}
            }
        )
    return detected


def _check_file_count(entry: Entry, name: str) -> None:
    """A new free file (not a replacement) fits under the contest's number of files per entry
    (the files of attachment slots, one per slot, are not counted)."""
    count = Attachment.objects.filter(entry=entry, slot__isnull=True).count()
    if count >= entry.contest.max_attachments_per_entry:
        raise ValidationError(
            {
                "file": ngettext(
                    "%(name)s was not added: this entry already has %(count)d file, the most "
                    "this contest allows. Remove a file or replace one instead.",
                    "%(name)s was not added: this entry already has %(count)d files, the most "
                    "this contest allows. Remove a file or replace one instead.",
                    count,
                )
                % {"name": name, "count": count}
            },
            code="too_many",
        )


def _slot_refusal(message: str, slot: AttachmentSlot, name: str) -> ValidationError:
    """A refusal for `slot` that names the slot, the file, the types it takes and its limit."""
    values = {
        "slot": slot.label,
        "name": name,
        "types": slot.kind_labels,
        "max": slot.max_file_mb,
    }
    return ValidationError({"file": message % values}, code="slot")


def _check_slot(slot: AttachmentSlot, upload: UploadedFile, name: str, claimed: str | None):
    if claimed is None or not slot.accepts(claimed):
        raise _slot_refusal(
            _("%(slot)s: %(name)s is not accepted here. Use %(types)s, at most %(max)d MB."),
            slot,
            name,
        )
    if upload.size > slot.max_file_mb * MB:
        raise _slot_refusal(
            _("%(slot)s: %(name)s is larger than %(max)d MB. Use %(types)s, at most %(max)d MB."),
            slot,
            name,
        )


def check_upload(
    *,
    entry: Entry,
    upload: UploadedFile,
    replacing: Attachment | None = None,
    slot: AttachmentSlot | None = None,
):
    """(clean name, kind) of an acceptable upload, else a ValidationError keyed `file`.

    A file for a `slot` must be one of the slot's types and within the slot's size (instead of
    the contest's per-file limit); it does not count against the number of files per entry.
    """
    name = clean_filename(upload.name or "")
    claimed = kind_from_name(name)
    if slot is not None:
        _check_slot(slot, upload, name, claimed)
    if claimed is None:
        raise ValidationError(
            {
                "file": _("%(name)s: this type of file is not accepted. Use %(types)s.")
                % {"name": name, "types": ACCEPTED}
            }
        )
    contest = entry.contest
    if replacing is None and slot is None:
        _check_file_count(entry, name)
    if slot is None and upload.size > contest.attachment_max_file_mb * MB:
        raise ValidationError(
            {
                "file": _("%(name)s is larger than %(max)d MB, the limit per file.")
                % {"name": name, "max": contest.attachment_max_file_mb}
            }
        )
    detected = checked_content(upload, name, claimed)
    others = Attachment.objects.filter(entry=entry)
    if replacing is not None:
        others = others.exclude(pk=replacing.pk)
    used = others.aggregate(total=Sum("size"))["total"] or 0
    if used + upload.size > contest.attachment_max_total_mb * MB:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s would bring this entry's attachments over %(max)d MB in all. "
                    "Remove or shrink a file first."
                )
                % {"name": name, "max": contest.attachment_max_total_mb}
            }
        )
    return name, detected


def _delete_file_on_commit(file_name: str, storage) -> None:
    if file_name:
        transaction.on_commit(lambda: storage.delete(file_name))


def _slot_of(entry: Entry, slot: AttachmentSlot | None) -> AttachmentSlot | None:
    if slot is not None and slot.contest_id != entry.contest_id:
        raise ValidationError({"file": _("This file slot is not part of the contest.")})
    return slot


@transaction.atomic
def attachment_add(
    *, entry: Entry, upload: UploadedFile, by: User, slot: AttachmentSlot | None = None
) -> Attachment:
    """Attach a file to a draft: a free attachment, or the file of `slot` (replacing the file the
    slot held, if any: a slot holds one file)."""
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    slot = _slot_of(entry, slot)
    if slot is not None:
        held = Attachment.objects.filter(entry=entry, slot=slot).first()
        if held is not None:
            return attachment_replace(attachment=held, upload=upload, by=by)
    name, kind = check_upload(entry=entry, upload=upload, slot=slot)
    attachment = Attachment(
        entry=entry,
        slot=slot,
        original_name=name,
        kind=kind,
        size=upload.size,
        sha256=sha256_of(upload),
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    entry.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def attachment_replace(*, attachment: Attachment, upload: UploadedFile, by: User) -> Attachment:
    entry = attachment.entry
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    attachment = (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("slot")
        .get(pk=attachment.pk, entry=entry)
    )
    name, kind = check_upload(
        entry=entry, upload=upload, replacing=attachment, slot=attachment.slot
    )
    old_name, storage = attachment.file.name, attachment.file.storage
    attachment.entry = entry
    attachment.original_name = name
    attachment.kind = kind
    attachment.size = upload.size
    attachment.sha256 = sha256_of(upload)
    attachment.uploaded_by = by
    attachment.file.save(name, upload, save=False)
    attachment.save()
    _delete_file_on_commit(old_name, storage)
    entry.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: User) -> None:
    entry = attachment.entry
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, entry=entry)
    old_name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    _delete_file_on_commit(old_name, storage)
    entry.save(update_fields=["updated_at"])
