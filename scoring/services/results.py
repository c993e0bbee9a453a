"""Every write about results: exclusions, tie decisions, award overrides, finalize, reopen,
publish. Each is refused with a clear message (ValidationError) and changes nothing when refused.

Publishing and withdrawing the results are recorded (contests.PublicationEvent, append-only):
who, when, what; a withdrawal needs a reason.

Finalizing freezes the round's inputs and results (scoring.snapshot) and advances entries into
the next round; from then on no score of the round changes (scoring.services.scorecards refuses)
until an organizer reopens the round with a reason, which voids the snapshot (kept, audited).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contests.models import AwardTier, Contest, PublicationEvent, Round
from scoring.models import (
    Advancement,
    AwardOverride,
    Judge,
    ResultExclusion,
    RoundResult,
    Scorecard,
    TieDecision,
)
from scoring.outcome import compute
from scoring.selectors.in_effect import assignments_in_effect
from scoring.selectors.results import contest_rounds, result_in_force, round_inputs
from scoring.snapshot import freeze
from submissions.models import Entry

UNPUBLISH_REASON = gettext_lazy("Give the reason for withdrawing the publication.")


def _reason(reason: str, message: str | None = None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message or _("Give the reason.")}, code="reason")
    return reason


def _not_final(round_: Round) -> None:
    if result_in_force(round_) is not None:
        raise ValidationError(
            _("This round is finalized; reopen it with a reason first."), code="finalized"
        )


def _locked_round(round_: Round) -> Round:
    return Round.objects.select_for_update().select_related("contest").get(pk=round_.pk)


@transaction.atomic
def result_exclude(
    *, round_: Round, judge: Judge, entry: Entry, reason: str, by
) -> ResultExclusion:
    """Leave an assigned, unsubmitted scorecard out of the round's result (the reason is printed
    with the result)."""
    round_ = _locked_round(round_)
    _not_final(round_)
    reason = _reason(reason)
    if not assignments_in_effect(round=round_, judge=judge, entry=entry).exists():
        raise ValidationError(
            _("This entry is not assigned to this judge in this round."), code="not_assigned"
        )
    if Scorecard.objects.filter(
        round=round_, judge=judge, entry=entry, status=Scorecard.Status.SUBMITTED
    ).exists():
        raise ValidationError(_("This scorecard is submitted: it counts."), code="submitted")
    exclusion, _created = ResultExclusion.objects.update_or_create(
        round=round_, judge=judge, entry=entry, defaults={"reason": reason, "by": by}
    )
    return exclusion


@transaction.atomic
def result_include(*, exclusion: ResultExclusion) -> None:
    _not_final(_locked_round(exclusion.round))
    exclusion.delete()


@transaction.atomic
def tie_decide(*, round_: Round, scope: str, entries: list[str], reason: str, by) -> TieDecision:
    """Record the order of entries the chain could not separate (receipt numbers, best first)."""
    round_ = _locked_round(round_)
    _not_final(round_)
    reason = _reason(reason)
    if scope not in TieDecision.Scope.values:
        raise ValidationError(_("Choose the ranking the decision is for."), code="scope")
    if len(entries) < 2 or len(set(entries)) != len(entries):
        raise ValidationError(_("Put at least two different entries in order."), code="entries")
    known = set(
        Entry.objects.filter(contest_id=round_.contest_id, receipt_number__in=entries).values_list(
            "receipt_number", flat=True
        )
    )
    if known != set(entries):
        raise ValidationError(_("Every entry must belong to this contest."), code="entries")
    for old in TieDecision.objects.filter(round=round_, scope=scope):
        if set(old.entries) & set(entries):
            old.delete()  # a new decision on the same entries replaces the old one
    return TieDecision.objects.create(
        round=round_, scope=scope, entries=list(entries), reason=reason, by=by
    )


@transaction.atomic
def award_override(
    *, contest: Contest, entry: Entry, tier: AwardTier | None, reason: str, by
) -> AwardOverride:
    if entry.contest_id != contest.pk or (tier is not None and tier.contest_id != contest.pk):
        raise ValidationError(_("The entry and the award must belong to this contest."))
    final = contest_rounds(contest.pk)[-1:]
    for round_ in final:
        _not_final(_locked_round(round_))
    override, _created = AwardOverride.objects.update_or_create(
        contest=contest, entry=entry, defaults={"tier": tier, "reason": _reason(reason), "by": by}
    )
    return override


def _next_round(round_: Round) -> Round | None:
    rounds = contest_rounds(round_.contest_id)
    position = [r.pk for r in rounds].index(round_.pk)
    return rounds[position + 1] if position + 1 < len(rounds) else None


@transaction.atomic
def round_finalize(*, round_: Round, by, note: str = "") -> RoundResult:
    """Freeze the round's result; refused while anything keeps it from being final."""
    round_ = _locked_round(round_)
    if result_in_force(round_) is not None:
        raise ValidationError(_("This round is already finalized."), code="already")
    # Lock the round's scorecards so that a save racing this finalize waits and is then refused.
    list(Scorecard.objects.select_for_update().filter(round=round_).values_list("pk", flat=True))
    data = round_inputs(round_)
    messages = []
    if data.earlier_missing:
        names = ", ".join(r.name for r in data.earlier_missing)
        messages.append(_("Finalize the earlier rounds first: %(rounds)s.") % {"rounds": names})
    if data.unsubmitted:
        count = len(data.unsubmitted)
        messages.append(
            ngettext(
                "%(count)d assigned scorecard is not submitted: wait for it, or exclude it "
                "with a reason.",
                "%(count)d assigned scorecards are not submitted: wait for them, or exclude each "
                "with a reason.",
                count,
            )
            % {"count": count}
        )
    if not data.entries:
        messages.append(_("No entry takes part in this round."))
    results = compute(data.inputs)
    if results["problems"] and not messages:
        count = len(results["problems"])
        messages.append(
            ngettext(
                "The result is not final yet: %(count)d problem is listed on the results page.",
                "The result is not final yet: %(count)d problems are listed on the results page.",
                count,
            )
            % {"count": count}
        )
    if messages:
        raise ValidationError(messages, code="not_ready")
    text, digest = freeze(data.inputs, results)
    result = RoundResult.objects.create(
        round=round_, snapshot=text, digest=digest, reason=note.strip(), by=by,
        judges={name: judge.pk for name, judge in data.judges.items()},
    )  # fmt: skip
    following = _next_round(round_)
    if following is not None and round_.advancement != Round.Advancement.NONE:
        Advancement.objects.bulk_create(
            Advancement(result=result, round=following, entry_id=data.entries[number].pk)
            for number in results["advanced"]
        )
    return result


@transaction.atomic
def round_reopen(*, round_: Round, by, reason: str) -> RoundResult:
    """Void the round's result so scores can change again (the voided snapshot is kept)."""
    round_ = _locked_round(round_)
    reason = _reason(reason)
    result = result_in_force(round_)
    if result is None:
        raise ValidationError(_("This round is not finalized."), code="not_final")
    if round_.contest.results_published_at is not None:
        raise ValidationError(
            _("The results are published: withdraw the publication first."), code="published"
        )
    following = _next_round(round_)
    if following is not None and (
        result_in_force(following) is not None or following.scoring_started_at is not None
    ):
        raise ValidationError(
            _("The next round has started scoring the advanced entries; it cannot change."),
            code="next_started",
        )
    result.voided_at, result.voided_by, result.void_reason = timezone.now(), by, reason
    result.save(update_fields=["voided_at", "voided_by", "void_reason"])
    result.advancements.all().delete()
    return result


@transaction.atomic
def results_publish(*, contest: Contest, by, scores: bool, ranks: bool) -> Contest:
    """Publish the contest's results (every round finalized), recording who and what."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    rounds = contest_rounds(contest.pk)
    if not rounds or any(result_in_force(r) is None for r in rounds):
        raise ValidationError(
            _("Finalize every round before publishing the results."), code="not_final"
        )
    if contest.results_published_at is not None:
        raise ValidationError(_("The results are already published."), code="already")
    contest.results_published_at, contest.results_published_by = timezone.now(), by
    contest.publish_scores, contest.publish_ranks = scores, ranks
    contest.save(
        update_fields=[
            "results_published_at", "results_published_by", "publish_scores", "publish_ranks"
        ]
    )  # fmt: skip
    PublicationEvent.objects.create(
        contest=contest, action=PublicationEvent.Action.PUBLISHED, scores=scores, ranks=ranks,
        by=by,
    )  # fmt: skip
    return contest


@transaction.atomic
def results_unpublish(*, contest: Contest, by, reason: str) -> Contest:
    """Withdraw published results: serious, so only with a reason (kept in the history)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    reason = _reason(reason, str(UNPUBLISH_REASON))
    if contest.results_published_at is None:
        raise ValidationError(_("The results are not published."), code="not_published")
    contest.results_published_at, contest.results_published_by = None, None
    contest.save(update_fields=["results_published_at", "results_published_by"])
    PublicationEvent.objects.create(
        contest=contest, action=PublicationEvent.Action.UNPUBLISHED,
        scores=contest.publish_scores, ranks=contest.publish_ranks, reason=reason, by=by,
    )  # fmt: skip
    return contest
