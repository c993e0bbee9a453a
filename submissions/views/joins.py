"""Join requests: a user asks to join (or register) an agency; organizers approve or reject."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from submissions.forms.joins import DecisionForm, JoinExistingAgencyForm, JoinNewAgencyForm
from submissions.models import JoinRequest
from submissions.selectors.joins import (
    AGENCY_CHOICES_LIMIT,
    agency_by_pk,
    agency_search,
    join_request_counts,
    join_request_for_organizer,
    join_requests_for_organizer,
    join_requests_of,
    own_join_request,
    pending_join_request_of,
)
from submissions.selectors.members import memberships_of
from submissions.services import joins as services

FORM_TEMPLATE = "submissions/join_request_form.html"
LIST_TEMPLATE = "submissions/join_request_list.html"
DETAIL_TEMPLATE = "submissions/join_request_detail.html"
LIST_PAGE_SIZE = 50


@login_required
@require_GET
def my_agencies(request: HttpRequest) -> HttpResponse:
    """The user's agencies; without one, their join requests and the way to ask."""
    memberships = memberships_of(request.user)
    join_requests = [] if memberships else join_requests_of(request.user)
    return render(
        request,
        "submissions/my_agencies.html",
        {
            "memberships": memberships,
            "join_requests": join_requests,
            "has_pending_request": any(
                r.status == JoinRequest.Status.PENDING for r in join_requests
            ),
        },
    )


def _join_page(request: HttpRequest, *, new_agency: bool) -> HttpResponse:
    user = request.user
    memberships = memberships_of(user)
    if memberships:
        if request.method == "POST":
            raise PermissionDenied
        context = {"memberships": memberships, "new_agency": new_agency}
        return render(request, FORM_TEMPLATE, context)

    form_class = JoinNewAgencyForm if new_agency else JoinExistingAgencyForm
    query = request.GET.get("q", "")[:100]
    if request.method == "POST":
        form = form_class(request.POST, user=user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.join_request_create(user=user, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Your request was sent. You will get an email when an organizer decides."),
                )
                return redirect("submissions:my_agencies")
    else:
        form = form_class(user=user)

    context = {"form": form, "new_agency": new_agency, "q": query}
    if not new_agency:
        agencies = agency_search(query)
        # A search-as-you-type request sends the current choice along (hx-include) to keep it.
        selected = form["agency"].value() if form.is_bound else request.GET.get("agency", "")
        context["agencies"] = agencies
        context["selected"] = str(selected or "")
        context["limit_reached"] = len(agencies) >= AGENCY_CHOICES_LIMIT
        if context["selected"] and context["selected"] not in {str(a.pk) for a in agencies}:
            # Keep a choice the current search no longer lists (e.g. after a form error).
            agencies[:0] = agency_by_pk(context["selected"])
        if request.htmx and request.method == "GET":
            return render(request, f"{FORM_TEMPLATE}#agency-choices", context)
    context["pending"] = pending_join_request_of(user)
    return render(request, FORM_TEMPLATE, context)


@login_required
@require_http_methods(["GET", "POST"])
def join_request_create(request: HttpRequest) -> HttpResponse:
    return _join_page(request, new_agency=False)


@login_required
@require_http_methods(["GET", "POST"])
def join_request_new_agency(request: HttpRequest) -> HttpResponse:
    return _join_page(request, new_agency=True)


@login_required
@require_POST
def join_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = own_join_request(request.user, pk)
    if join_request is None:
        raise Http404
    try:
        services.join_request_withdraw(join_request=join_request, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("submissions:my_agencies")


def _require_decider(request: HttpRequest) -> None:
    if not rules.has_perm("submissions.decide_join_requests", request.user):
        raise PermissionDenied


@login_required
@require_GET
def join_request_list(request: HttpRequest) -> HttpResponse:
    _require_decider(request)
    status = request.GET.get("status", "")
    if status not in JoinRequest.Status.values:
        status = ""
    paginator = Paginator(join_requests_for_organizer(request.user, status=status), LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    counts = join_request_counts(request.user)
    filters = [("", _("All"), counts["all"])] + [
        (value, label, counts[value]) for value, label in JoinRequest.Status.choices
    ]
    context = {"page": page, "status": status, "filters": filters}
    template = f"{LIST_TEMPLATE}#requests" if request.htmx else LIST_TEMPLATE
    return render(request, template, context)


def _decided_request(request: HttpRequest, pk: int) -> JoinRequest:
    _require_decider(request)
    join_request = join_request_for_organizer(request.user, pk)
    if join_request is None:
        raise Http404
    return join_request


@login_required
@require_GET
def join_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = _decided_request(request, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, join_request, DecisionForm()))


def _detail_context(request: HttpRequest, join_request: JoinRequest, form: DecisionForm) -> dict:
    can_decide = rules.has_perm("submissions.decide_join_request", request.user, join_request)
    return {"join_request": join_request, "form": form, "can_decide": can_decide}


@login_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = _decided_request(request, pk)
    if not rules.has_perm("submissions.decide_join_request", request.user, join_request):
        raise PermissionDenied  # nobody decides their own request
    form = DecisionForm(request.POST)
    if form.is_valid():
        applicant = join_request.user.display_name
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                membership = services.join_request_approve(
                    join_request=join_request, by=request.user
                )
                notice = _("%(name)s is now a member of %(agency)s.") % {
                    "name": applicant,
                    "agency": membership.agency.name,
                }
            else:
                services.join_request_reject(
                    join_request=join_request,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
                notice = _("The request of %(name)s was rejected.") % {"name": applicant}
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_error(None, exc)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("submissions:join_request_detail", pk=join_request.pk)
        else:
            messages.success(request, notice)
            return redirect("submissions:join_request_list")
    return render(request, DETAIL_TEMPLATE, _detail_context(request, join_request, form))
