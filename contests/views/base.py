"""Helpers shared by the contest views: permission-checked look-ups and partial rendering."""

import rules
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from config.ids import parse_int
from contests import selectors
from contests.models import Contest


def manageable_contest(request, pk: int) -> Contest:
    """The contest if the user manages it: 404 when they may not even see it, else 403.
    The one such look-up of the organizer pages of every app."""
    contest = selectors.contest_get(request.user, pk)
    if not rules.has_perm("contests.manage_contest", request.user, contest):
        raise PermissionDenied
    return contest


def render_region(request, template: str, context: dict, *, partial: str | None, status=200):
    """The whole page, or only `partial` of it for an htmx request."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)


MAX_FORM_ROWS = 1000  # Django's formsets never build more forms than this


def add_row(data, prefix: str):
    """A copy of posted formset data with one more (blank) row; nothing is saved."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    count = parse_int(data.get(key) or "0", low=0, high=MAX_FORM_ROWS) or 0
    data[key] = str(count + 1)
    return data
