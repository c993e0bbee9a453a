"""Every write to an entry's attachments: add, replace, delete (drafts, before the deadline)."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from submissions.models import Attachment, Entry
from submissions.services.entries import _ensure_member, _locked, ensure_editable
from submissions.services.filetypes import clean_filename, detect_kind, kind_from_name

MB = 1024 * 1024
ACCEPTED = "PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG"


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _check_file_count(entry: Entry, name: str) -> None:
    """A new file (not a replacement) fits under the contest's number of files per entry."""
    count = Attachment.objects.filter(entry=entry).count()
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


def check_upload(*, entry: Entry, upload: UploadedFile, replacing: Attachment | None = None):
    """(clean name, kind) of an acceptable upload, else a ValidationError keyed `file`."""
    name = clean_filename(upload.name or "")
    claimed = kind_from_name(name)
    if claimed is None:
        raise ValidationError(
            {
                "file": _("%(name)s: this type of file is not accepted. Use %(types)s.")
                % {"name": name, "types": ACCEPTED}
            }
        )
    contest = entry.contest
    if replacing is None:
        _check_file_count(entry, name)
    if upload.size > contest.attachment_max_file_mb * MB:
        raise ValidationError(
            {
                "file": _("%(name)s is larger than %(max)d MB, the limit per file.")
                % {"name": name, "max": contest.attachment_max_file_mb}
            }
        )
    detected = detect_kind(upload)
    if detected is None:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s does not look like a %(kind)s file. Its content is not one of the "
                    "accepted types (%(types)s)."
                )
                % {"name": name, "kind": claimed.upper(), "types": ACCEPTED}
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


@transaction.atomic
def attachment_add(*, entry: Entry, upload: UploadedFile, by: User) -> Attachment:
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    name, kind = check_upload(entry=entry, upload=upload)
    attachment = Attachment(
        entry=entry,
        original_name=name,
        kind=kind,
        size=upload.size,
        sha256=_sha256(upload),
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
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, entry=entry)
    name, kind = check_upload(entry=entry, upload=upload, replacing=attachment)
    old_name, storage = attachment.file.name, attachment.file.storage
    attachment.entry = entry
    attachment.original_name = name
    attachment.kind = kind
    attachment.size = upload.size
    attachment.sha256 = _sha256(upload)
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
