"""The demo's judging: round 2's panels seated, round 1 assigned automatically and nearly scored.

Round 1 (서면심사) gets its assignments from the same planner and service the organizer's
"automatic assignment" button uses: every entry in the running gets five judges, never a judge
from its own agency. Its window is open now and every judge has submitted every card, except
judge01 (the demo judge login), who has `LEFT` cards to do: the first of them is a draft with two
criteria scored, the others are not started. They are judge01's weakest entries, and the plan
(scoring.demo.plan) checks that nothing judge01 gives them can move the ties below:

- 중앙행정기관, ranks 6 and 7: a tie the chain cannot split, on the top-6 advancement line, so the
  organizer must record a decision before finalizing;
- 광역·기초자치단체, ranks 3 and 4: split by the chain's first step (혁신성 average);
- 공공기관·교육청, ranks 2 and 3: split by its second step (untrimmed mean).

Judges' habits (`STYLES`): judge07 is lenient, judge10 harsh, judge03 picks the level
descriptors, the rest are moderate. Running it again adds nothing, and a scorecard anything was
saved on (by the demo or by someone trying it) is never touched again.
"""

import datetime as dt

from django.utils import timezone

from contests.models import Contest, Round
from scoring.demo.base import Tally, stable
from scoring.demo.cards import write_round
from scoring.demo.plan import Plan, Rubric, Style, Tie, plan_round
from scoring.models import Assignment, Judge, Scorecard
from scoring.selectors.assignments import round_plan
from scoring.selectors.in_effect import assignments_in_effect
from scoring.services.assignments import assignments_auto_apply

EXPERT_PANEL_SIZE = 8  # the first 8 judges sit on 전문가 심사단, the last on 국민투표 (it enters
# the public vote's tally), the others on 국민심사단
DEMO_JUDGE = "judge01"
LEFT = 4  # judge01's cards still to do in round 1

STYLES = {
    "judge01": Style(bias=0, noise=3),
    "judge02": Style(bias=1, noise=3),
    "judge03": Style(bias=-1, noise=3, levels=True),
    "judge04": Style(bias=2, noise=4),
    "judge05": Style(bias=0, noise=4),
    "judge06": Style(bias=-2, noise=3),
    "judge07": Style(bias=9, noise=3),  # lenient
    "judge08": Style(bias=1, noise=4),
    "judge09": Style(bias=-1, noise=3),
    "judge10": Style(bias=-10, noise=4),  # harsh
    "judge11": Style(bias=2, noise=3),
    "judge12": Style(bias=0, noise=4),
}
TIES = [
    Tie(category="중앙행정기관", position=6, split=None),
    Tie(category="광역·기초자치단체", position=3, split=0),
    Tie(category="공공기관·교육청", position=2, split=1),
]
# Cases the demo shows near the top; every other entry's quality comes from its title's hash.
QUALITY = {
    "정부24 구비서류 제로화": 91,
    "전자통관시스템 유니패스 해외 수출": 88,
    "빅데이터로 살고 싶은 집 찾기": 89,
    "장애인 고용 무지개": 90,
    "전자정부 업무 클라우드 통합": 86,
}


def quality(title: str) -> int:
    return QUALITY.get(title, 60 + stable(title, "quality") % 25)


def rubric_of(round_: Round, chain: str, levels: bool = True) -> Rubric:
    criteria = list(round_.criteria.order_by("order", "id").prefetch_related("levels"))
    return Rubric(
        maxima=tuple(int(c.max_points) for c in criteria),
        levels=tuple(tuple(int(level.points) for level in c.levels.all()) for c in criteria),
        chain=[c.name_ko for c in criteria].index(chain),
        trim=round_.trim_count,
    )


def assign(tally: Tally, round_: Round, organizer) -> None:
    plan = round_plan(round_)
    if plan.new:
        made = assignments_auto_apply(round_=round_, digest=plan.digest, by=organizer)
        tally.count(Assignment, len(made))


def assignment_keys(round_: Round) -> list[tuple[str, str, str]]:
    """The round's assignments in effect as plain keys for the plan: (entry title, category
    name, judge key). Titles, not receipt numbers, so that the plan does not depend on database
    ids; a judge's key is the local part of their email ("judge01")."""
    rows = (
        assignments_in_effect(round=round_)
        .select_related("entry__category", "judge__user")
        .order_by("entry__receipt_number", "judge__user__email")
    )
    return [(a.entry.title, a.entry.category.name_ko, judge_key(a.judge)) for a in rows]


def judge_key(judge: Judge) -> str:
    return judge.user.email.split("@")[0]


def save_plan(round_: Round, plan: Plan, *, styles, window, draft=None, comment_every=1) -> int:
    """Save the plan through the judges' services; returns how many scorecards were created."""
    judges = {
        judge_key(j): j
        for j in Judge.objects.filter(contest_id=round_.contest_id).select_related("user")
    }
    entries = {
        a.entry.title: a.entry
        for a in Assignment.objects.filter(round=round_).select_related("entry")
    }
    made = write_round(
        round_, plan, judges=judges, entries=entries, styles=styles, window=window, draft=draft,
        comment_every=comment_every,
    )  # fmt: skip
    return len(made)


def touched(round_: Round) -> set[tuple[str, str]]:
    """(entry title, judge key) of the round's scorecards something was saved on."""
    rows = Scorecard.objects.filter(round=round_, version__gt=0).values_list(
        "entry__title", "judge__user__email"
    )
    return {(title, email.split("@")[0]) for title, email in rows}


def build_judging(tally: Tally, *, contest: Contest, organizer) -> Plan | None:
    written, final = contest.rounds.order_by("order")[:2]
    judges = list(Judge.objects.filter(contest=contest).order_by("user__email"))
    expert, citizen, vote = final.panels.order_by("order")[:3]
    for index, judge in enumerate(judges):
        panel = expert if index < EXPERT_PANEL_SIZE else citizen
        panel = vote if index == len(judges) - 1 else panel
        if not judge.panels.filter(round=final).exists():
            judge.panels.add(panel)
            tally.count("panel seats")
    assign(tally, written, organizer)

    keys = assignment_keys(written)
    mine = sorted((quality(title), title) for title, _c, judge in keys if judge == DEMO_JUDGE)
    left = [(title, DEMO_JUDGE) for _q, title in mine[:LEFT]]  # judge01's weakest entries
    numbers = dict(contest.entries.values_list("title", "receipt_number"))
    draft = min(left, key=lambda pair: numbers[pair[0]], default=None)  # the first on his list
    saved_on = touched(written)
    todo = {(t, j) for t, _c, j in keys} - saved_on - (set(left) - {draft})
    if not todo:
        return None
    plan = plan_round(
        rubric=rubric_of(written, chain="혁신성"),
        assignments=keys,
        quality={title: quality(title) for title, _c, _j in keys},
        styles=STYLES,
        ties=TIES,
        pending=set(left),
    )
    # The judges worked from the first morning of the window until a couple of hours ago.
    window = (
        written.opens_at + dt.timedelta(hours=1),
        min(written.closes_at, timezone.now() - dt.timedelta(hours=2)),
    )
    made = save_plan(
        written, plan, styles=STYLES, window=window, draft=draft, comment_every=3
    )  # fmt: skip
    tally.count(Scorecard, made)
    return plan
