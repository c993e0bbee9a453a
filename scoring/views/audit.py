"""Read-only audit of score changes, per entry and per judge (namespace `control`)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest, render_region
from scoring.selectors.audit import (
    audit_events,
    audit_page,
    card_rows,
    control_entry,
    control_judge,
)


@login_required
@require_GET
def audit_entry(request, pk, entry_pk):
    """Every scorecard of the entry (with the organizer's actions) and every change to them."""
    contest = manageable_contest(request, pk)
    entry = control_entry(contest, entry_pk)
    context = {
        "contest": contest,
        "entry": entry,
        "cards": card_rows(contest, entry=entry),
        "page": audit_page(audit_events(contest, entry=entry), request.GET.get("page")),
    }
    return render_region(request, "control/audit_entry.html", context, partial="events")


@login_required
@require_GET
def audit_judge(request, pk, judge_pk):
    contest = manageable_contest(request, pk)
    judge = control_judge(contest, judge_pk)
    context = {
        "contest": contest,
        "judge": judge,
        "cards": card_rows(contest, judge=judge),
        "page": audit_page(audit_events(contest, judge=judge), request.GET.get("page")),
    }
    return render_region(request, "control/audit_judge.html", context, partial="events")
