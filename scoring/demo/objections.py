"""The demo's objections (이의신청) on the published 2025 적극행정 우수사례 경진대회: the
organizer set a two-week period after the announcement (closed 2025-08-05 18:00); 행정안전부 (the
demo agency login) objected to the scores of 본선 심사 and was answered (기각) with a reason;
another agency's objection about the judging procedure is still under review, for the organizer
to answer. Filed and answered through the services the pages use, with the period opened only
while the demo files them; every time is then put back in 2025. Built once: once the contest
has objections, nothing is added (an organizer trying the demo may have answered the open one).
"""

import datetime as dt

from django.utils import timezone

from contests.models import Contest
from scoring.demo.base import SEOUL, Tally
from scoring.demo.submitted import agency_officer
from scoring.models import Objection, ObjectionWindow
from scoring.services.objections import objection_answer, objection_file
from submissions.models import Entry

OWN_AGENCY = "MOIS"  # the demo agency login's
CLOSES = dt.datetime(2025, 8, 5, 18, 0, tzinfo=SEOUL)
SET = dt.datetime(2025, 7, 22, 10, 30, tzinfo=SEOUL)
# (filed, answered or None, concern, text, answer)
OBJECTIONS = [
    (
        dt.datetime(2025, 7, 25, 14, 10, tzinfo=SEOUL),
        dt.datetime(2025, 7, 31, 17, 0, tzinfo=SEOUL),
        Objection.Concern.SCORES,
        "본선 심사에서 국민체감 효과 항목 점수가 제출한 성과 지표(민원 처리기간 40% 단축)에 "
        "비해 낮게 산정되었습니다. 항목별 점수 산정 근거를 확인해 주시기 바랍니다.",
        "심사위원 7명의 평가표와 절사평균 산정 과정을 다시 확인한 결과 점수 산정에 오류가 "
        "없었습니다. 국민체감 효과 항목은 성과 지표와 함께 확산 가능성을 종합하여 평가하였으며, "
        "항목별 점수는 결과 보고서에서 확인하실 수 있습니다.",
    ),
    (
        dt.datetime(2025, 8, 4, 11, 30, tzinfo=SEOUL),
        None,
        Objection.Concern.PROCEDURE,
        "본선 심사 심사위원 가운데 우리 기관 사례와 유사한 사업을 자문한 위원이 포함되어 "
        "있었던 것으로 보입니다. 제척·회피 절차가 지켜졌는지 확인을 요청합니다.",
        "",
    ),
]


def build_objections(tally: Tally, *, contest: Contest, users, organizer) -> None:
    """The period, one answered and one open objection (see the module's docstring)."""
    if contest.results_published_at is None:  # an organizer trying the demo withdrew them
        return
    if not ObjectionWindow.objects.filter(contest=contest).exists():
        ObjectionWindow.objects.create(contest=contest, closes_at=CLOSES, set_by=organizer)
        ObjectionWindow.objects.filter(contest=contest).update(set_at=SET)
        tally.count(ObjectionWindow)
    if Objection.objects.filter(contest=contest).exists():
        return
    entries = _objecting_entries(contest)
    if len(entries) < len(OBJECTIONS):
        return
    rounds = list(contest.rounds.order_by("order", "id"))
    window = ObjectionWindow.objects.get(contest=contest)
    ObjectionWindow.objects.filter(pk=window.pk).update(
        closes_at=timezone.now() + dt.timedelta(hours=1)
    )
    try:
        for entry, (filed, answered, concern, text, answer) in zip(
            entries, OBJECTIONS, strict=False
        ):
            officer = agency_officer(users, entry.agency, tally)
            round_ = rounds[-1] if concern == Objection.Concern.SCORES else None
            objection = objection_file(
                entry=entry, by=officer, concern=concern, text=text, round_=round_
            )
            tally.count(Objection)
            if answered is not None:
                objection_answer(
                    objection=objection, by=organizer, outcome="dismissed", reason=answer
                )
            Objection.objects.filter(pk=objection.pk).update(filed_at=filed, answered_at=answered)
    finally:
        ObjectionWindow.objects.filter(pk=window.pk).update(closes_at=window.closes_at)


def _objecting_entries(contest: Contest) -> list[Entry]:
    """행정안전부's entry, then the first entry (by receipt number) of another agency."""
    entries = list(
        Entry.objects.filter(contest=contest, status=Entry.Status.SUBMITTED)
        .select_related("agency", "contest")
        .order_by("receipt_number", "pk")
    )
    own = [entry for entry in entries if entry.agency.code == OWN_AGENCY][:1]
    others = [entry for entry in entries if entry.agency.code != OWN_AGENCY][:1]
    return own + others
