"""The demo's judging set-up: round 2's panels seated, round 1 assigned automatically.

Round 1 (서면심사) gets its assignments from the same planner and service the organizer's
"automatic assignment" button uses: every entry still in the running gets five judges, never a
judge from its own agency. Scoring itself opens after the submission window, so no scores exist
yet. Running it again adds nothing: the planner keeps existing assignments and finds nothing new.
"""

from contests.models import Contest
from scoring.demo.base import Tally
from scoring.models import Judge
from scoring.selectors.assignments import round_plan
from scoring.services.assignments import assignments_auto_apply

EXPERT_PANEL_SIZE = 8  # the first 8 judges sit on 전문가 심사단, the rest on 국민심사단


def build_judging(tally: Tally, *, contest: Contest, organizer) -> None:
    written, final = contest.rounds.order_by("order")[:2]
    judges = list(Judge.objects.filter(contest=contest).order_by("user__email"))
    expert, citizen = final.panels.order_by("order")[:2]
    for index, judge in enumerate(judges):
        panel = expert if index < EXPERT_PANEL_SIZE else citizen
        if not judge.panels.filter(round=final).exists():
            judge.panels.add(panel)
            tally.created["panel seats"] = tally.created.get("panel seats", 0) + 1
    plan = round_plan(written)
    if plan.new:
        made = assignments_auto_apply(round_=written, digest=plan.digest, by=organizer)
        tally.created["assignments"] = tally.created.get("assignments", 0) + len(made)
