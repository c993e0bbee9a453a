"""Agency pages: my agencies, an agency's members, and the agency admin's member actions."""

from urllib.parse import urlencode

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.rules import is_site_admin
from submissions.forms.members import InvitationAnswerForm, MemberAddForm
from submissions.models import Agency, AgencyMembership
from submissions.selectors.members import (
    agency_invitations_pending,
    agency_members,
    agency_visible_to,
    invitation_by_token,
    membership_in,
    memberships_of,
    pending_invitation_in,
)
from submissions.services.members import (
    agency_invitation_accept,
    agency_invitation_cancel,
    agency_invitation_decline,
    agency_member_invite,
    agency_member_remove,
    agency_member_set_admin,
)

DETAIL_TEMPLATE = "submissions/agency_detail.html"
INVITATION_TEMPLATE = "submissions/agency_invitation.html"


def _agency_or_404(request: HttpRequest, pk: int) -> Agency:
    agency = agency_visible_to(request.user, pk)
    if agency is None:
        raise Http404
    return agency


def _managed_agency(request: HttpRequest, pk: int) -> Agency:
    """The agency, 404 if the user may not see it, 403 if they may see but not manage it."""
    agency = _agency_or_404(request, pk)
    if not rules.has_perm("submissions.manage_agency_members", request.user, agency):
        raise PermissionDenied
    return agency


def _membership_or_404(agency: Agency, membership_pk: int) -> AgencyMembership:
    membership = membership_in(agency, membership_pk)
    if membership is None:
        raise Http404
    return membership


def _render_detail(
    request: HttpRequest,
    agency: Agency,
    *,
    form: MemberAddForm | None = None,
    notice: str = "",
    error: str = "",
) -> HttpResponse:
    can_manage = bool(agency.viewer_is_admin) or is_site_admin(request.user)
    members = list(agency_members(agency))
    if can_manage and form is None:
        form = MemberAddForm(agency=agency)
    context = {
        "agency": agency,
        "members": members,
        "invitations": list(agency_invitations_pending(agency)) if can_manage else [],
        "admin_count": sum(1 for m in members if m.is_admin),
        "can_manage": can_manage,
        "form": form,
        "notice": notice,
        "error": error,
    }
    template = f"{DETAIL_TEMPLATE}#members" if request.htmx else DETAIL_TEMPLATE
    return render(request, template, context)


def _after_action(request: HttpRequest, agency: Agency, *, notice: str = "", error: str = ""):
    """htmx: re-render the member region in place; plain POST: message and redirect (PRG)."""
    if request.htmx:
        return _render_detail(request, agency, notice=notice, error=error)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect("submissions:agency_detail", pk=agency.pk)


@login_required
@require_GET
def my_agencies(request: HttpRequest) -> HttpResponse:
    return render(
        request, "submissions/my_agencies.html", {"memberships": memberships_of(request.user)}
    )


@login_required
@require_GET
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _agency_or_404(request, pk))


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    form = MemberAddForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            invitation = agency_member_invite(
                agency=agency,
                **form.cleaned_data,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The same reply whether or not the address has an account: it names nobody.
            notice = _(
                "An invitation email was sent to %(email)s. They become a member when they "
                "accept it."
            ) % {"email": invitation.email}
            return _after_action(request, agency, notice=notice)
    return _render_detail(request, agency, form=form)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    membership = _membership_or_404(agency, membership_pk)
    name = membership.user.display_name
    removed_self = membership.user_id == request.user.pk
    try:
        agency_member_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        return _after_action(request, agency, error=" ".join(exc.messages))
    if removed_self and not request.user.is_superuser:
        messages.success(request, _("You left %(agency)s.") % {"agency": agency.name})
        url = reverse("submissions:my_agencies")
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    notice = _("%(name)s was removed from %(agency)s.") % {"name": name, "agency": agency.name}
    return _after_action(request, agency, notice=notice)


@login_required
@require_POST
def member_toggle_admin(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    membership = _membership_or_404(agency, membership_pk)
    name = membership.user.display_name
    try:
        agency_member_set_admin(
            membership=membership, is_admin=not membership.is_admin, by=request.user
        )
    except ValidationError as exc:
        return _after_action(request, agency, error=" ".join(exc.messages))
    if membership.is_admin:
        notice = _("%(name)s is now an agency admin.") % {"name": name}
    else:
        notice = _("%(name)s is no longer an agency admin.") % {"name": name}
    stepped_down = membership.user_id == request.user.pk and not membership.is_admin
    if stepped_down and not request.user.is_superuser and request.htmx:
        # The page the user is on now shows controls they no longer have: reload it.
        messages.success(request, notice)
        return HttpResponseClientRedirect(reverse("submissions:agency_detail", args=[agency.pk]))
    return _after_action(request, agency, notice=notice)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, pk: int, agency_invitation_pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    invitation = pending_invitation_in(agency, agency_invitation_pk)
    if invitation is None:
        raise Http404
    try:
        agency_invitation_cancel(invitation=invitation)
    except ValidationError as exc:
        return _after_action(request, agency, error=" ".join(exc.messages))
    notice = _("The invitation to %(email)s was cancelled.") % {"email": invitation.email}
    return _after_action(request, agency, notice=notice)


@require_http_methods(["GET", "POST"])
def invitation_detail(request: HttpRequest, invitation_token: str) -> HttpResponse:
    """The emailed link: the invited person, signed in with that address, accepts or declines."""
    invitation = invitation_by_token(invitation_token)
    if invitation is None:
        raise Http404
    here = request.get_full_path()
    login_url = f"{reverse('account_login')}?{urlencode({'next': here})}"
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(login_url)
        form = InvitationAnswerForm(request.POST)
        if not form.is_valid():
            return redirect(here)
        accept = form.cleaned_data["decision"] == InvitationAnswerForm.ACCEPT
        try:
            if accept:
                agency_invitation_accept(invitation=invitation, user=user)
            else:
                agency_invitation_decline(invitation=invitation, user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(here)
        if accept:
            messages.success(
                request,
                _("You are now a member of %(agency)s.") % {"agency": invitation.agency.name},
            )
            return redirect("submissions:agency_detail", pk=invitation.agency_id)
        messages.success(request, _("You declined the invitation."))
        return redirect("home")
    context = {
        "invitation": invitation,
        "agency": invitation.agency,
        "is_recipient": rules.has_perm("submissions.accept_agency_invitation", user, invitation),
        "login_url": login_url,
        "signup_url": reverse("account_signup")
        + "?"
        + urlencode({"email": invitation.email, "next": here}),
    }
    return render(request, INVITATION_TEMPLATE, context)
