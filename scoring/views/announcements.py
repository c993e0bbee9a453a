"""The organizer's announcements (namespace `announcements`): the list of those sent, and the
compose page (write → preview with the number of agencies and people → send).

Organizers of the contest and site admins only (contests.views.base.manageable_contest). The
compose page works without JavaScript: every step is a POST of the same form, told apart by the
pressed button (`action`: preview, edit, send).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contests.views.base import manageable_contest
from scoring.forms.announcements import AnnouncementForm
from scoring.selectors.announcements import announcements_sent
from scoring.services.announcements import NOBODY, announcement_preview, announcement_send

COMPOSE = "contests/announcements_new.html"
PREVIEW = "contests/announcements_preview.html"


@login_required
@require_GET
def announcement_list(request, contest_pk):
    contest = manageable_contest(request, contest_pk)
    context = {"contest": contest, "announcements": announcements_sent(contest)}
    return render(request, "contests/announcements.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_new(request, contest_pk):
    contest = manageable_contest(request, contest_pk)
    if request.method == "GET":
        return _compose(request, contest, AnnouncementForm(contest=contest))
    form = AnnouncementForm(request.POST, contest=contest)
    action = request.POST.get("action")
    if action not in ("preview", "send") or not form.is_valid():
        return _compose(request, contest, form)
    data = form.cleaned_data
    fields = {"contest": contest, "target": data["audience"], "title": data["title"]}
    if action == "preview":
        return _preview(request, contest, form, fields)
    try:
        sent = announcement_send(**fields, body=data["body"], key=data["key"], by=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _compose(request, contest, form)
    if sent.created:
        messages.success(request, _sent_message(sent.announcement))
    else:
        messages.info(request, _("This announcement was sent already; it was not sent again."))
    return redirect("announcements:list", contest_pk=contest.pk)


def _compose(request, contest, form):
    return render(request, COMPOSE, {"contest": contest, "form": form})


def _preview(request, contest, form, fields):
    preview = announcement_preview(**fields, body=form.cleaned_data["body"], by=request.user)
    if preview is None:
        form.add_error("audience", NOBODY)
        return _compose(request, contest, form)
    context = {
        "contest": contest,
        "form": form,
        "target": fields["target"],
        "agencies": preview.recipients.agencies,
        "people": len(preview.recipients.members),
        "subject": preview.subject,
        "body": preview.body,
    }
    return render(request, PREVIEW, context)


def _sent_message(announcement) -> str:
    return _("The announcement was sent. Agencies: %(agencies)s, people emailed: %(people)s.") % {
        "agencies": announcement.agency_count,
        "people": announcement.recipient_count,
    }
