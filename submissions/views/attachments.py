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

from reports.catalog import ENTRY_ATTACHMENT
from reports.exporters import export_response
from submissions.forms.entries import AttachmentForm
from submissions.models import Attachment, Entry
from submissions.rules import is_entry_editable
from submissions.selectors.entries import attachment_of, entry_attachments
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
) -> HttpResponse:
    """htmx: the attachment region; plain POST: redirect with a message, or the page with errors."""
    if request.htmx:
        entry.refresh_from_db()
        context = {
            "entry": entry,
            "attachments": entry_attachments(entry),
            "upload_form": form or AttachmentForm(),
            "can_edit": is_entry_editable(request.user, entry),
            "is_member": True,
            "attachment_notice": notice,
            "attachment_error": error,
        }
        return render(request, f"{DETAIL_TEMPLATE}#attachments", context)
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
    entry = member_entry_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachment_add(
                entry=entry, upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            notice = _("%(name)s was attached.") % {"name": attachment.original_name}
            return _respond(request, entry, notice=notice)
    return _respond(request, entry, form=form)


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
