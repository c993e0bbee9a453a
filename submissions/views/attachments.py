"""Attachment upload, replace, delete (htmx-enhanced, plain POST fallback) and download.

Files are never served from a public URL: downloads go through `attachment_download`, which
checks that the user may see the entry (reports.catalog.ENTRY_ATTACHMENT names and serves it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.ids import parse_id
from contests.models import AttachmentSlot
from reports.catalog import ENTRY_ATTACHMENT
from reports.exporters import export_response
from submissions.forms.entries import AttachmentForm
from submissions.models import Attachment, Entry
from submissions.rules import is_entry_editable
from submissions.selectors.entries import attachment_of, entry_attachments
from submissions.selectors.slots import entry_file_groups
from submissions.services.attachments import (
    attachment_add,
    attachment_delete,
    attachment_replace,
)
from submissions.views.entries import (
    DETAIL_TEMPLATE,
    member_entry_or_404,
    render_detail,
    visible_entry_or_404,
)


def _attachment_or_404(entry: Entry, pk: int) -> Attachment:
    attachment = attachment_of(entry, pk)
    if attachment is None:
        raise Http404
    return attachment


def _respond(
    request: HttpRequest,
    entry: Entry,
    *,
    notice: str = "",
    form: AttachmentForm | None = None,
    error: str = "",
    slot_errors: dict[int, list[str]] | None = None,
) -> HttpResponse:
    """htmx: the attachment region; plain POST: redirect with a message, or the page with errors."""
    if request.htmx:
        entry.refresh_from_db()
        attachments = entry_attachments(entry)
        context = {
            "entry": entry,
            "attachments": attachments,
            "file_groups": entry_file_groups(entry, attachments, slot_errors),
            "upload_form": form or AttachmentForm(),
            "can_edit": is_entry_editable(request.user, entry),
            "is_member": True,
            "attachment_notice": notice,
            "attachment_error": error,
        }
        return render(request, f"{DETAIL_TEMPLATE}#attachments", context)
    if slot_errors:
        return render_detail(request, entry, slot_errors=slot_errors)
    if form is not None and form.errors:
        return render_detail(request, entry, upload_form=form)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect("entries:detail", pk=entry.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A free attachment, or with `slot` the file of one attachment slot (errors shown there)."""
    entry = member_entry_or_404(request, pk)
    slot = _slot_or_404(entry, request.POST.get("slot"))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachment_add(
                entry=entry, upload=form.cleaned_data["file"], by=request.user, slot=slot
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            notice = _("%(name)s was attached.") % {"name": attachment.original_name}
            if slot is not None:
                notice = _("%(name)s was attached as %(slot)s.") % {
                    "name": attachment.original_name,
                    "slot": slot.label,
                }
            return _respond(request, entry, notice=notice)
    if slot is not None:
        return _respond(request, entry, slot_errors={slot.pk: _slot_messages(form, slot)})
    return _respond(request, entry, form=form)


def _slot_or_404(entry: Entry, value: str | None) -> AttachmentSlot | None:
    """The contest's slot named in the form (None for a free attachment); 404 for another."""
    if value is None:
        return None
    slot = AttachmentSlot.objects.filter(pk=parse_id(value), contest_id=entry.contest_id).first()
    if slot is None:
        raise Http404
    return slot


def _slot_messages(form: AttachmentForm, slot: AttachmentSlot) -> list[str]:
    """The form's errors, a missing file said with the slot's name."""
    if "file" in form.errors and form.has_error("file", "required"):
        return [_("%(slot)s: choose a file to upload.") % {"slot": slot.label}]
    return [message for messages_ in form.errors.values() for message in messages_]


def _form_errors(form: AttachmentForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("file", exc)


@login_required
@require_POST
def attachment_replace_view(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    entry = member_entry_or_404(request, pk)
    attachment = _attachment_or_404(entry, attachment_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _respond(request, entry, error=" ".join(form.errors.get("file", [])))
    old_name = attachment.original_name
    try:
        attachment = attachment_replace(
            attachment=attachment, upload=form.cleaned_data["file"], by=request.user
        )
    except ValidationError as exc:
        return _respond(request, entry, error=" ".join(exc.messages))
    notice = _("%(old)s was replaced by %(new)s.") % {
        "old": old_name,
        "new": attachment.original_name,
    }
    return _respond(request, entry, notice=notice)


@login_required
@require_POST
def attachment_delete_view(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    entry = member_entry_or_404(request, pk)
    attachment = _attachment_or_404(entry, attachment_pk)
    name = attachment.original_name
    try:
        attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as exc:
        return _respond(request, entry, error=" ".join(exc.messages))
    return _respond(request, entry, notice=_("%(name)s was removed.") % {"name": name})


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """The file under its original (Korean) name, with an ASCII fallback name."""
    entry = visible_entry_or_404(request, pk)
    return export_response(ENTRY_ATTACHMENT, request, _attachment_or_404(entry, attachment_pk))
