"""The invitation link: explains, leads through sign-up or login, and accepts (POST)."""

from urllib.parse import urlencode

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from scoring.selectors.judges import invitation_by_token
from scoring.services.judges import invitation_accept


def judge_home_url() -> str:
    """The judge's dashboard, or the home page while the judge pages do not exist yet."""
    try:
        return reverse("judge:dashboard")
    except NoReverseMatch:
        return reverse("home")


@require_http_methods(["GET", "POST"])
def invitation_detail(request, token):
    invitation = invitation_by_token(token)
    here = request.get_full_path()
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        if rules.has_perm("scoring.accept_invitation", user, invitation):
            try:
                invitation_accept(invitation=invitation, user=user)
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
    context = {
        "invitation": invitation,
        "contest": invitation.contest,
        "accepted": invitation.accepted_at is not None,
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
    }
    return render(request, "judging/invitation.html", context)
