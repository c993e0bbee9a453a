"""Organizer pages: the contest's judges and invitations, inviting, panels of a round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from config.ids import parse_id
from contests.selectors import round_get
from contests.views.base import manageable_contest
from scoring.forms.judges import BulkInviteForm, InviteForm, PanelMembersForm
from scoring.selectors import judges as selectors
from scoring.selectors.joining import judges_with_pledges
from scoring.services import judges as services


@login_required
def judge_list(request, pk):
    contest = manageable_contest(request, pk)
    context = {
        "contest": contest,
        "judges": judges_with_pledges(contest),
        "invitations": selectors.pending_invitations(contest),
        "rounds": list(contest.rounds.all()),
    }
    return render(request, "judging/judge_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def judge_invite(request, pk):
    contest = manageable_contest(request, pk)
    form = InviteForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.judge_invite(
                contest=contest,
                invitee=form.invitee(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("judging:judges", pk=contest.pk)
    context = {"contest": contest, "form": form, "agencies": selectors.agencies_for_choice()}
    return render(request, "judging/invite.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def judge_invite_bulk(request, pk):
    contest = manageable_contest(request, pk)
    form = BulkInviteForm(request.POST or None, request.FILES or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.judges_invite_many(
                contest=contest,
                invitees=form.cleaned_data["invitees"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s invitation was sent.", "%(n)s invitations were sent.", len(done))
                % {"n": len(done)},
            )
            return redirect("judging:judges", pk=contest.pk)
    return render(request, "judging/invite_bulk.html", {"contest": contest, "form": form})


@login_required
@require_POST
def invitation_resend(request, pk, invitation_pk):
    contest = manageable_contest(request, pk)
    invitation = selectors.invitation_get(contest, invitation_pk)
    try:
        services.invitation_resend(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("judging:judges", pk=contest.pk)


@login_required
@require_POST
def invitation_cancel(request, pk, invitation_pk):
    contest = manageable_contest(request, pk)
    invitation = selectors.invitation_get(contest, invitation_pk)
    try:
        services.invitation_cancel(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was cancelled; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("judging:judges", pk=contest.pk)


@login_required
@require_http_methods(["GET", "POST"])
def panel_members(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    round_ = round_get(contest, round_pk)
    panels = selectors.round_with_panels(round_)
    judges = selectors.judges_of(contest)
    if request.method == "POST":
        form = PanelMembersForm(request.POST, panels=panels, judges=judges)
    else:
        initial = {f"panel-{p.pk}": [j.pk for j in p.judges.all()] for p in panels}
        form = PanelMembersForm(initial=initial, panels=panels, judges=judges)
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_members_save(round_=round_, members=form.members())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The panels were saved."))
            return redirect("judging:panels", pk=contest.pk, round_pk=round_.pk)
    checked = {(p.pk, parse_id(v)) for p in panels for v in (form[f"panel-{p.pk}"].value() or [])}
    rows = [(judge, [(p, (p.pk, judge.pk) in checked) for p in panels]) for judge in judges]
    context = {
        "contest": contest,
        "round": round_,
        "panels": panels,
        "rows": rows,
        "form": form,
        "status": 400 if form.is_bound and form.errors else 200,
    }
    return render(request, "judging/panels.html", context, status=context["status"])
