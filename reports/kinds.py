"""The report kinds (see reports.jobs): which exporters the worker builds, how each finds its
object from a subject key, and which snapshot its document's numbers come from. Imported at the
end of reports.jobs, so the registry is complete wherever it is used."""

import hashlib
from dataclasses import replace

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports.catalog import (
    CERTIFICATES,
    CONTEST_REPORT,
    CONTEST_WORKBOOK,
    JUDGE_BOOKLET,
    ROUND_REPORT,
    ROUND_WORKBOOK,
    TALLY_SHEET,
)
from reports.certificates import Certificates, awarded_certificates
from reports.exporters import Exporter
from reports.jobs import (
    ReportKind,
    UnknownSubject,
    load_one,
    register_kind,
    subject_key,
    subject_parts,
)
from reports.results_report import ContestReport, RoundReport, contest_report, round_report
from reports.results_workbook import NotFinalized
from reports.sheets_pdf import JudgeRound
from scoring.models import Judge, RoundResult
from scoring.selectors.results import contest_rounds, result_in_force

# --- the usual subjects: a round result in force, a contest with every round finalized -------


def result_digest(result: RoundResult) -> str:
    if result.voided_at is not None:
        raise NotFinalized(_("This result was voided when its round was reopened."))
    return result.digest


def round_result_kind(exporter: Exporter[RoundResult]) -> ReportKind[RoundResult]:
    """A document of one round result in force (subject "round_result:<pk>")."""
    return ReportKind(
        exporter=exporter,
        load=load_one(RoundResult.objects.select_related("round__contest"), "round_result"),
        key=lambda result: subject_key(round_result=result.pk),
        digest=result_digest,
        page=lambda result: reverse(
            "results:round", args=[result.round.contest_id, result.round_id]
        ),
    )


def contest_sources(contest: Contest) -> list[str]:
    """The digests of the results in force of every round, in round order."""
    rounds = contest_rounds(contest.pk)
    digests = dict(
        RoundResult.objects.filter(round__contest=contest, voided_at=None).values_list(
            "round_id", "digest"
        )
    )
    missing = [r.name for r in rounds if r.pk not in digests]
    if not rounds or missing:
        raise NotFinalized(
            _("Finalize every round first: %(rounds)s.") % {"rounds": ", ".join(missing)}
        )
    return [digests[r.pk] for r in rounds]


def contest_digest(contest: Contest) -> str:
    """One digest for the set of rounds' snapshots: SHA-256 of their digests, one per line."""
    return hashlib.sha256("\n".join(contest_sources(contest)).encode()).hexdigest()


def contest_kind(exporter: Exporter[Contest]) -> ReportKind[Contest]:
    """A document of a contest whose every round is finalized (subject "contest:<pk>")."""
    return ReportKind(
        exporter=exporter,
        load=load_one(Contest.objects.all(), "contest"),
        key=lambda contest: subject_key(contest=contest.pk),
        digest=contest_digest,
        sources=contest_sources,
        page=lambda contest: reverse("results:index", args=[contest.pk]),
    )


register_kind(round_result_kind(ROUND_WORKBOOK))
register_kind(contest_kind(CONTEST_WORKBOOK))
register_kind(round_result_kind(TALLY_SHEET))

# The other kinds' objects are built by `load` in the worker, under the file's language. `load`
# never refuses an object that exists (the status and download pages load it too, to ask the
# exporter's permission): what is not finalized yet is refused by `digest`, with its message.
_round_result = load_one(RoundResult.objects.select_related("round__contest"), "round_result")
_contest = load_one(Contest.objects.all(), "contest")


def _round_report(key: str) -> RoundReport:
    """The report of the result the key names (draft=True only so that a round reopened
    meanwhile still gives a report, whose voided result's digest then refuses it)."""
    result = _round_result(key)
    report = round_report(result.round, draft=True, language=translation.get_language())
    return replace(report, result=result)


def _contest_report(key: str) -> ContestReport:
    contest = _contest(key)
    language = translation.get_language()
    # A round not finalized makes a draft, which contest_digest refuses with the rounds' names.
    report = contest_report(contest, draft=True, language=language)
    return report or ContestReport(contest, [], {}, language)


register_kind(
    ReportKind(
        exporter=ROUND_REPORT,
        load=_round_report,
        key=lambda report: subject_key(round_result=report.result.pk),
        digest=lambda report: result_digest(report.result),
        page=lambda report: reverse(
            "results:round", args=[report.round.contest_id, report.round.pk]
        ),
    )
)
register_kind(
    ReportKind(
        exporter=CONTEST_REPORT,
        load=_contest_report,
        key=lambda report: subject_key(contest=report.contest.pk),
        digest=lambda report: contest_digest(report.contest),
        sources=lambda report: contest_sources(report.contest),
        page=lambda report: reverse("results:index", args=[report.contest.pk]),
    )
)


def _certificates(key: str) -> Certificates:
    """The contest's certificates; while there are none to make, an empty set (result None)
    whose digest gives the reason."""
    contest = _contest(key)
    try:
        return awarded_certificates(contest)
    except NotFinalized:
        return Certificates(contest, None, contest.name, timezone.localdate(), [])


def _certificates_digest(certificates: Certificates) -> str:
    if certificates.result is None:
        awarded_certificates(certificates.contest)  # raises NotFinalized with the reason
        raise NotFinalized(_("The results changed after the file was requested: ask again."))
    return result_digest(certificates.result)


register_kind(
    ReportKind(
        exporter=CERTIFICATES,
        load=_certificates,
        key=lambda certificates: subject_key(contest=certificates.contest.pk),
        digest=_certificates_digest,
        page=lambda certificates: reverse("results:index", args=[certificates.contest.pk]),
    )
)


def _judge_booklet(key: str) -> JudgeRound:
    """ "round:<pk>/judge:<pk>": a judge's submitted sheets of a round of their contest."""
    parts = subject_parts(key)
    if set(parts) != {"round", "judge"}:
        raise UnknownSubject(key)
    judge = Judge.objects.select_related("user", "contest").filter(pk=parts["judge"]).first()
    round_ = Round.objects.select_related("contest").filter(pk=parts["round"]).first()
    if judge is None or round_ is None or round_.contest_id != judge.contest_id:
        raise UnknownSubject(key)
    return JudgeRound(round_, judge)


def _booklet_digest(booklet: JudgeRound) -> str:
    """The round's result in force, if any: the sheets are frozen with it."""
    result = result_in_force(booklet.round)
    return result.digest if result is not None else ""


register_kind(
    ReportKind(
        exporter=JUDGE_BOOKLET,
        load=_judge_booklet,
        key=lambda booklet: subject_key(round=booklet.round.pk, judge=booklet.judge.pk),
        digest=_booklet_digest,
    )
)
