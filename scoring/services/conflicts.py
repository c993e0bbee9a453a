"""Conflicts of interest (제척 · 기피 · 회피), withdrawing assignments, and telling judges when
screening takes an entry out of judging or brings it back. Nothing scored is ever deleted: a
withdrawn assignment's scorecard and its audit events stay, listed as withdrawn with the reason
(scoring.selectors.audit) and not counted. An assignment left in place but no longer in effect
(scoring.selectors.in_effect: entry screened out, judge linked to the agency) is hidden and not
counted the same way, and counts again when the cause goes away.

- 제척 (exclusion) is automatic: a judge is never assigned, and never shown, an entry of an agency
  they are linked to (affiliation or membership: scoring.selectors.conflicts). It is computed,
  not stored, so a membership made after the invitation was accepted counts at once; when the
  membership is made, the judge's assignments of that agency's entries on which nothing was saved
  are withdrawn (`membership_exclusion`).
- 기피 (challenge): an organizer records it with a reason. The judge's assignments of that entry
  (every round) are withdrawn. Refused once the judge scored the entry: the organizer first
  clears those scores, so that no score silently disappears from the results.
- 회피 (recusal): the judge declares it on an entry assigned to them, with a reason, and the
  organizers are emailed every time. While nothing was saved on the scorecard of the round it is
  declared in and that round's window is not closed, it takes effect at once: the assignments of
  the entry in rounds where nothing was saved are withdrawn. Otherwise (scoring started, the
  scorecard submitted, the window closed) it is a request: the judge keeps the entry until an
  organizer approves it (every assignment of the pair is withdrawn) or rejects it, with a reason.

A conflict that is pending or in effect keeps the pair out of every later assignment.
"""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.mail import absolute_url, send_notification
from contests.models import Round
from scoring.models import Assignment, Conflict, Judge, Score, Scorecard
from scoring.selectors.in_effect import pair_open
from submissions.models import Entry

STARTED = Q(version__gt=0) | Q(Exists(Score.objects.filter(scorecard=OuterRef("pk"))))
"""A scorecard something was saved on (or that holds a score): its judge has started scoring."""


# --- email ------------------------------------------------------------------------------------


def _mail(template: str, context: dict, recipients: list[str]) -> None:
    """Render emails/<template>_subject.txt and _message.txt and send once the data is saved."""
    send_notification(
        to=recipients,
        subject_template=f"emails/{template}_subject.txt",
        body_template=f"emails/{template}_message.txt",
        context=context,
    )


def _dashboard_url() -> str:
    return absolute_url(reverse("judge:dashboard"))


def _tell_organizers(conflict: Conflict, withdrawn: int) -> None:
    contest = conflict.judge.contest
    _mail(
        "recusal_declared",
        {
            "conflict": conflict,
            "contest_name": contest.name_ko,
            "judge_name": conflict.judge.user.display_name,
            "entry": conflict.entry,
            "pending": conflict.status == Conflict.Status.PENDING,
            "withdrawn": withdrawn,
            "url": absolute_url(reverse("judging:conflicts", kwargs={"pk": contest.pk})),
        },
        sorted(contest.organizers.values_list("email", flat=True)),
    )


# --- withdrawing assignments ----------------------------------------------------------------


def _withdraw(assignments, *, keep_started: bool) -> int:
    """Delete the assignments (scorecards stay); with `keep_started`, only those whose
    scorecard holds nothing. Returns how many were withdrawn."""
    rows = list(assignments.values_list("pk", "judge_id", "entry_id", "round_id"))
    if keep_started:
        started = set(
            Scorecard.objects.filter(
                STARTED,
                judge_id__in={row[1] for row in rows},
                entry_id__in={row[2] for row in rows},
            ).values_list("judge_id", "entry_id", "round_id")
        )
        rows = [row for row in rows if row[1:] not in started]
    Assignment.objects.filter(pk__in=[row[0] for row in rows]).delete()
    return len(rows)


def entry_judges_tell(*, entry: Entry, running: bool, reason: str) -> int:
    """The entry left the running (screened 부적격) or came back (screened 적격 again): email
    each judge whose assignment of it is otherwise open (no conflict in effect, no agency link).
    Nothing is deleted: the assignments stop or start being in effect with the entry
    (scoring.selectors.in_effect). Returns how many judges were emailed."""
    judges = {
        a.judge_id: a.judge
        for a in Assignment.objects.filter(pair_open(), entry=entry).select_related("judge__user")
    }
    template = "entry_returned" if running else "entry_withdrawn"
    for judge in judges.values():
        _mail(
            template,
            {"judge_name": judge.user.display_name, "contest_name": entry.contest.name_ko,
             "entry": entry, "reason": reason, "url": _dashboard_url()},
            [judge.user.email],
        )  # fmt: skip
    return len(judges)


@transaction.atomic
def membership_exclusion(*, user, agency_id: int) -> int:
    """The user became a member of an agency: as a judge they may no longer score its entries.
    Assignments with nothing saved are withdrawn; the others stay for the organizer to decide
    (the judge's pages hide them, the conflict list shows the exclusion)."""
    assignments = Assignment.objects.filter(judge__user=user, entry__agency_id=agency_id)
    return _withdraw(assignments, keep_started=True)


# --- conflicts --------------------------------------------------------------------------------


def _check(judge: Judge, entry: Entry, reason: str, kind: str) -> str:
    if judge.contest_id != entry.contest_id:
        raise ValidationError(_("The judge and the entry must belong to the same contest."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if Conflict.objects.filter(judge=judge, entry=entry, kind=kind).exists():
        raise ValidationError(_("This conflict of interest is already recorded."), code="duplicate")
    return reason


@transaction.atomic
def conflict_record_challenge(*, judge: Judge, entry: Entry, reason: str, by) -> Conflict:
    """기피: recorded by an organizer of the contest; refused once the judge scored the entry."""
    if not rules.has_perm("contests.manage_contest", by, judge.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    reason = _check(judge, entry, reason, Conflict.Kind.CHALLENGE)
    if Score.objects.filter(scorecard__judge=judge, scorecard__entry=entry).exists():
        raise ValidationError(
            _(
                "The judge has already scored this entry. Reopen the scorecard and clear its "
                "scores first, then record the challenge."
            ),
            code="scored",
        )
    _withdraw(Assignment.objects.filter(judge=judge, entry=entry), keep_started=False)
    return Conflict.objects.create(
        judge=judge, entry=entry, kind=Conflict.Kind.CHALLENGE, reason=reason, recorded_by=by
    )


def recusal_is_immediate(judge: Judge, entry: Entry, round_: Round) -> bool:
    """회피 takes effect at once only before anything was saved on the scorecard of `round_`
    and while its window is not closed; otherwise it is a request for the organizer."""
    if timezone.now() >= round_.closes_at:
        return False
    return not Scorecard.objects.filter(STARTED, round=round_, judge=judge, entry=entry).exists()


@transaction.atomic
def conflict_declare_recusal(
    *, judge: Judge, entry: Entry, reason: str, by, round_: Round | None = None
) -> Conflict:
    """회피: the judge (only themself) declares a conflict on an entry assigned to them, from the
    scorecard of `round_` (default: the pair's round that closes last)."""
    if by is None or judge.user_id != by.pk:
        raise PermissionDenied(_("Only the judge can declare their own conflict of interest."))
    assignments = Assignment.objects.filter(judge=judge, entry=entry).select_related("round")
    if round_ is not None:
        assignments = assignments.filter(round=round_)
    assignment = assignments.order_by("-round__closes_at", "-round_id").first()
    if assignment is None:
        raise ValidationError(_("This entry is not assigned to you."), code="not_assigned")
    reason = _check(judge, entry, reason, Conflict.Kind.RECUSAL)
    conflict = Conflict(
        judge=judge, entry=entry, kind=Conflict.Kind.RECUSAL, reason=reason, recorded_by=by
    )
    withdrawn = 0
    if recusal_is_immediate(judge, entry, assignment.round):
        conflict.status, conflict.decided_at = Conflict.Status.IN_EFFECT, timezone.now()
        pair = Assignment.objects.filter(judge=judge, entry=entry)
        withdrawn = _withdraw(pair, keep_started=True)
    else:
        conflict.status = Conflict.Status.PENDING
    conflict.save()
    _tell_organizers(conflict, withdrawn)
    return conflict


@transaction.atomic
def conflict_decide(*, conflict: Conflict, approve: bool, reason: str, by) -> Conflict:
    """An organizer decides a pending recusal request, with a reason the judge is told.

    Approving withdraws every assignment of the pair (the scorecards and their audit stay,
    listed as withdrawn and no longer counted); rejecting leaves everything as it is."""
    conflict = (
        Conflict.objects.select_for_update()
        .select_related("judge__contest", "judge__user", "entry")
        .get(pk=conflict.pk)
    )
    if not rules.has_perm("contests.manage_contest", by, conflict.judge.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    if conflict.status != Conflict.Status.PENDING:
        raise ValidationError(_("This request was already decided."), code="decided")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_reason": _("Give the reason.")}, code="required")
    conflict.status = Conflict.Status.IN_EFFECT if approve else Conflict.Status.REJECTED
    conflict.decided_by, conflict.decided_at = by, timezone.now()
    conflict.decision_reason = reason
    conflict.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if approve:
        pair = Assignment.objects.filter(judge=conflict.judge, entry=conflict.entry)
        _withdraw(pair, keep_started=False)
    _mail(
        "recusal_decided",
        {"judge_name": conflict.judge.user.display_name,
         "contest_name": conflict.judge.contest.name_ko, "entry": conflict.entry,
         "approved": approve, "reason": reason, "url": _dashboard_url()},
        [conflict.judge.user.email],
    )  # fmt: skip
    return conflict
