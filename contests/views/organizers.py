"""A contest's organizers page (add by email, remove) and the deletion of an empty contest."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.ids import parse_id
from contests.forms.lifecycle import ContestDeleteForm, OrganizerAddForm
from contests.services.deletion import (
    contest_delete,
    contest_entry_count,
    has_entries_message,
)
from contests.services.organizers import organizer_add, organizer_remove, organizers_of
from contests.views.base import manageable_contest

User = get_user_model()


def _organizers_page(request, contest, form, *, error: str = "", status: int = 200):
    return render(
        request,
        "contests/organizers.html",
        {
            "contest": contest,
            "organizers": organizers_of(contest),
            "form": form,
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organizers(request, pk):
    """The list of organizers, and adding one by email (the typed address is kept on refusal)."""
    contest = manageable_contest(request, pk)
    form = OrganizerAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = organizer_add(
                contest=contest, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s was added as an organizer and told by email.")
                % {"name": added.display_name},
            )
            return redirect("contests:organizers", pk=contest.pk)
    return _organizers_page(request, contest, form)


@login_required
@require_POST
def organizer_remove_view(request, pk):
    contest = manageable_contest(request, pk)
    user_pk = parse_id(request.POST.get("user"))
    person = contest.organizers.filter(pk=user_pk).first() if user_pk else None
    if person is None:
        raise Http404
    try:
        organizer_remove(contest=contest, user=person, by=request.user)
    except ValidationError as error:
        return _organizers_page(
            request, contest, OrganizerAddForm(), error=error.messages[0], status=409
        )
    if person.pk == request.user.pk:
        messages.success(
            request,
            _("You are no longer an organizer of %(contest)s.") % {"contest": contest.name},
        )
        return redirect("contests:list")
    messages.success(
        request, _("%(name)s is no longer an organizer.") % {"name": person.display_name}
    )
    return redirect("contests:organizers", pk=contest.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contest_delete_view(request, pk):
    """Confirm and delete a contest without entries; with entries the page says why not, and a
    POST anyway is refused with 409 (the service checks again under a lock)."""
    contest = manageable_contest(request, pk)
    entry_count = contest_entry_count(contest)
    form = ContestDeleteForm(request.POST or None, contest=contest)
    error = ""
    if request.method == "POST" and not entry_count and form.is_valid():
        try:
            contest_delete(contest=contest, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, _("The contest %(contest)s was deleted.") % {"contest": contest.name}
            )
            return redirect("contests:list")
    refused = request.method == "POST" and bool(entry_count or error)
    return render(
        request,
        "contests/contest_delete.html",
        {
            "contest": contest,
            "form": form,
            "entry_count": entry_count,
            "refusal": has_entries_message(entry_count) if entry_count else "",
            "error": error,
        },
        status=409 if refused else 200,
    )
