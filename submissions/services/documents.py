"""Every write to a contest's documents (공고문, 서식 …): the organizer adds and removes them.

The file's type is told from its content as for attachments (submissions.services.filetypes),
so what agencies download is what its name says.
"""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from contests.models import Contest, ContestDocument
from submissions.services.attachments import ACCEPTED, MB
from submissions.services.filetypes import clean_filename, detect_kind, kind_from_name

DOCUMENT_MAX_MB = 50
TITLE_MAX_LENGTH = ContestDocument._meta.get_field("title").max_length


def _ensure_manager(user: User, contest: Contest) -> None:
    if not rules.has_perm("contests.manage_contest", user, contest):
        raise PermissionDenied(_("Only the contest's organizers can change its documents."))


def check_document(*, title: str, upload: UploadedFile) -> tuple[str, str, str]:
    """(title, clean file name, kind) of an acceptable document; else a ValidationError keyed by
    the form's fields (`title`, `file`)."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Enter the document's title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("At most %(max)d characters.") % {"max": TITLE_MAX_LENGTH}}
        )
    name = clean_filename(upload.name or "")
    claimed = kind_from_name(name)
    if claimed is None:
        raise ValidationError(
            {
                "file": _("%(name)s: this type of file is not accepted. Use %(types)s.")
                % {"name": name, "types": ACCEPTED}
            }
        )
    if upload.size > DOCUMENT_MAX_MB * MB:
        raise ValidationError(
            {
                "file": _("%(name)s is larger than %(max)d MB, the limit per file.")
                % {"name": name, "max": DOCUMENT_MAX_MB}
            }
        )
    detected = detect_kind(upload)
    if detected != claimed:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s does not look like a %(kind)s file. Its content is not one of the "
                    "accepted types (%(types)s)."
                )
                % {"name": name, "kind": claimed.upper(), "types": ACCEPTED}
            }
        )
    return title, name, detected


@transaction.atomic
def document_add(
    *, contest: Contest, title: str, upload: UploadedFile, by: User
) -> ContestDocument:
    _ensure_manager(by, contest)
    title, name, kind = check_document(title=title, upload=upload)
    document = ContestDocument(
        contest=contest,
        title=title,
        original_name=name,
        kind=kind,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: ContestDocument, by: User) -> None:
    """Remove the document; its stored file goes once the removal commits."""
    _ensure_manager(by, document.contest)
    file_name, storage = document.file.name, document.file.storage
    document.delete()
    if file_name:
        transaction.on_commit(lambda: storage.delete(file_name))
