"""The timeline's later stages (scoring.selectors.timeline): the presentation schedule of a
round (2차 발표심사) shown on its stage, and the objections (이의신청).

A round's stage shows its presentation schedule when it has one (a later round without one says
so, with the link that plans it): how many slots, published or not, and the slides received of
the entries in the round. What is missing (entries without a slot, a schedule not published or
changed since, slides not uploaded by the deadline) is listed while the round is not over.

The objection stage shows the period (not set, opening with the results, open until, closed),
the objections filed, under review and answered, and the next action on the objections page:
set the period once the results are published, answer what is under review.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scoring.selectors.timeline_facts import (
    CURRENT,
    DONE,
    NAMES,
    SEP,
    UPCOMING,
    Facts,
    Link,
    Missing,
    RoundFacts,
    ScheduleFacts,
    Stage,
    moment,
    page_url,
)


def with_schedule(stage: Stage, f: Facts, r: RoundFacts) -> Stage:
    """`stage` (the round's) with its presentation schedule's line and what it misses."""
    schedule_url = reverse("presentations:schedule", args=[r.round.pk])
    s = r.schedule
    if s is None:
        if r.number > 1 and not r.waiting:
            stage.details.append(Missing(_("No presentation schedule yet."), schedule_url))
        return stage
    stage.details.append(Missing(_schedule_text(s, r), schedule_url))
    if stage.state != DONE and not r.waiting:
        stage.missing.extend(_schedule_missing(f, r, s, schedule_url))
    return stage


def _schedule_text(s: ScheduleFacts, r: RoundFacts) -> str:
    slots = ngettext(
        "Presentation schedule: %(n)s slot", "Presentation schedule: %(n)s slots", s.slots
    ) % {"n": s.slots}
    if s.published_at is not None:
        shown = _("published %(time)s") % {"time": moment(s.published_at)}
    else:
        shown = _("not published")
    slides = _("Slides received %(done)s/%(all)s") % {"done": s.slides, "all": r.totals.entries}
    parts = [f"{slots}, {shown}", slides]
    if s.slides_deadline is not None:
        parts.append(_("slides due %(time)s") % {"time": moment(s.slides_deadline)})
    return SEP.join(parts)


def _schedule_missing(f: Facts, r: RoundFacts, s: ScheduleFacts, url: str) -> list[Missing]:
    missing = []
    unslotted = r.totals.entries - s.slots
    if unslotted > 0:
        text = ngettext(
            "%(n)s entry has no presentation slot yet.",
            "%(n)s entries have no presentation slot yet.",
            unslotted,
        ) % {"n": unslotted}
        missing.append(Missing(text, url))
    if s.slots and s.published_at is None:
        missing.append(Missing(_("The presentation schedule is not published yet."), url))
    elif s.published_at is not None and s.changed:
        text = ngettext(
            "%(n)s slot was changed after the schedule was published.",
            "%(n)s slots were changed after the schedule was published.",
            s.changed,
        ) % {"n": s.changed}
        missing.append(Missing(text, url))
    late = r.totals.entries - s.slides
    if late > 0 and s.slides_deadline is not None and f.now >= s.slides_deadline:
        text = ngettext(
            "%(n)s entry did not upload its slides by the deadline.",
            "%(n)s entries did not upload their slides by the deadline.",
            late,
        ) % {"n": late}
        missing.append(Missing(text, url))
    return missing


def objection_stage(f: Facts) -> Stage:
    contest, o = f.contest, f.objections
    published = contest.results_published_at is not None
    parts = [
        _("Filed %(n)s") % {"n": o.filed},
        _("Under review %(n)s") % {"n": o.open},
        _("Answered %(n)s") % {"n": o.answered},
    ]
    if o.closes_at is None:
        period = _("no objection period set")
    elif not published:
        period = _("opens with the results, closes %(time)s") % {"time": moment(o.closes_at)}
    elif f.now < o.closes_at:
        period = _("open until %(time)s") % {"time": moment(o.closes_at)}
    else:
        period = _("closed %(time)s") % {"time": moment(o.closes_at)}
    summary = f"{SEP.join(parts)}, {period}"
    objections = page_url("objections:list", contest)
    key, name = "objection", NAMES["objection"]
    if o.open:
        under_review = page_url("objections:list", contest, query="?status=open")
        text = ngettext(
            "%(n)s objection is waiting for an answer.",
            "%(n)s objections are waiting for an answer.",
            o.open,
        ) % {"n": o.open}
        action = Link(_("Answer the objections"), under_review)
        return Stage(key, name, CURRENT, summary, [Missing(text, under_review)], action)
    if not published:
        return Stage(key, name, UPCOMING, summary)
    if o.closes_at is None:
        text = _("No objection period is set: agencies cannot file objections.")
        action = Link(_("Set the objection period"), objections)
        return Stage(key, name, CURRENT, summary, [Missing(text, objections)], action)
    if f.now < o.closes_at:
        return Stage(key, name, CURRENT, summary, action=Link(_("See the objections"), objections))
    return Stage(key, name, DONE, summary)
