"""Agency pages: my agencies, an agency's members, and the agency admin's member actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.permissions import is_site_admin
from submissions.forms.members import MemberAddForm
from submissions.models import Agency, AgencyMembership
from submissions.permissions import can_manage_agency_members
from submissions.selectors.members import (
    agency_members,
    agency_visible_to,
    membership_in,
    memberships_of,
)
from submissions.services.members import (
    agency_member_add,
    agency_member_remove,
    agency_member_set_admin,
)

DETAIL_TEMPLATE = "submissions/agency_detail.html"


def _agency_or_404(request: HttpRequest, pk: int) -> Agency:
    agency = agency_visible_to(request.user, pk)
    if agency is None:
        raise Http404
    return agency


def _managed_agency(request: HttpRequest, pk: int) -> Agency:
    """The agency, 404 if the user may not see it, 403 if they may see but not manage it."""
    agency = _agency_or_404(request, pk)
    if not can_manage_agency_members(request.user, agency):
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
            membership = agency_member_add(
                agency=agency,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            notice = _("%(name)s was added to %(agency)s.") % {
                "name": membership.user.name or membership.user.email,
                "agency": agency.name,
            }
            return _after_action(request, agency, notice=notice)
    return _render_detail(request, agency, form=form)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    membership = _membership_or_404(agency, membership_pk)
    name = membership.user.name or membership.user.email
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
    name = membership.user.name or membership.user.email
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
