"""The contest's timeline for its organizers: every stage from the call for entries to the
objections, each with its state, a one-line summary with counts, what is missing and the next
action (a link to the page that does it).

Stages, in order (`STAGES`; a new stage is one more builder in that list):
공고 (call for entries: the set-up is complete and the contest is published) → 접수 (submission) →
검토 (screening) → 배정 (assignment of the first round) → 1차 심사 → 진출 확정 → 2차 심사 (a
contest with more rounds gets "n차 심사" and a 진출 확정 between each two) → 결과 확정 (the last
round's result finalized) → 발표 (the results published) → 이의신청 (objections: the period and
the objections filed, under review and answered; scoring.selectors.timeline_late). A round's stage
also shows its presentation schedule (2차 발표심사: slots, published or not, slides received).

States: done, current (in progress or waiting for the organizer), upcoming, not applicable (the
second round of a one-round contest, the advancement after a round without an advancement rule).
Several stages can be current at once (screening goes on while round 1 is judged).

Counts come from the selectors that define them, never counted again here: the entries from
submissions.selectors.screening.screening_counts (one aggregate query), each round's from
scoring.selectors.progress.rounds_totals (the progress board's totals, counted as the board
counts them); the presentation schedules' and the objections' counts from one aggregate query
each (scoring.selectors.timeline_facts). Nine queries (with the set-up gaps given) and two more
when a round has a presentation schedule, whatever the number of rounds, entries, judges,
scorecards, slots or objections.

It lives in scoring, not contests: it reads submissions and scoring, which contests may not import
(the contest page includes it through the `contest_timeline` template tag).
"""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from contests.models import Contest, Round
from contests.services.checks import SetupGap, publication_gaps
from scoring.selectors.timeline_facts import (
    CURRENT,
    DONE,
    NAMES,
    NOT_APPLICABLE,
    SEP,
    UPCOMING,
    Facts,
    Link,
    Missing,
    RoundFacts,
    Stage,
    moment,
    page_url,
    read_facts,
)
from scoring.selectors.timeline_late import objection_stage, with_schedule
from submissions.models import Entry


def contest_timeline(contest: Contest, *, gaps=None, now=None) -> list[Stage]:
    """The ordered stages of `contest`. `gaps`: its set-up gaps when the caller has them
    (contests.selectors.setup_warnings), else they are read (four queries)."""
    facts = read_facts(contest, publication_gaps(contest) if gaps is None else gaps, now)
    stages: list[Stage] = []
    for build in STAGES:
        made = build(facts)
        stages.extend(made if isinstance(made, list) else [made])
    return stages


# --- helpers ----------------------------------------------------------------------------------


_url = page_url


def _window(now, opens, closes) -> str:
    if now < opens:
        return _("opens %(time)s") % {"time": moment(opens)}
    if now < closes:
        return _("closes %(time)s") % {"time": moment(closes)}
    return _("closed %(time)s") % {"time": moment(closes)}


def _gap_url(gap: SetupGap, contest: Contest) -> str:
    if not gap.url_name:
        return ""
    return _url(gap.url_name, contest, *([gap.round_pk] if gap.round_pk else []))


def _round_name(number: int) -> str:
    return pgettext("timeline stage", "Round %(n)s judging") % {"n": number}


def _coverage(f: Facts, r: RoundFacts) -> list[Missing]:
    """No judge, or entries with fewer judges than the round asks for."""
    contest, totals = f.contest, r.totals
    missing = []
    if not totals.judges:
        missing.append(Missing(_("No judge yet."), _url("judging:invite", contest)))
    if totals.entries_under:
        text = ngettext(
            "%(n)s entry has fewer judges than the round asks for.",
            "%(n)s entries have fewer judges than the round asks for.",
            totals.entries_under,
        ) % {"n": totals.entries_under}
        under = f"?round={r.round.pk}&coverage=under#entries-title"
        missing.append(Missing(text, _url("control:progress", contest, query=under)))
    return missing


def _coverage_action(f: Facts, r: RoundFacts) -> Link | None:
    if not r.totals.judges:
        return Link(_("Invite judges"), _url("judging:invite", f.contest))
    if r.totals.entries_under:
        return Link(_("Assign judges"), _url("judging:matrix", f.contest, r.round.pk))
    return None


# --- the stages ---------------------------------------------------------------------------------


def publish_stage(f: Facts) -> Stage:
    contest = f.contest
    missing = [Missing(gap.message, _gap_url(gap, contest)) for gap in f.gaps]
    if contest.is_published:
        summary = _("Published: agencies can see it.")
        return Stage("publish", NAMES["publish"], DONE, summary, missing)
    action = next((Link(_("Complete the set-up"), m.url) for m in missing if m.url), None)
    if not missing:
        action = Link(_("Publish the contest"), _url("contests:edit", contest) + "#id_is_published")
    summary = _("Draft: only organizers can see it")
    return Stage("publish", NAMES["publish"], CURRENT, summary, missing, action)


def submission_stage(f: Facts) -> Stage:
    contest, n = f.contest, f.entries
    parts = [
        _("Submitted %(n)s") % {"n": n[Entry.Status.SUBMITTED]},
        _("Drafts %(n)s") % {"n": n[Entry.Status.DRAFT]},
    ]
    if n[Entry.Status.WITHDRAWN]:
        parts.append(_("Withdrawn %(n)s") % {"n": n[Entry.Status.WITHDRAWN]})
    opens, closes = contest.submission_opens_at, contest.submission_closes_at
    summary = f"{SEP.join(parts)}, {_window(f.now, opens, closes)}"
    if not contest.is_published or f.now < opens:
        return Stage("submission", NAMES["submission"], UPCOMING, summary)
    if f.now < closes:
        drafts = n[Entry.Status.DRAFT]
        status = "draft" if drafts else "submitted"
        label = _("See the drafts") if drafts else _("See the submitted entries")
        action = Link(label, _url("screening:list", contest, query=f"?status={status}"))
        return Stage("submission", NAMES["submission"], CURRENT, summary, action=action)
    missing = [] if n[Entry.Status.SUBMITTED] else [Missing(_("No entry was submitted."))]
    return Stage("submission", NAMES["submission"], DONE, summary, missing)


def screening_stage(f: Facts) -> Stage:
    n = f.entries
    pending = n[Entry.Eligibility.PENDING]
    summary = SEP.join(
        [
            _("Eligible %(n)s") % {"n": n[Entry.Eligibility.ELIGIBLE]},
            _("Ineligible %(n)s") % {"n": n[Entry.Eligibility.INELIGIBLE]},
            _("Not screened %(n)s") % {"n": pending},
        ]
    )
    if not n[Entry.Status.SUBMITTED]:
        return Stage("screening", NAMES["screening"], UPCOMING, summary)
    if pending:
        url = _url("screening:list", f.contest, query="?status=submitted&screening=pending")
        text = ngettext(
            "%(n)s submitted entry is not screened yet.",
            "%(n)s submitted entries are not screened yet.",
            pending,
        )
        missing = [Missing(text % {"n": pending}, url)]
        action = Link(_("Screen the remaining entries"), url)
        return Stage("screening", NAMES["screening"], CURRENT, summary, missing, action)
    state = CURRENT if f.now < f.contest.submission_closes_at else DONE  # more may come
    return Stage("screening", NAMES["screening"], state, summary)


def assignment_stage(f: Facts) -> Stage:
    if not f.rounds:
        action = Link(_("Add a round"), _url("contests:round_create", f.contest))
        return Stage("assignment", NAMES["assignment"], UPCOMING, _("No round yet."), [], action)
    r = f.rounds[0]
    totals = r.totals
    summary = SEP.join(
        [
            _("Fully assigned %(done)s/%(all)s")
            % {"done": totals.entries - totals.entries_under, "all": totals.entries},
            _("Short %(n)s") % {"n": totals.entries_under},
            _("Judges %(n)s") % {"n": totals.judges},
        ]
    )
    closed = f.now >= f.contest.submission_closes_at
    if r.result is not None or (totals.entries and not totals.entries_under and closed):
        return Stage("assignment", NAMES["assignment"], DONE, summary, subject=r.round.name)
    state = CURRENT if totals.entries and (closed or totals.assigned) else UPCOMING
    missing, action = _coverage(f, r), _coverage_action(f, r)
    return Stage("assignment", NAMES["assignment"], state, summary, missing, action, r.round.name)


def round_stage(f: Facts, r: RoundFacts) -> Stage:
    round_, totals = r.round, r.totals
    summary = _("Submitted scorecards %(done)s/%(all)s, %(when)s") % {
        "done": totals.submitted,
        "all": totals.assigned,
        "when": _window(f.now, round_.opens_at, round_.closes_at),
    }
    key, name = f"round-{r.number}", _round_name(r.number)
    if r.scored:
        return Stage(key, name, DONE, summary, subject=round_.name)
    started = f.now >= round_.opens_at or round_.scoring_started_at is not None
    if r.waiting or not started:
        return Stage(key, name, UPCOMING, summary, subject=round_.name)
    missing = _coverage(f, r) if r.number > 1 else []
    if not totals.entries:
        missing.append(Missing(_("No entry takes part in this round yet.")))
    results = _url("results:round", f.contest, round_.pk)
    late = r.unfinished and f.now >= round_.closes_at
    if late:
        text = ngettext(
            "%(n)s scorecard was not submitted by the deadline.",
            "%(n)s scorecards were not submitted by the deadline.",
            r.unfinished,
        ) % {"n": r.unfinished}
        missing.append(Missing(text, results))
    action = _coverage_action(f, r) if r.number > 1 else None
    if action is None and late:
        action = Link(_("Decide on the missing scorecards"), results)
    elif action is None:
        progress = _url("control:progress", f.contest, query=f"?round={round_.pk}")
        action = Link(_("See the scoring progress"), progress)
    return Stage(key, name, CURRENT, summary, missing, action, round_.name)


def advancement_stage(f: Facts, r: RoundFacts, following: RoundFacts) -> Stage:
    round_, key = r.round, f"advancement-{r.number}"
    if round_.advancement == Round.Advancement.NONE:
        summary = _("%(round)s has no advancement rule.") % {"round": round_.name}
        return Stage(key, NAMES["advancement"], NOT_APPLICABLE, summary, subject=round_.name)
    if r.result is not None:
        advanced = following.totals.entries
        summary = ngettext(
            "%(n)s entry advanced to %(round)s",
            "%(n)s entries advanced to %(round)s",
            advanced,
        ) % {"n": advanced, "round": following.round.name}
        return Stage(key, NAMES["advancement"], DONE, summary, subject=round_.name)
    summary = round_.get_advancement_display()
    if round_.advancement_value is not None:
        summary = f"{summary}: {round_.advancement_value.normalize():f}"
    if not r.scored:
        return Stage(key, NAMES["advancement"], UPCOMING, summary, subject=round_.name)
    action = Link(
        _("Finalize %(round)s") % {"round": round_.name},
        _url("results:round", f.contest, round_.pk),
    )
    return Stage(key, NAMES["advancement"], CURRENT, summary, [], action, round_.name)


def judging_stages(f: Facts) -> list[Stage]:
    """n차 심사 for each round with 진출 확정 between two rounds; a contest with fewer than two
    rounds still shows 진출 확정 and 2차 심사, as not applicable."""
    stages = []
    for index, r in enumerate(f.rounds):
        stages.append(with_schedule(round_stage(f, r), f, r))
        if index + 1 < len(f.rounds):
            stages.append(advancement_stage(f, r, f.rounds[index + 1]))
    if not f.rounds:
        stages.append(Stage("round-1", _round_name(1), UPCOMING, _("No round yet.")))
    if len(f.rounds) < 2:
        why = _("The contest has one round.") if f.rounds else _("No round yet.")
        stages += [
            Stage("advancement-1", NAMES["advancement"], NOT_APPLICABLE, why),
            Stage("round-2", _round_name(2), NOT_APPLICABLE, why),
        ]
    return stages


def final_stage(f: Facts) -> Stage:
    if not f.rounds:
        return Stage("final", NAMES["final"], UPCOMING, _("No round yet."))
    last, summary = f.rounds[-1], _("Not finalized yet.")
    if last.result is not None:
        summary = _("Finalized %(time)s") % {"time": moment(last.result.at)}
        return Stage("final", NAMES["final"], DONE, summary, subject=last.round.name)
    if not last.scored:
        return Stage("final", NAMES["final"], UPCOMING, summary, subject=last.round.name)
    missing = [
        Missing(
            _("%(round)s is not finalized yet.") % {"round": r.round.name},
            _url("results:round", f.contest, r.round.pk),
        )
        for r in f.rounds[:-1]
        if r.result is None
    ]
    action = Link(_("Finalize the results"), _url("results:round", f.contest, last.round.pk))
    return Stage("final", NAMES["final"], CURRENT, summary, missing, action, last.round.name)


def announcement_stage(f: Facts) -> Stage:
    contest = f.contest
    if contest.results_published_at is not None:
        summary = _("Published %(time)s") % {"time": moment(contest.results_published_at)}
        return Stage("announcement", NAMES["announcement"], DONE, summary)
    summary = _("Not published yet.")
    if f.rounds and f.rounds[-1].result is not None:
        action = Link(_("Publish the results"), _url("results:index", contest) + "#publish-title")
        return Stage("announcement", NAMES["announcement"], CURRENT, summary, [], action)
    return Stage("announcement", NAMES["announcement"], UPCOMING, summary)


STAGES: list[Callable[[Facts], Stage | list[Stage]]] = [
    publish_stage,
    submission_stage,
    screening_stage,
    assignment_stage,
    judging_stages,
    final_stage,
    announcement_stage,
    objection_stage,
]
