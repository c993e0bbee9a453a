"""The invitation link: explains, leads through sign-up or login, shows the pledges and accepts
(POST, both pledges ticked), or declines (anyone holding the link, with an optional reason)."""

from urllib.parse import urlencode

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from scoring.forms.judges import AcceptInvitationForm, DeclineInvitationForm
from scoring.pledges import CONFLICT_YEARS, pledge_templates
from scoring.selectors.judges import invitation_by_token
from scoring.services.judges import invitation_accept, invitation_decline


def judge_home_url() -> str:
    """The judge's dashboard, or the home page while the judge pages do not exist yet."""
    try:
        return reverse("judge:dashboard")
    except NoReverseMatch:
        return reverse("home")


def _context(request, invitation, form) -> dict:
    here = reverse("invitations:detail", args=[invitation.token])
    user = request.user
    return {
        "invitation": invitation,
        "contest": invitation.contest,
        "form": form,
        "accepted": invitation.accepted_at is not None,
        "declined": invitation.declined_at is not None,
        "accepted_by_me": (
            invitation.judge is not None
            and user.is_authenticated
            and invitation.judge.user_id == user.pk
        ),
        "other_email": (user.is_authenticated and user.email.lower() != invitation.email.lower()),
        "signup_url": reverse("account_signup")
        + "?"
        + urlencode({"email": invitation.email, "next": here}),
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
        "judge_home_url": judge_home_url(),
        "pledges": pledge_templates(),
        "conflict_years": CONFLICT_YEARS,
        "decline_form": DeclineInvitationForm(),
    }


@require_http_methods(["GET", "POST"])
def invitation_detail(request, token):
    invitation = invitation_by_token(token)
    user = request.user
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not user.is_authenticated:
            here = request.get_full_path()
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        if rules.has_perm("scoring.accept_invitation", user, invitation):
            if not form.is_valid():
                status = 400
            else:
                try:
                    invitation_accept(invitation=invitation, user=user, **form.cleaned_data)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        _("Welcome! You are now a judge of %(contest)s.")
                        % {"contest": invitation.contest.name},
                    )
                    return redirect(judge_home_url())
        invitation.refresh_from_db()
    return render(
        request, "judging/invitation.html", _context(request, invitation, form), status=status
    )


@require_http_methods(["GET", "POST"])
def invitation_decline_view(request, token):
    """Decline (anyone holding the link: the invited person may have no account)."""
    invitation = invitation_by_token(token)
    form = DeclineInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_decline(invitation=invitation, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You declined the invitation. The organizer has been told. Thank you."),
            )
        return redirect("invitations:detail", token=invitation.token)
    context = {"invitation": invitation, "contest": invitation.contest, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "judging/invitation_decline.html", context, status=status)
