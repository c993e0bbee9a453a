"""The results workbooks (issue 9, item 2): one per finalized round, one for the contest.

Every number comes from the frozen snapshot of a result in force (scoring.selectors.frozen), as
the organizer's results pages show it, with the same names and words (scoring.selectors.
result_labels, result_pages) and the judge statistics of scoring.reliability on the frozen inputs.
Scores are written as numbers at full precision, shown with the contest's decimal places by the
cell's number format. The criterion scores (원점수) are not in the snapshot: they are read from
the round's submitted scorecards (locked while the result is in force) for the scorecards the
snapshot counted, in one query streamed in order, so memory does not grow with them.

A round workbook: 요약, 순위, 집계표, 원점수, 심사위원 통계, 부문별. The contest workbook: 요약 (the
contest and every round), 순위 and 부문별 of the contest ranking (the final round's snapshot),
then 집계표 n, 원점수 n and 심사위원 통계 n for each round n. Sheets are named in the active
language; reports.results_tables writes them.

Queries: a fixed number per round (the result, its judges and entries, the agencies, the
scorecards' comments, the criterion scores), whatever the number of entries and judges.
"""

import io
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports import results_tables as tables
from reports.workbook_sheets import Book
from scoring.models import RoundResult, Score, Scorecard
from scoring.reliability import round_statistics
from scoring.selectors.frozen import frozen
from scoring.selectors.result_labels import Names, local_name
from scoring.selectors.result_pages import RoundPage, ranking_rows
from scoring.selectors.results import contest_rounds
from submissions.models import Entry


class NotFinalized(ValueError):
    """The round (or a round of the contest) has no result in force."""


@dataclass
class RoundBook:
    """One finalized round as the workbook shows it."""

    page: RoundPage  # rows, names, method and advancement words, as the results page has them
    result: RoundResult
    agencies: dict[str, str]  # receipt number → agency name
    statistics: dict = field(default_factory=dict)

    @property
    def inputs(self) -> dict:
        return self.page.inputs

    @property
    def results(self) -> dict:
        return self.page.results

    @property
    def names(self) -> Names:
        return self.page.names

    @property
    def places(self) -> int:
        return int(self.inputs["contest"]["decimal_places"])

    def raw_scores(self):
        return raw_scores(self)


def _agencies(contest_id: int, receipts: list[str]) -> dict[str, str]:
    rows = Entry.objects.filter(contest_id=contest_id, receipt_number__in=receipts).values_list(
        "receipt_number", "agency__name_ko", "agency__name_en"
    )
    return {r: local_name({"name_ko": ko, "name_en": en}) for r, ko, en in rows}


def round_book(result: RoundResult, rounds: list[Round]) -> RoundBook:
    """The finalized round of `result` (in force), read from its snapshot."""
    if result.voided_at is not None:
        raise NotFinalized(_("This result was voided when its round was reopened."))
    round_ = next(r for r in rounds if r.pk == result.round_id)
    result.round = round_
    kept = frozen(result)
    names = Names(kept.inputs, judges=kept.judges, entries=kept.entries, rounds=rounds)
    page = RoundPage(
        round=round_,
        rounds=rounds,
        number=[r.pk for r in rounds].index(round_.pk) + 1,
        data=None,
        inputs=kept.inputs,
        results=kept.results,
        result=result,
        voided=[],
        names=names,
        rows=ranking_rows(kept.results["entries"], kept.inputs, names),
    )
    page.chain = [names.step(step) for step in kept.inputs["chain"]]
    receipts = [entry["key"] for entry in kept.inputs["entries"]]
    agencies = _agencies(round_.contest_id, receipts)
    return RoundBook(page, result, agencies, round_statistics(kept.inputs))


def raw_scores(book: RoundBook):
    """(receipt number, judge pseudonym, criterion key, score, comment) of every criterion score
    of the scorecards the snapshot counted, by receipt number, judge and criterion order."""
    counted = {(s["judge"], s["entry"]) for s in book.inputs["scores"]}
    pseudonym = {pk: name for name, pk in book.result.judges.items()}
    submitted = {"round_id": book.result.round_id, "status": Scorecard.Status.SUBMITTED}
    comments = {
        (judge_id, receipt): comment
        for judge_id, receipt, comment in Scorecard.objects.filter(**submitted)
        .exclude(comment="")
        .values_list("judge_id", "entry__receipt_number", "comment")
    }
    rows = (
        Score.objects.filter(**{f"scorecard__{k}": v for k, v in submitted.items()})
        .order_by(
            "scorecard__entry__receipt_number",
            "scorecard__judge_id",
            "criterion__order",
            "criterion_id",
        )
        .values_list(
            "scorecard__entry__receipt_number", "scorecard__judge_id", "criterion_id", "value"
        )
        .iterator(chunk_size=5000)
    )
    for receipt, judge_id, criterion_id, value in rows:
        judge = pseudonym.get(judge_id)
        if (judge, receipt) in counted:
            yield receipt, judge, f"C{criterion_id}", value, comments.get((judge_id, receipt))


def _results_in_force(contest: Contest) -> tuple[list[Round], dict[int, RoundResult]]:
    rounds = contest_rounds(contest.pk)
    results = RoundResult.objects.filter(round__contest=contest, voided_at=None)
    results = results.select_related("by")
    return rounds, {result.round_id: result for result in results}


def write_round_workbook(result: RoundResult, out: BinaryIO) -> None:
    """The workbook of the finalized round of `result` (a result in force), written to `out`."""
    rounds = contest_rounds(result.round.contest_id)
    book = round_book(result, rounds)
    workbook = Book()
    tables.summary(workbook, [book], contest=None)
    tables.ranking(workbook, book)
    tables.tally(workbook, book, suffix="")
    tables.raw(workbook, book, suffix="")
    tables.judges(workbook, book, suffix="")
    tables.by_category(workbook, book)
    workbook.save(out)


def write_contest_workbook(contest: Contest, out: BinaryIO) -> None:
    """The contest's workbook, written to `out`: every round must be finalized."""
    rounds, results = _results_in_force(contest)
    missing = [r.name for r in rounds if r.pk not in results]
    if not rounds or missing:
        raise NotFinalized(
            _("Finalize every round first: %(rounds)s.") % {"rounds": ", ".join(missing)}
        )
    books = [round_book(results[r.pk], rounds) for r in rounds]
    final = books[-1]
    workbook = Book()
    tables.summary(workbook, books, contest=contest)
    tables.contest_ranking(workbook, final)
    tables.contest_by_category(workbook, final)
    for number, book in enumerate(books, 1):
        suffix = f" {number}"
        tables.tally(workbook, book, suffix=suffix)
        tables.raw(workbook, book, suffix=suffix)
        tables.judges(workbook, book, suffix=suffix)
    workbook.save(out)


def _to_bytes(write, obj) -> bytes:
    buffer = io.BytesIO()
    write(obj, buffer)
    return buffer.getvalue()


def build_round_workbook(result: RoundResult) -> bytes:
    return _to_bytes(write_round_workbook, result)


def build_contest_workbook(contest: Contest) -> bytes:
    return _to_bytes(write_contest_workbook, contest)
