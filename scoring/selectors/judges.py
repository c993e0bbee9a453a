"""Reads for the organizer's judge pages and the invitation link (callers check permissions)."""

import re

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from contests.models import Category, Contest, Panel, Round
from scoring.models import Judge, JudgeInvitation
from submissions.models import Agency

NAME_WITH_CODE = re.compile(r"^(?P<name>.*)\((?P<code>[^()]+)\)\s*$")


def judges_of(contest: Contest) -> list[Judge]:
    """The contest's judges with user, affiliation, categories, panels and assignment counts."""
    return list(
        Judge.objects.filter(contest=contest)
        .select_related("user", "affiliation")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("order", "id")),
            Prefetch("panels", queryset=Panel.objects.select_related("round")),
        )
        .annotate(assignment_count=Count("assignments", distinct=True))
        .order_by("user__name", "pk")
    )


def pending_invitations(contest: Contest) -> list[JudgeInvitation]:
    return list(
        JudgeInvitation.objects.filter(contest=contest, accepted_at=None)
        .select_related("affiliation", "invited_by")
        .prefetch_related(Prefetch("categories", queryset=Category.objects.order_by("order")))
        .order_by("name", "pk")
    )


def invitation_get(contest: Contest, pk: int) -> JudgeInvitation:
    invitation = JudgeInvitation.objects.filter(contest=contest, pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_by_token(token: str) -> JudgeInvitation:
    """The invitation behind a link, with its contest; 404 for an unknown token."""
    invitation = (
        JudgeInvitation.objects.select_related("contest", "affiliation", "judge__user")
        .filter(token=token)
        .first()
    )
    if invitation is None or not token:
        raise Http404
    return invitation


def agencies_for_choice() -> QuerySet[Agency]:
    return Agency.objects.only("pk", "code", "name_ko", "name_en").order_by("name_ko")


def agency_label(agency: Agency) -> str:
    """How an agency is written in forms and lists: "행정안전부 (1741000)"."""
    return f"{agency.name_ko} ({agency.code})"


def agency_resolve(text: str) -> Agency | None:
    """The agency named by a code, its Korean or English name, or "name (code)"; None if unknown
    or ambiguous."""
    text = (text or "").strip()
    if not text:
        return None
    match = NAME_WITH_CODE.match(text)
    codes = [text] + ([match["code"].strip()] if match else [])
    found = list(Agency.objects.filter(code__in=codes)[:2])
    if len(found) == 1:
        return found[0]
    found = list(Agency.objects.filter(Q(name_ko__iexact=text) | Q(name_en__iexact=text))[:2])
    return found[0] if len(found) == 1 else None


def category_lookup(contest: Contest) -> dict[str, Category]:
    """The contest's categories by lower-cased Korean name, English name and id."""
    lookup: dict[str, Category] = {}
    for category in Category.objects.filter(contest=contest):
        for key in (category.name_ko, category.name_en, str(category.pk)):
            if key:
                lookup.setdefault(key.strip().lower(), category)
    return lookup


def round_with_panels(round_: Round) -> list[Panel]:
    return list(Panel.objects.filter(round=round_).prefetch_related("judges"))
