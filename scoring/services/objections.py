"""Objections (이의신청): the organizer sets the period, an agency files an objection on its own
entry, the organizer answers it. Each write is refused with a clear message (ValidationError)
and changes nothing when refused.

- `objection_window_set`: the period opens when the results are published and closes at the
  time the organizer sets (setting a time already past closes it).
- `objection_file`: a member of the entry's agency, while the period is open, on a submitted
  entry of the contest, with no other objection of the entry still open; numbered #1, #2 … per
  contest.
- `objection_answer`: dismissed (기각) or upheld (인용), always with a reason, emailed to the
  agency's members (the link to their entries page on a line of its own). Upholding reopens what
  the objection concerns, with "이의신청 #n 인용: <reason>" as the reason everywhere it is kept:
  scores (점수 산정) — the publication is withdrawn, the named round's frozen snapshot voided
  (kept, with the reason and who) and the entry's submitted scorecards of that round reopened
  (each with an audit event), so the organizer corrects them and finalizes again; screening
  (자격 심사) — the entry's screening goes back to "not screened yet". An upheld objection about
  the procedure or anything else is recorded; what follows is the organizer's to do.
"""

import datetime as dt

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, send_notification
from contests.models import Contest, Round
from scoring.models import Objection, ObjectionWindow, Scorecard, ScoreEvent
from scoring.selectors.objections import window_of, window_open
from scoring.selectors.results import result_in_force
from scoring.services.announcements import links_on_own_lines
from scoring.services.results import results_unpublish, round_reopen
from scoring.services.scorecards import scorecard_reopen
from submissions.models import Entry
from submissions.rules import is_entry_agency_member
from submissions.services.filetypes import clean_filename, detect_kind, kind_from_name
from submissions.services.screening_mail import agency_addresses
from submissions.signals import entry_running_changed

SUBJECT = "emails/objection_answered_subject.txt"
BODY = "emails/objection_answered_message.txt"
MAX_FILE_SIZE = 20 * 1024 * 1024
TEXT_MAX_LENGTH = 5000


def _manage(contest: Contest, by: User) -> None:
    if not rules.has_perm("contests.manage_contest", by, contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))


@transaction.atomic
def objection_window_set(*, contest: Contest, closes_at: dt.datetime, by: User) -> ObjectionWindow:
    """Set (or move) the time the objection period closes."""
    _manage(contest, by)
    if closes_at is None:
        raise ValidationError(
            {"closes_at": _("Give the date and time the objection period closes.")}
        )
    window, _created = ObjectionWindow.objects.update_or_create(
        contest=contest, defaults={"closes_at": closes_at, "set_by": by}
    )
    return window


# --- filing -----------------------------------------------------------------------------------


def refusal(entry: Entry, *, now: dt.datetime | None = None) -> str:
    """Why no objection can be filed on `entry` now ("" when one can): the one check of the
    agency's page and of `objection_file`."""
    contest = entry.contest
    window = window_of(contest)
    if entry.status != Entry.Status.SUBMITTED:
        return _("Only a submitted entry can be objected to.")
    if contest.results_published_at is None:
        return _("Objections can be filed only after the results are published.")
    if not window_open(contest, window, now):
        if window is None:
            return _("The organizers have not opened an objection period for this contest.")
        closed = timezone.localtime(window.closes_at).strftime("%Y-%m-%d %H:%M")
        return _("The objection period closed on %(closed)s.") % {"closed": closed}
    if Objection.objects.filter(entry=entry, status=Objection.Status.OPEN).exists():
        return _(
            "This entry already has an objection under review; wait for its answer before "
            "filing another."
        )
    return ""


def _checked_file(upload: UploadedFile | None) -> tuple[str, str]:
    """(kind, cleaned name) of an accepted file; ValidationError otherwise."""
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError({"file": _("The file is larger than 20 MB.")}, code="file_size")
    named = kind_from_name(upload.name or "")
    found = detect_kind(upload)
    upload.seek(0)
    if named is None or named != found:
        raise ValidationError(
            {"file": _("Attach a PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG or JPG file.")},
            code="file_type",
        )
    return named, clean_filename(upload.name, fallback=f"objection.{named}")


@transaction.atomic
def objection_file(
    *,
    entry: Entry,
    by: User,
    concern: str,
    text: str,
    round_: Round | None = None,
    upload: UploadedFile | None = None,
) -> Objection:
    """File an objection on the agency's own entry (see the module's docstring)."""
    if not is_entry_agency_member(by, entry):
        raise PermissionDenied(_("Only the members of the entry's agency can object to it."))
    contest = Contest.objects.select_for_update().get(pk=entry.contest_id)
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    reason = refusal(entry)
    if reason:
        raise ValidationError(reason, code="refused")
    errors = {}
    if concern not in Objection.Concern.values:
        errors["concern"] = _("Choose what the objection concerns.")
    if round_ is not None and round_.contest_id != contest.pk:
        errors["round"] = _("Choose a round of this contest.")
    elif round_ is None and concern == Objection.Concern.SCORES:
        errors["round"] = _("Choose the round whose scores the objection is about.")
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        errors["text"] = _("Write what you object to and why.")
    if errors:
        raise ValidationError(errors)
    kind, name = _checked_file(upload) if upload else ("", "")
    number = (Objection.objects.filter(contest=contest).aggregate(n=Max("number"))["n"] or 0) + 1
    objection = Objection(
        contest=contest, number=number, entry=entry, concern=concern, round=round_, text=text,
        filed_by=by, file_name=name, file_kind=kind,
    )  # fmt: skip
    if upload:
        objection.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            objection.save()
    except IntegrityError as exc:  # another member filed on the same entry at the same moment
        raise ValidationError(
            _("This entry already has an objection under review."), code="open"
        ) from exc
    return objection


# --- answering --------------------------------------------------------------------------------


def audit_reason(objection: Objection, reason: str) -> str:
    """What every record reopened by upholding says, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Objection #%(number)s upheld: %(reason)s") % {
            "number": objection.number,
            "reason": reason,
        }


def _reopen_scores(objection: Objection, by: User, why: str) -> None:
    contest, round_ = objection.contest, objection.round
    if contest.results_published_at is not None:
        results_unpublish(contest=contest, by=by, reason=why)
    if result_in_force(round_) is not None:
        round_reopen(round_=round_, by=by, reason=why)
    cards = Scorecard.objects.filter(
        round=round_, entry=objection.entry, status=Scorecard.Status.SUBMITTED
    ).order_by("pk")
    for card in cards:
        scorecard_reopen(scorecard=card, by=by, via=ScoreEvent.Via.ORGANIZER, reason=why)


def _reopen_screening(objection: Objection, by: User, why: str) -> None:
    entry = Entry.objects.select_for_update().get(pk=objection.entry_id)
    was_out = entry.eligibility == Entry.Eligibility.INELIGIBLE
    Entry.objects.filter(pk=entry.pk).update(
        eligibility=Entry.Eligibility.PENDING, eligibility_reason="", screened_by=None,
        screened_at=None,
    )  # fmt: skip
    if was_out:  # back in the running: its judges are told, as when screened back in
        entry_running_changed.send(sender=Entry, entry=entry, by=by, running=True, reason=why)


@transaction.atomic
def objection_answer(*, objection: Objection, by: User, outcome: str, reason: str) -> Objection:
    """Dismiss or uphold an open objection with a reason; upholding reopens what it concerns."""
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("contest", "entry__agency", "round")
        .get(pk=objection.pk)
    )
    _manage(objection.contest, by)
    if objection.status != Objection.Status.OPEN:
        raise ValidationError(_("This objection has been answered already."), code="answered")
    errors = {}
    if outcome not in (Objection.Status.DISMISSED, Objection.Status.UPHELD):
        errors["outcome"] = _("Choose to dismiss or to uphold the objection.")
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        errors["reason"] = _("Give the reason for the answer; the agency will read it.")
    if errors:
        raise ValidationError(errors)
    if outcome == Objection.Status.UPHELD:
        why = audit_reason(objection, reason)
        if objection.concern == Objection.Concern.SCORES and objection.round is not None:
            _reopen_scores(objection, by, why)
        elif objection.concern == Objection.Concern.ELIGIBILITY:
            _reopen_screening(objection, by, why)
    objection.status, objection.answer = outcome, reason
    objection.answered_by, objection.answered_at = by, timezone.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    answer_tell(objection=objection)
    return objection


def answer_tell(*, objection: Objection) -> bool:
    """Email the answer to the members of the entry's agency (after the transaction commits)."""
    addresses = agency_addresses([objection.entry.agency_id]).get(objection.entry.agency_id)
    if not addresses:
        return False
    send_notification(
        to=addresses,
        subject_template=SUBJECT,
        body_template=BODY,
        context={
            "objection": objection,
            "entry": objection.entry,
            "contest": objection.contest,
            "agency": objection.entry.agency,
            "answer": links_on_own_lines(objection.answer),
            "upheld": objection.status == Objection.Status.UPHELD,
            "url": absolute_url(f"{reverse('entries:list')}#objections"),
        },
    )
    return True
