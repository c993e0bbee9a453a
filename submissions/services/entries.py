"""Every write to an agency's entries: create, save (incl. autosave), submit, reopen, withdraw.

Each write checks the submission window on the server with `timezone.now()` (an aware datetime, so
the comparison with the contest's deadline is right in Asia/Seoul or any other zone): after the
deadline nothing changes, whatever the page showed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, send_notification
from contests.models import AttachmentSlot, Category, Contest, EntryQuestion
from submissions.models import (
    Agency,
    AgencyMembership,
    Answer,
    Attachment,
    Entry,
    ReceiptSequence,
)
from submissions.rules import is_entry_editable, is_entry_reopenable, is_entry_withdrawable

TITLE_MAX_LENGTH = Entry._meta.get_field("title").max_length


def normalize_text(text: str) -> str:
    """Browsers send textarea newlines as CRLF; count and store them as one character."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def ensure_submission_open(contest: Contest) -> None:
    now = timezone.now()
    if now < contest.submission_opens_at:
        raise ValidationError(_("Submission for this contest has not opened yet."), code="not_open")
    if now >= contest.submission_closes_at:
        raise ValidationError(
            _("The submission deadline has passed. Entries can no longer be changed."),
            code="closed",
        )


def ensure_editable(entry: Entry) -> None:
    """Drafts only, and only while submission is open (`submissions.rules.is_entry_editable`
    decides; the rest says why not)."""
    if is_entry_editable(None, entry):
        return
    ensure_submission_open(entry.contest)
    if entry.status == Entry.Status.SUBMITTED:
        raise ValidationError(
            _("This entry has been submitted. Reopen it to make changes."), code="submitted"
        )
    if entry.status == Entry.Status.WITHDRAWN:
        raise ValidationError(
            _("This entry was withdrawn and can no longer be changed."), code="withdrawn"
        )


def _ensure_member(user: User | None, agency_id: int) -> None:
    if user is None or not AgencyMembership.objects.filter(agency_id=agency_id, user=user).exists():
        raise PermissionDenied(_("Only members of the agency can change its entries."))


def category_closed_message(category: Category, agency: Agency) -> str:
    return _(
        "%(agency)s (%(kind)s) cannot enter the %(category)s category: it is open only to "
        "%(kinds)s."
    ) % {
        "agency": agency.name,
        "kind": agency.get_kind_display(),
        "category": category.name,
        "kinds": ", ".join(category.agency_kind_labels),
    }


def _locked(entry: Entry) -> Entry:
    """Re-read the entry under a row lock so concurrent writes see each other."""
    return (
        Entry.objects.select_for_update()
        .select_related("contest", "category", "agency")
        .get(pk=entry.pk)
    )


@transaction.atomic
def entry_create(
    *, contest: Contest, category: Category, agency: Agency, title: str, by: User
) -> Entry:
    """A new draft; at most `contest.max_entries_per_agency` non-withdrawn entries per category,
    and only in a category open to the agency's kind."""
    _ensure_member(by, agency.pk)
    if not contest.is_published:
        raise ValidationError(_("This contest is not open for entries."), code="unpublished")
    if category.contest_id != contest.pk:
        raise ValidationError({"category": _("Choose a category of this contest.")})
    if not category.is_open_to(agency.kind):
        raise ValidationError({"category": category_closed_message(category, agency)}, code="kind")
    ensure_submission_open(contest)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Enter the case title.")})
    # Lock the agency row: two members creating at once are counted one after the other.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    taken = (
        Entry.objects.filter(contest=contest, category=category, agency=agency)
        .exclude(status=Entry.Status.WITHDRAWN)
        .count()
    )
    if taken >= contest.max_entries_per_agency:
        raise ValidationError(
            {
                "category": _(
                    "Your agency already has %(count)d entries in this category, the most this "
                    "contest allows. Withdraw one to start another."
                )
                % {"count": taken}
            },
            code="limit",
        )
    entry = Entry.objects.create(
        contest=contest, category=category, agency=agency, title=title, created_by=by
    )
    questions = EntryQuestion.objects.filter(contest=contest)
    Answer.objects.bulk_create([Answer(entry=entry, question=q, text="") for q in questions])
    return entry


def _length_error(question_label: str, max_length: int, length: int) -> str:
    return _(
        "%(label)s: at most %(max)d characters (you have %(count)d). The text was not saved."
    ) % {"label": question_label, "max": max_length, "count": length}


@transaction.atomic
def entry_update(
    *, entry: Entry, by: User, title: str | None = None, answers: dict[int, str] | None = None
) -> Entry:
    """Save the title and/or answers (by question id) of a draft.

    All or nothing: when any value is too long, a ValidationError keyed by form field name
    (`title`, `q_<question id>`) is raised and nothing is changed.
    """
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    answers = {qid: normalize_text(text) for qid, text in (answers or {}).items()}
    questions = {
        q.pk: q for q in EntryQuestion.objects.filter(contest_id=entry.contest_id, pk__in=answers)
    }
    errors: dict[str, str] = {}
    if title is not None:
        title = title.strip()
        if not title:
            errors["title"] = _("Enter the case title. The title was not saved.")
        elif len(title) > TITLE_MAX_LENGTH:
            errors["title"] = _length_error(_("Case title"), TITLE_MAX_LENGTH, len(title))
    for qid, text in answers.items():
        question = questions.get(qid)
        if question is None:
            errors[f"q_{qid}"] = _("This question is not part of the contest.")
        elif len(text) > question.max_length:
            errors[f"q_{qid}"] = _length_error(question.label, question.max_length, len(text))
    if errors:
        raise ValidationError(errors)
    for qid, text in answers.items():
        Answer.objects.update_or_create(entry=entry, question_id=qid, defaults={"text": text})
    if title is not None:
        entry.title = title
    entry.save(update_fields=["title", "updated_at"])
    return entry


def submission_problems(entry: Entry) -> list[str]:
    """What stops the entry from being submitted: empty title, empty required answers, too long,
    required attachment slots without a file."""
    problems = []
    if not entry.title.strip():
        problems.append(_("Enter the case title."))
    texts = dict(Answer.objects.filter(entry=entry).values_list("question_id", "text"))
    for question in EntryQuestion.objects.filter(contest_id=entry.contest_id).order_by(
        "order", "id"
    ):
        text = texts.get(question.pk, "")
        if question.required and not text.strip():
            problems.append(_("%(label)s: this answer is required.") % {"label": question.label})
        elif len(text) > question.max_length:
            problems.append(
                _("%(label)s: at most %(max)d characters (you have %(count)d).")
                % {"label": question.label, "max": question.max_length, "count": len(text)}
            )
    return problems + missing_slot_problems(entry)


def missing_slot_problems(entry: Entry) -> list[str]:
    """One line per required attachment slot the entry has no file in, in the slots' order."""
    filled = Attachment.objects.filter(entry=entry, slot__isnull=False).values("slot_id")
    missing = AttachmentSlot.objects.filter(contest_id=entry.contest_id, required=True).exclude(
        pk__in=filled
    )
    return [
        _("%(label)s: this file is required. Attach it, then submit.") % {"label": slot.label}
        for slot in missing.order_by("order", "id")
    ]


def receipt_number_for(contest: Contest, sequence: int) -> str:
    """ "2026-007-0001": the year, the contest's id and the sequence in the contest, so a number
    names one entry across every contest (the database holds it unique)."""
    return f"{contest.year}-{contest.pk:03d}-{sequence:04d}"


def _next_receipt_number(contest: Contest) -> str:
    """The contest's next number; its sequence row is locked until the transaction ends, so two
    submissions at once take two numbers."""
    sequence, _created = ReceiptSequence.objects.select_for_update().get_or_create(contest=contest)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return receipt_number_for(contest, sequence.last)


@transaction.atomic
def entry_submit(*, entry: Entry, by: User) -> Entry:
    """Submit a draft. The first submission takes the contest's next receipt number; a
    resubmission keeps its number. Numbers are never reused, not even after a withdrawal."""
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    ensure_editable(entry)
    problems = submission_problems(entry)
    if problems:
        raise ValidationError(problems, code="incomplete")
    if not entry.receipt_number:
        entry.receipt_number = _next_receipt_number(entry.contest)
    entry.status = Entry.Status.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["receipt_number", "status", "submitted_at", "updated_at"])
    send_receipt_email(entry=entry, by=by)
    return entry


@transaction.atomic
def entry_reopen(*, entry: Entry, by: User) -> Entry:
    """Back to draft before the deadline; the receipt number is kept."""
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    if not is_entry_reopenable(by, entry):
        ensure_submission_open(entry.contest)
        raise ValidationError(_("Only a submitted entry can be reopened."), code="not_submitted")
    entry.status = Entry.Status.DRAFT
    entry.save(update_fields=["status", "updated_at"])
    return entry


@transaction.atomic
def entry_withdraw(*, entry: Entry, by: User) -> Entry:
    """Withdraw a draft or submitted entry before the deadline (final; its number stays used)."""
    _ensure_member(by, entry.agency_id)
    entry = _locked(entry)
    if not is_entry_withdrawable(by, entry):
        ensure_submission_open(entry.contest)
        raise ValidationError(_("This entry was already withdrawn."), code="withdrawn")
    entry.status = Entry.Status.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    return entry


def receipt_recipients(entry: Entry, by: User | None) -> list[str]:
    """The submitting user and the agency's admins, each once."""
    emails = [by.email] if by is not None and by.email else []
    admins = AgencyMembership.objects.filter(agency_id=entry.agency_id, is_admin=True)
    for email in admins.values_list("user__email", flat=True).order_by("user__email"):
        if email and email not in emails:
            emails.append(email)
    return emails


def send_receipt_email(*, entry: Entry, by: User | None) -> None:
    """The receipt email (sent once the submission commits): number, title, agency, category,
    contest, time (Asia/Seoul), attachments, deadline and the link to the receipt."""
    from submissions.selectors.entries import entry_attachments

    entry = Entry.objects.select_related("contest", "category", "agency").get(pk=entry.pk)
    send_notification(
        to=receipt_recipients(entry, by),
        subject_template="emails/entry_submitted_subject.txt",
        body_template="emails/entry_submitted_message.txt",
        context={
            "entry": entry,
            "by": by,
            "attachments": entry_attachments(entry),
            "submitted_at": timezone.localtime(entry.submitted_at),
            "receipt_url": absolute_url(reverse("entries:receipt", args=[entry.pk])),
        },
    )
