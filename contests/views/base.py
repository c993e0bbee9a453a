"""Helpers shared by the contest views: permission-checked look-ups and partial rendering."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from contests import selectors
from contests.models import Contest
from contests.permissions import can_manage_contest


def manageable_contest(request, pk: int) -> Contest:
    """The contest if the user manages it: 404 when they may not even see it, else 403."""
    contest = selectors.contest_get(request.user, pk)
    if not can_manage_contest(request.user, contest):
        raise PermissionDenied
    return contest


def render_region(request, template: str, context: dict, *, partial: str | None, status=200):
    """The whole page, or only `partial` of it for an htmx request."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)


def add_row(data, prefix: str):
    """A copy of posted formset data with one more (blank) row; nothing is saved."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data
