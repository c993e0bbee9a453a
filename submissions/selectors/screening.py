"""Reads for the organizer's view of a contest's entries (screening list, detail, exports).

Callers check `contests.manage_contest` first (contests.views.base.manageable_contest); these
functions return every entry of the contest (drafts included: organizers use them to chase
agencies that have not submitted).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from contests.models import Contest, EntryQuestion
from submissions.models import Answer, Attachment, Entry


@dataclass(frozen=True)
class EntryFilters:
    """What the organizer narrowed the list to; empty values mean "any"."""

    category_id: int | None = None
    status: str = ""
    screening: str = ""
    agency_kind: str = ""
    search: str = ""

    def without_facets(self) -> "EntryFilters":
        return EntryFilters(
            category_id=self.category_id, agency_kind=self.agency_kind, search=self.search
        )


def _status_q(filters: EntryFilters) -> Q:
    return Q(status=filters.status) if filters.status else Q()


def _screening_q(filters: EntryFilters) -> Q:
    return Q(eligibility=filters.screening) if filters.screening else Q()


def _base(contest: Contest, filters: EntryFilters) -> QuerySet[Entry]:
    """Entries of the contest narrowed by everything except status and screening."""
    qs = Entry.objects.filter(contest=contest)
    if filters.category_id:
        qs = qs.filter(category_id=filters.category_id)
    if filters.agency_kind:
        qs = qs.filter(agency__kind=filters.agency_kind)
    search = filters.search.strip()
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(agency__name_ko__icontains=search)
            | Q(agency__name_en__icontains=search)
            | Q(receipt_number__icontains=search)
        )
    return qs


# The list's order: receipt number (drafts, without a number, last), then id.
LIST_ORDER = (F("receipt_number").asc(nulls_last=True), "id")


def _filtered(contest: Contest, filters: EntryFilters) -> QuerySet[Entry]:
    return _base(contest, filters).filter(_status_q(filters) & _screening_q(filters))


def screening_entries(contest: Contest, filters: EntryFilters) -> QuerySet[Entry]:
    """The filtered entries, receipt number order (drafts, without a number, last)."""
    return (
        _filtered(contest, filters)
        .select_related("category", "agency")
        .annotate(attachment_count=Count("attachments"))
        .order_by(*LIST_ORDER)
    )


def screening_counts(contest: Contest, filters: EntryFilters) -> dict:
    """Counts for the current filter, in one query.

    `total` honours every filter. The status counts honour every filter except status, and the
    screening counts every filter except screening, so each number says what choosing that value
    would show.
    """
    status_q, screening_q = _status_q(filters), _screening_q(filters)
    aggregates = {"total": Count("id", filter=status_q & screening_q)}
    for value in Entry.Status.values:
        aggregates[f"status_{value}"] = Count("id", filter=Q(status=value) & screening_q)
    for value in Entry.Eligibility.values:
        aggregates[f"screening_{value}"] = Count("id", filter=Q(eligibility=value) & status_q)
    row = _base(contest, filters).aggregate(**aggregates)
    return {
        "total": row["total"],
        "by_status": [
            (value, label, row[f"status_{value}"]) for value, label in Entry.Status.choices
        ],
        "by_screening": [
            (value, label, row[f"screening_{value}"]) for value, label in Entry.Eligibility.choices
        ],
    }


def contest_questions(contest: Contest) -> list[EntryQuestion]:
    return list(EntryQuestion.objects.filter(contest=contest).order_by("order", "id"))


def screening_entry(contest: Contest, entry_pk: int) -> Entry:
    """One entry of the contest with answers, attachments and who screened it; 404 otherwise."""
    entry = (
        Entry.objects.filter(contest=contest, pk=entry_pk)
        .select_related("category", "agency", "screened_by", "created_by")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by()),
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "id")),
        )
        .first()
    )
    if entry is None:
        raise Http404
    return entry


@dataclass(frozen=True)
class JudgingStake:
    """What screening the entry out would take out of judging (kept, and back if screened in)."""

    judges: int  # judges with an assignment of the entry, in any round
    scorecards: int  # scorecards something was saved on

    def __bool__(self) -> bool:
        return bool(self.judges or self.scorecards)


def judging_stake(entry: Entry) -> JudgingStake:
    return judging_stake_of([entry.pk])


def judging_stake_of(entry_ids) -> JudgingStake:
    """The stake of the entries together (a judge on several counts once). One query. Scoring
    comes later in the data flow and is not imported: its relations to Entry are read by name
    (`assignments`, `scorecards`)."""
    if not entry_ids:
        return JudgingStake(judges=0, scorecards=0)
    row = Entry.objects.filter(pk__in=entry_ids).aggregate(
        judges=Count("assignments__judge", distinct=True),
        scorecards=Count("scorecards", filter=Q(scorecards__version__gt=0), distinct=True),
    )
    return JudgingStake(judges=row["judges"] or 0, scorecards=row["scorecards"] or 0)


def answers_by_question(entry: Entry, questions: list[EntryQuestion]) -> list[tuple]:
    """(question, answer text or None) for every question of the contest, in order."""
    texts = {answer.question_id: answer.text for answer in entry.answers.all()}
    return [(question, texts.get(question.pk)) for question in questions]


def export_entries(contest: Contest, filters: EntryFilters) -> QuerySet[Entry]:
    """The filtered list with answers prefetched, for the Excel export."""
    return screening_entries(contest, filters).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.order_by())
    )


def archive_attachments(contest: Contest) -> QuerySet[Attachment]:
    """Attachments of the contest's submitted entries, grouped by entry in receipt order."""
    return (
        Attachment.objects.filter(entry__contest=contest, entry__status=Entry.Status.SUBMITTED)
        .select_related("entry", "entry__agency")
        .order_by("entry__receipt_number", "entry_id", "uploaded_at", "id")
    )


@dataclass(frozen=True)
class Neighbours:
    """Where an entry stands in the filtered list: the entries before and after it in the list's
    order, its position (None when the filter leaves it out) and the list's length."""

    previous: Entry | None
    next: Entry | None
    position: int | None
    total: int


def _before_and_after(entry: Entry) -> tuple[Q, Q]:
    """The rows before and after `entry` in LIST_ORDER (numbered entries first)."""
    if entry.receipt_number is None:
        numbered = Q(receipt_number__isnull=False)
        before = numbered | Q(receipt_number__isnull=True, id__lt=entry.pk)
        return before, Q(receipt_number__isnull=True, id__gt=entry.pk)
    number = entry.receipt_number
    before = Q(receipt_number__lt=number) | Q(receipt_number=number, id__lt=entry.pk)
    after = (
        Q(receipt_number__gt=number)
        | Q(receipt_number=number, id__gt=entry.pk)
        | Q(receipt_number__isnull=True)
    )
    return before, after


def entry_neighbours(contest: Contest, filters: EntryFilters, entry: Entry) -> Neighbours:
    """The previous and next entry of the filtered list around `entry` (three queries, whatever
    the list's length). An entry the filter leaves out (screened since the list was opened)
    still has the neighbours it would have, and no position."""
    entries = _filtered(contest, filters)
    before, after = _before_and_after(entry)
    row = entries.aggregate(
        total=Count("id"),
        before=Count("id", filter=before),
        here=Count("id", filter=Q(pk=entry.pk)),
    )
    fields = ("pk", "receipt_number", "title")
    previous = (
        entries.filter(before)
        .order_by(F("receipt_number").desc(nulls_first=True), "-id")
        .only(*fields)
        .first()
    )
    following = entries.filter(after).order_by(*LIST_ORDER).only(*fields).first()
    position = row["before"] + 1 if row["here"] else None
    return Neighbours(previous=previous, next=following, position=position, total=row["total"])
