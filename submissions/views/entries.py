"""The agency's entry pages: my entries, new entry, edit with autosave, submit, reopen, withdraw,
receipt. Members of the entry's agency may change it; anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.ids import parse_id
from submissions.forms.entries import AttachmentForm, EntryCreateForm, EntryEditForm
from submissions.models import Entry
from submissions.rules import (
    is_entry_agency_member,
    is_entry_editable,
    is_entry_reopenable,
    is_entry_withdrawable,
)
from submissions.selectors.entries import (
    agencies_of,
    contests_open_for_submission,
    entries_of_member,
    entry_answers,
    entry_attachments,
    entry_of_member,
    entry_visible_to,
    open_contest,
)
from submissions.selectors.slots import contest_documents, entry_file_groups
from submissions.services.entries import (
    entry_create,
    entry_reopen,
    entry_submit,
    entry_update,
    entry_withdraw,
)

DETAIL_TEMPLATE = "entries/entry_detail.html"


def member_entry_or_404(request: HttpRequest, pk: int) -> Entry:
    entry = entry_of_member(request.user, pk)
    if entry is None:
        raise Http404
    return entry


def visible_entry_or_404(request: HttpRequest, pk: int) -> Entry:
    entry = entry_visible_to(request.user, pk)
    if entry is None:
        raise Http404
    return entry


def _errors_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def render_detail(
    request: HttpRequest,
    entry: Entry,
    *,
    form: EntryEditForm | None = None,
    upload_form: AttachmentForm | None = None,
    problems: list[str] | None = None,
    slot_errors: dict[int, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    is_member = is_entry_agency_member(request.user, entry)
    is_open = entry.contest.submission_is_open
    can_edit = is_member and is_entry_editable(request.user, entry)
    answers = entry_answers(entry)
    if can_edit and form is None:
        form = EntryEditForm(initial={"title": entry.title}, answers=answers)
    attachments = entry_attachments(entry)
    context = {
        "entry": entry,
        "answers": answers,
        "attachments": attachments,
        "file_groups": entry_file_groups(entry, attachments, slot_errors),
        "documents": contest_documents(entry.contest_id),
        "form": form,
        "upload_form": upload_form or AttachmentForm(),
        "is_member": is_member,
        "is_open": is_open,
        "can_edit": can_edit,
        "can_reopen": is_member and is_entry_reopenable(request.user, entry),
        "can_withdraw": is_member and is_entry_withdrawable(request.user, entry),
        "problems": problems or [],
    }
    return render(request, DETAIL_TEMPLATE, context, status=status)


@login_required
@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    agencies = agencies_of(request.user)
    context = {
        "agencies": agencies,
        "entries": list(entries_of_member(request.user)),
        "contests": contests_open_for_submission(agencies) if agencies else [],
    }
    return render(request, "entries/entry_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest, contest_pk: int) -> HttpResponse:
    agencies = agencies_of(request.user)
    if not agencies:
        raise PermissionDenied
    contest = open_contest(contest_pk)
    if contest is None:
        raise Http404
    if request.method == "POST":
        form = EntryCreateForm(request.POST, contest=contest, agencies=agencies)
        if form.is_valid():
            try:
                entry = entry_create(
                    contest=contest,
                    category=form.cleaned_data["category"],
                    agency=form.cleaned_data["agency"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The draft was created. It is saved as you type."))
                return redirect("entries:detail", pk=entry.pk)
    else:
        form = EntryCreateForm(
            initial={"category": request.GET.get("category")}, contest=contest, agencies=agencies
        )
    return render(request, "entries/entry_new.html", {"form": form, "contest": contest})


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _save_edit_form(request: HttpRequest, entry) -> tuple:
    """Save the whole edit form (the no-JS path): (saved entry, None), or (entry, the page with
    the errors next to their fields)."""
    form = EntryEditForm(request.POST, answers=entry_answers(entry))
    if not form.is_valid():
        return entry, render_detail(request, entry, form=form)
    try:
        entry = entry_update(
            entry=entry,
            by=request.user,
            title=form.cleaned_data["title"],
            answers=form.answer_values(),
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return entry, render_detail(request, entry, form=form)
    return entry, None


@login_required
@require_http_methods(["GET", "POST"])
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        return render_detail(request, visible_entry_or_404(request, pk))
    entry, refused = _save_edit_form(request, member_entry_or_404(request, pk))
    if refused:
        return refused
    messages.success(request, _("Saved."))
    return redirect("entries:detail", pk=entry.pk)


@login_required
@require_POST
def entry_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one field (htmx, as the user types) and answer with its small status line."""
    entry = member_entry_or_404(request, pk)
    fields = [key for key in request.POST if key == "title" or key.startswith("q_")]
    if len(fields) != 1:
        return HttpResponseBadRequest(_("Send exactly one field."))
    name = fields[0]
    value = request.POST[name]
    title, answers = None, None
    if name == "title":
        title = value
    else:
        question_id = parse_id(name.removeprefix("q_"))
        if question_id is None:
            return HttpResponseBadRequest(_("Unknown field."))
        answers = {question_id: value}
    context = {"name": name, "error": "", "saved_at": None}
    try:
        entry_update(entry=entry, by=request.user, title=title, answers=answers)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            context["error"] = " ".join(m for errs in exc.message_dict.values() for m in errs)
        else:
            context["error"] = _errors_text(exc)
    else:
        context["saved_at"] = timezone.localtime()
    return render(request, f"{DETAIL_TEMPLATE}#save_status", context)


@login_required
@require_POST
def entry_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit; when the edit form's fields come along (the no-JS form), save them first."""
    entry = member_entry_or_404(request, pk)
    if "title" in request.POST:
        entry, refused = _save_edit_form(request, entry)
        if refused:
            return refused
    try:
        entry = entry_submit(entry=entry, by=request.user)
    except ValidationError as exc:
        entry.refresh_from_db()
        return render_detail(request, entry, problems=exc.messages)
    messages.success(
        request,
        _("Your entry was submitted. Receipt number: %(number)s")
        % {"number": entry.receipt_number},
    )
    return redirect("entries:receipt", pk=entry.pk)


@login_required
@require_POST
def entry_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = member_entry_or_404(request, pk)
    try:
        entry_reopen(entry=entry, by=request.user)
    except ValidationError as exc:
        messages.error(request, _errors_text(exc))
    else:
        messages.success(
            request,
            _(
                "The entry is a draft again. Submit it again before the deadline; "
                "it keeps its receipt number."
            ),
        )
    return redirect("entries:detail", pk=entry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = member_entry_or_404(request, pk)
    if request.method == "POST":
        try:
            entry_withdraw(entry=entry, by=request.user)
        except ValidationError as exc:
            messages.error(request, _errors_text(exc))
            return redirect("entries:detail", pk=entry.pk)
        messages.success(request, _("The entry was withdrawn."))
        return redirect("entries:list")
    if not is_entry_withdrawable(request.user, entry):
        return redirect("entries:detail", pk=entry.pk)
    return render(request, "entries/entry_withdraw.html", {"entry": entry})


@login_required
@require_GET
def entry_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_entry_or_404(request, pk)
    if entry.status != Entry.Status.SUBMITTED:
        raise Http404
    context = {
        "entry": entry,
        "attachments": entry_attachments(entry),
        "submitted_at": timezone.localtime(entry.submitted_at),
    }
    return render(request, "entries/entry_receipt.html", context)
