"""The set-up rules, as pure checks shared by forms (to show errors next to fields) and services
(so that no write can break them). Each check raises `ValidationError` keyed by field name."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Round

HUNDRED = Decimal("100")


class RubricLocked(Exception):
    """Raised when anything tries to change the rubric of a round whose scoring has started."""

    def __init__(self, round_=None):
        super().__init__(rubric_locked_message())
        self.round = round_


def rubric_locked_message() -> str:
    return _("Scoring has started in this round, so its rubric can no longer change.")


def fmt_decimal(value: Decimal) -> str:
    """`Decimal("30.00")` → "30", `Decimal("2.50")` → "2.5" (for messages)."""
    text = format(Decimal(value).normalize(), "f")
    return text


def fmt_time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def check_window(opens_at, closes_at, *, field: str = "closes_at") -> None:
    if opens_at is not None and closes_at is not None and not opens_at < closes_at:
        raise ValidationError({field: _("The closing time must be after the opening time.")})


def _rounds_in_order(contest, *, exclude_pk=None) -> list[Round]:
    rounds = Round.objects.filter(contest=contest).only(
        "id", "order", "name_ko", "name_en", "opens_at", "closes_at", "weight"
    )
    if exclude_pk is not None:
        rounds = rounds.exclude(pk=exclude_pk)
    return sorted(rounds, key=lambda r: (r.order, r.pk))


def check_round_schedule(*, contest, round_=None, opens_at, closes_at) -> None:
    """Round 1 opens at/after submission closes; round n+1 opens at/after round n closes.

    A new round goes after every existing round; an existing round keeps its place.
    """
    check_window(opens_at, closes_at)
    others = _rounds_in_order(contest, exclude_pk=round_.pk if round_ else None)
    if round_ is None:
        before, after = others, []
    else:
        key = (round_.order, round_.pk)
        before = [r for r in others if (r.order, r.pk) < key]
        after = [r for r in others if (r.order, r.pk) > key]
    errors = {}
    if before:
        previous = before[-1]
        if opens_at < previous.closes_at:
            errors["opens_at"] = _(
                "This round must open at or after the previous round, %(name)s, closes (%(time)s)."
            ) % {"name": previous.name, "time": fmt_time(previous.closes_at)}
    elif opens_at < contest.submission_closes_at:
        errors["opens_at"] = _(
            "The first round must open at or after the submission window closes (%(time)s)."
        ) % {"time": fmt_time(contest.submission_closes_at)}
    if after and closes_at > after[0].opens_at:
        errors["closes_at"] = _(
            "This round must close at or before the next round, %(name)s, opens (%(time)s)."
        ) % {"name": after[0].name, "time": fmt_time(after[0].opens_at)}
    if errors:
        raise ValidationError(errors)


def check_submission_window(*, contest, opens_at, closes_at) -> None:
    """The submission window is ordered and closes before the first round opens."""
    check_window(opens_at, closes_at, field="submission_closes_at")
    if contest is None or contest.pk is None:
        return
    rounds = _rounds_in_order(contest)
    if rounds and closes_at > rounds[0].opens_at:
        raise ValidationError(
            {
                "submission_closes_at": _(
                    "The submission window must close at or before the first round, %(name)s, "
                    "opens (%(time)s)."
                )
                % {"name": rounds[0].name, "time": fmt_time(rounds[0].opens_at)}
            }
        )


def check_round_weight(*, contest, round_=None, weight: Decimal) -> None:
    """Round weights may never add up to more than 100 (exactly 100 is needed to publish)."""
    others = _rounds_in_order(contest, exclude_pk=round_.pk if round_ else None)
    used = sum((r.weight for r in others), Decimal(0))
    if used + weight > HUNDRED:
        raise ValidationError(
            {
                "weight": _(
                    "Round weights in a contest add up to at most 100: the other rounds use "
                    "%(used)s, so this round can have at most %(left)s."
                )
                % {"used": fmt_decimal(used), "left": fmt_decimal(HUNDRED - used)}
            }
        )


def round_weight_total(contest) -> Decimal:
    return sum((r.weight for r in _rounds_in_order(contest)), Decimal(0))


@dataclass(frozen=True)
class SetupGap:
    """Something a contest's set-up still lacks or gets wrong: what to say, and the page that
    fixes it (`url_name`, with `round_pk` for a round's page). A contest with any gap cannot be
    published; its overview lists the gaps (contests.selectors.setup_warnings)."""

    message: str
    url_name: str = ""
    round_pk: int | None = None


def setup_gaps(
    *, has_categories: bool, rounds: Sequence[Round], has_questions: bool
) -> list[SetupGap]:
    """The gaps of a contest with these rows: the one definition of a complete set-up.

    `rounds` in order, each with `criterion_count` and its panels (prefetched or not)."""
    gaps = []
    if not has_categories:
        gaps.append(SetupGap(_("Add at least one category."), "contests:categories"))
    if not rounds:
        gaps.append(SetupGap(_("Add at least one round."), "contests:round_create"))
    total = sum((r.weight for r in rounds), Decimal(0))
    if rounds and total != HUNDRED:
        gaps.append(
            SetupGap(
                _("Round weights add up to %(total)s; they must add up to exactly 100.")
                % {"total": fmt_decimal(total)}
            )
        )
    for round_ in rounds:
        panels = list(round_.panels.all())
        panel_total = sum((p.weight for p in panels), Decimal(0))
        if panels and panel_total != HUNDRED:
            gaps.append(
                SetupGap(
                    _("Panel weights of %(round)s add up to %(total)s, not 100.")
                    % {"round": round_.name, "total": fmt_decimal(panel_total)},
                    "contests:round_edit",
                    round_.pk,
                )
            )
        if not round_.criterion_count:
            gaps.append(
                SetupGap(
                    _("%(round)s has no criteria with their points yet.") % {"round": round_.name},
                    "contests:rubric",
                    round_.pk,
                )
            )
    if not has_questions:
        gaps.append(SetupGap(_("Add at least one entry question."), "contests:questions"))
    return gaps


def publication_gaps(contest) -> list[SetupGap]:
    """The gaps of a saved contest, read from the database (four queries); a contest not saved
    yet has no rows at all."""
    if contest is None or contest.pk is None:
        return setup_gaps(has_categories=False, rounds=[], has_questions=False)
    rounds = (
        Round.objects.filter(contest=contest)
        .annotate(criterion_count=Count("criteria"))
        .prefetch_related("panels")
        .order_by("order", "id")
    )
    return setup_gaps(
        has_categories=contest.categories.exists(),
        rounds=list(rounds),
        has_questions=contest.questions.exists(),
    )


def check_publishable(contest) -> None:
    """A contest can be published only with a complete set-up: at least one category, one round
    and one entry question, every round with criteria, round weights (and each round's panel
    weights) adding up to exactly 100. Refused with the intro and every gap, in order."""
    gaps = publication_gaps(contest)
    if gaps:
        intro = _("The contest cannot be published until its set-up is complete:")
        raise ValidationError({"is_published": [intro, *(gap.message for gap in gaps)]})


def check_panel_weights(weights: Iterable[Decimal]) -> None:
    weights = list(weights)
    total = sum(weights, Decimal(0))
    if weights and total != HUNDRED:
        raise ValidationError(
            _("Panel weights in a round must add up to exactly 100 (now %(total)s).")
            % {"total": fmt_decimal(total)}
        )


def check_aggregation(*, method: str, judges_per_entry: int, trim_count: int) -> None:
    if method != Round.Method.TRIMMED_MEAN or not judges_per_entry:
        return
    if trim_count < 1:
        raise ValidationError(
            {
                "trim_count": _(
                    "A trimmed mean drops at least one score at each end; choose the mean instead."
                )
            }
        )
    if trim_count * 2 >= judges_per_entry:
        raise ValidationError(
            {
                "trim_count": _(
                    "Dropping %(trim)s scores at each end needs more than %(needed)s judges per "
                    "entry."
                )
                % {"trim": trim_count, "needed": trim_count * 2}
            }
        )


def clean_advancement(*, advancement: str, value: Decimal | None) -> Decimal | None:
    """Returns the value to store (None when the rule takes no value)."""
    if advancement == Round.Advancement.TOP_N:
        if value is None:
            raise ValidationError(
                {"advancement_value": _("Enter N, how many entries per category advance.")}
            )
        if value < 1 or value != value.to_integral_value():
            raise ValidationError(
                {"advancement_value": _("N must be a whole number of at least 1.")}
            )
        return value
    if advancement == Round.Advancement.CUTOFF:
        if value is None:
            raise ValidationError(
                {"advancement_value": _("Enter the minimum score an entry needs to advance.")}
            )
        if value < 0:
            raise ValidationError({"advancement_value": _("The cut-off cannot be negative.")})
        return value
    return None


def is_multiple(value: Decimal, step: Decimal) -> bool:
    return step > 0 and value % step == 0


def check_criterion(*, max_points: Decimal | None, step: Decimal | None, levels=()) -> None:
    errors = {}
    if max_points is not None and max_points <= 0:
        errors["max_points"] = _("Max points must be greater than 0.")
    if step is not None and step <= 0:
        errors["step"] = _("The step must be greater than 0.")
    if errors:
        raise ValidationError(errors)
    if max_points is None or step is None:
        return
    if not is_multiple(max_points, step):
        raise ValidationError(
            {
                "max_points": _("Max points must be a multiple of the step (%(step)s).")
                % {"step": fmt_decimal(step)}
            }
        )
    for level in levels:
        try:
            check_level_points(points=level.points, max_points=max_points, step=step)
        except ValidationError:
            raise ValidationError(
                {
                    "max_points": _(
                        "The level %(label)s (%(points)s points) would no longer fit; change "
                        "the levels first."
                    )
                    % {"label": level.label, "points": fmt_decimal(level.points)}
                }
            ) from None


def check_level_points(*, points: Decimal, max_points: Decimal, step: Decimal) -> None:
    if points < 0 or points > max_points:
        raise ValidationError(
            {
                "points": _("Points must be between 0 and %(max)s.")
                % {"max": fmt_decimal(max_points)}
            }
        )
    if not is_multiple(points, step):
        raise ValidationError(
            {
                "points": _("Points must be a multiple of the step (%(step)s).")
                % {"step": fmt_decimal(step)}
            }
        )
