"""The finished demo contest: 2025 적극행정 우수사례 경진대회, scored, finalized and published.

One round (본선 심사, weight 100, trimmed mean dropping one total at each end) in which seven of
the demo judges scored all 16 cases (a complete design, so ICC and Kendall's W apply). Everything
goes through the services an agency, a judge and the organizer use: entries made and submitted by
each agency's officer, scorecards saved and submitted by each judge, then `tie_decide`,
`round_finalize` and `results_publish` by the organizer. The third and fourth cases tie and the
chain (국민체감 효과 average, then the untrimmed mean) cannot split them, across the boundary of
국무총리상: the organizer's decision, with its reason, is part of the published result.
행정안전부 (the demo agency login's agency) wins 국무총리상.

Built once: once its round has had a result, the contest is left as it is (an organizer trying
the demo may reopen the round or withdraw the publication; a rerun does not undo that). Its dates
are fixed in 2025; the windows are opened only while the demo acts, and every time is then put
back in 2025.
"""

import datetime as dt
from decimal import Decimal

from contests.models import (
    AgencyKind,
    Category,
    Contest,
    PublicationEvent,
    Round,
)
from scoring.demo.base import SEOUL, Tally, scoring_open, stable, submission_open
from scoring.demo.cards import backdate_entries
from scoring.demo.contest import (
    rubric,
    tie_break_chain,
    tiers_and_questions,
)
from scoring.demo.judging import STYLES, assign, assignment_keys, rubric_of, save_plan
from scoring.demo.past_entries import CATEGORIES, PAST_ENTRIES, QUALITY, QUESTION_LABELS
from scoring.demo.people import JUDGES
from scoring.demo.plan import Tie, plan_round
from scoring.demo.submitted import agency_officer
from scoring.models import Judge, RoundResult, Scorecard, TieDecision
from scoring.outcome import compute
from scoring.selectors.results import round_inputs
from scoring.services.results import results_publish, round_finalize, tie_decide
from submissions.models import Entry
from submissions.services.entries import entry_create, entry_submit, entry_update
from submissions.services.screening import entry_screen

NAME_KO = "2025 적극행정 우수사례 경진대회"
NAME_EN = "2025 Proactive Administration Best Practice Contest"
DESCRIPTION = (
    "관행에 얽매이지 않고 국민의 입장에서 적극적으로 일해 성과를 낸 기관의 사례를 발굴해 "
    "포상하고 공직사회 전반에 확산하기 위한 경진대회입니다. 전문가 심사위원의 본선 심사로 "
    "수상 사례를 선정합니다."
)
ROUND_NAME = "본선 심사"
CHAIN_CRITERION = "국민체감 효과"
# (name_ko, name_en, max points, description)
RUBRIC = [
    ("적극성", "Proactiveness", 30, "관행이나 소극적 태도에서 벗어나 적극적으로 문제를 해결했는가"),
    ("난이도", "Difficulty", 20, "법·제도의 제약이나 이해관계 갈등 같은 어려운 여건을 극복했는가"),
    ("창의·전문성", "Creativity and expertise", 20, "창의적인 방법과 전문성을 발휘했는가"),
    (CHAIN_CRITERION, "Public benefit", 30, "국민이 체감하는 성과가 크고 객관적으로 확인되는가"),
]  # fmt: skip
LEVEL_TEXTS = (
    "기준을 매우 충실히 충족함",
    "기준을 대체로 충족함",
    "기준을 일부 충족함",
    "기준 충족이 미흡함",
    "기준을 거의 충족하지 못함",
)
# (name_ko, name_en, count, per category, prize)
AWARD_TIERS = [
    ("대통령상", "Presidential Award", 1, False, "대통령 표창"),
    ("국무총리상", "Prime Minister's Award", 2, False, "국무총리 표창"),
    ("인사혁신처장상", "Minister of Personnel Management Award", 2, True, "인사혁신처장 표창"),
]
QUESTIONS = [
    ("추진내용", "What was done", "무엇을 어떻게 적극적으로 바꾸었는지 적어 주세요.", 1500),
    ("추진성과", "Results", "전후 비교 등 객관적 근거와 함께 성과를 적어 주세요.", 1000),
]
CATEGORY_KINDS = {
    "중앙행정기관": ("Central government agencies", [AgencyKind.CENTRAL]),
    "지방자치단체·공공기관": (
        "Local governments and public institutions",
        [AgencyKind.METROPOLITAN, AgencyKind.LOCAL, AgencyKind.EDUCATION, AgencyKind.PUBLIC],
    ),
}
PAST_JUDGES = ("judge01", "judge02", "judge03", "judge05", "judge07", "judge10", "judge11")
TIES = [Tie(category=None, position=3, split=None)]


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=SEOUL)


SUBMISSION = (at(5, 12, 9), at(6, 13, 18))
SCORING = (at(7, 1, 9), at(7, 11, 18))
DECIDED, FINALIZED, PUBLISHED = at(7, 15, 14), at(7, 15, 16, 30), at(7, 22, 10)
DECISION_REASON = (
    "동점자 처리 기준(국민체감 효과 평균, 절사 전 평균)으로도 순위가 가려지지 않아 2025년 7월 "
    "15일 심사위원회 협의로 정함: 국민 생활에 미친 영향과 시급성을 고려해 「%(title)s」 사례를 "
    "상위로 함."
)
FINALIZE_NOTE = "본선 심사 결과 확정(2025. 7. 15. 심사위원회 의결)"


def quality(title: str) -> int:
    return QUALITY.get(title, 62 + stable(title, "quality") % 21)


def build_past_contest(tally: Tally) -> Contest:
    """The contest's set-up (made first: it is the oldest of the demo's contests)."""
    contest = tally.get_or_create(
        Contest,
        name_ko=NAME_KO,
        defaults={
            "name_en": NAME_EN,
            "year": 2025,
            "description": DESCRIPTION,
            "submission_opens_at": SUBMISSION[0],
            "submission_closes_at": SUBMISSION[1],
            "blind_judging": True,
            "is_published": True,
            "max_entries_per_agency": 2,
        },
    )
    for order, (name_ko, (name_en, kinds)) in enumerate(CATEGORY_KINDS.items(), 1):
        tally.get_or_create(
            Category,
            contest=contest,
            name_ko=name_ko,
            defaults={"name_en": name_en, "order": order, "agency_kinds": [str(k) for k in kinds]},
        )
    round_ = tally.get_or_create(
        Round,
        contest=contest,
        name_ko=ROUND_NAME,
        defaults={
            "name_en": "Final review",
            "order": 1,
            "opens_at": SCORING[0],
            "closes_at": SCORING[1],
            "judges_per_entry": len(PAST_JUDGES),
            "method": Round.Method.TRIMMED_MEAN,
            "trim_count": 1,
            "weight": Decimal("100"),
            "advancement": Round.Advancement.NONE,
        },
    )
    criteria = [(n, e, Decimal(p), d, LEVEL_TEXTS) for n, e, p, d in RUBRIC]
    rubric(tally, round_, criteria)
    tie_break_chain(tally, contest, round_.criteria.get(name_ko=CHAIN_CRITERION))
    tiers_and_questions(tally, contest, AWARD_TIERS, QUESTIONS)
    return contest


def finish_past_contest(tally: Tally, *, contest: Contest, agencies, users, organizer) -> None:
    """Judges, entries, scores, the tie decision, the finalized result and its publication."""
    contest.organizers.add(organizer)
    people = {local: (name, expertise) for local, name, _affiliation, expertise in JUDGES}
    for local in PAST_JUDGES:
        name, expertise = people[local]
        user = users.get(local, name)
        tally.get_or_create(Judge, contest=contest, user=user, defaults={"expertise": expertise})
    round_ = contest.rounds.get()
    if not RoundResult.objects.filter(round=round_).exists():  # never finalized: do it all once
        _entries(tally, contest, agencies, users, organizer)
        assign(tally, round_, organizer)
        keys = assignment_keys(round_)
        plan = plan_round(
            rubric=rubric_of(round_, chain=CHAIN_CRITERION),
            assignments=keys,
            quality={title: quality(title) for title, _c, _j in keys},
            styles=STYLES,
            ties=TIES,
        )
        window = (SCORING[0] + dt.timedelta(hours=1), SCORING[1] - dt.timedelta(hours=2))
        with scoring_open(round_):
            tally.count(Scorecard, save_plan(round_, plan, styles=STYLES, window=window))
        _decide_ties(round_, plan.ties, organizer, tally)
        round_finalize(round_=round_, by=organizer, note=FINALIZE_NOTE)
        tally.count(RoundResult)
        RoundResult.objects.filter(round=round_, voided_at=None).update(at=FINALIZED)
        results_publish(contest=contest, by=organizer, scores=True, ranks=True)
        Contest.objects.filter(pk=contest.pk).update(results_published_at=PUBLISHED)
        PublicationEvent.objects.filter(contest=contest).update(at=PUBLISHED)  # the same moment
        contest.refresh_from_db()


def _entries(tally: Tally, contest: Contest, agencies, users, organizer) -> None:
    existing = set(Entry.objects.filter(contest=contest).values_list("agency__code", "title"))
    categories = {c.name_ko: c for c in contest.categories.all()}
    questions = dict(contest.questions.values_list("label_ko", "pk"))
    made = []
    with submission_open(contest):
        for key, code, title, *texts in PAST_ENTRIES:
            if (code, title) in existing:
                continue
            agency = agencies[code]
            officer = agency_officer(users, agency, tally)
            entry = entry_create(
                contest=contest, category=categories[CATEGORIES[key]], agency=agency,
                title=title, by=officer,
            )  # fmt: skip
            labels = zip(QUESTION_LABELS, texts, strict=True)
            answers = {questions[label]: text for label, text in labels}
            entry_update(entry=entry, by=officer, answers=answers)
            entry = entry_submit(entry=entry, by=officer)
            entry_screen(entry=entry, by=organizer, eligibility="eligible", reason="")
            made.append(entry.pk)
            tally.count("entries")
    backdate_entries(
        list(Entry.objects.filter(pk__in=made)),
        opens=SUBMISSION[0],
        closes=SUBMISSION[1],
        screened=SUBMISSION[1] + dt.timedelta(days=3, hours=-8),
    )


def _decide_ties(round_: Round, ties: list[tuple[str, str]], organizer, tally: Tally) -> None:
    """What the chain could not split across an award boundary, decided by the committee: the
    planned order, with the reason printed with the result (also for the round's own ranking)."""
    data = round_inputs(round_)
    for problem in compute(data.inputs)["problems"]:
        if problem["code"] != "award_tie":
            continue
        numbers = {data.entries[number].title: number for number in problem["entries"]}
        order = [numbers[title] for pair in ties for title in pair if title in numbers]
        reason = DECISION_REASON % {"title": data.entries[order[0]].title}
        for scope in (TieDecision.Scope.CONTEST, TieDecision.Scope.ROUND):
            tie_decide(round_=round_, scope=scope, entries=order, reason=reason, by=organizer)
            tally.count(TieDecision)
    TieDecision.objects.filter(round=round_).update(at=DECIDED)
