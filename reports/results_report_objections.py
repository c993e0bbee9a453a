"""The results report's section "이의신청 처리 결과" (objections and their answers), and keeping
the built contest reports in step with it.

`objection_lines` lists every objection of the contest by number: the entry (receipt number and
title), what it concerns (and the round), when it was filed, its outcome and the answer, in the
report's language (one query). The contest report (reports.results_report.contest_context)
prints them after the conflicts of interest (templates/reports/pdf/results/_objections.html).

A contest report file is kept for as long as its rounds' snapshots are in force (reports.jobs);
an objection filed or answered changes the section without changing a snapshot, so
`objection_saved` (post_save of Objection, connected in reports.apps) withdraws the kept contest
reports of its contest: the next download builds the report again, with the objection.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.results_report_parts import when
from scoring.models import Objection

CONTEST_REPORT_KIND = "contest_report"


@dataclass(frozen=True)
class ObjectionLine:
    number: int
    entry: str  # receipt number and title
    concern: str
    filed: str
    outcome: str
    answer: str


def objection_lines(contest_id: int) -> list[ObjectionLine]:
    objections = (
        Objection.objects.filter(contest_id=contest_id)
        .select_related("entry", "round")
        .order_by("number")
    )
    return [
        ObjectionLine(
            number=objection.number,
            entry=f"{objection.entry.receipt_number or '—'} {objection.entry.title}",
            concern=objection.get_concern_display()
            + (f" ({objection.round.name})" if objection.round_id else ""),
            filed=when(objection.filed_at),
            outcome=objection.get_status_display(),
            answer=objection.answer or _("Not answered yet."),
        )
        for objection in objections
    ]


def objection_saved(sender, instance: Objection, **kwargs) -> None:
    """An objection filed or answered: its contest's kept reports no longer say everything."""
    # reports.jobs imports this module's importer (reports.results_report, through
    # reports.kinds): imported here, once every module is loaded.
    from reports.jobs import subject_key, withdraw_subject

    withdraw_subject(
        kind=CONTEST_REPORT_KIND,
        subject=subject_key(contest=instance.contest_id),
        reason=_("An objection was filed or answered."),
    )
