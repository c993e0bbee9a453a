"""The judge's scorecard as a form: one field per criterion (`score-<id>`), optional level radios
(`level-<id>`), the comment and the scorecard's version.

The form only reads what was posted; whether a score is acceptable (range, step, the criterion
belongs to this round, the window is open, the version is current) is decided by the services,
whose messages are put next to the fields.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.models import Criterion
from scoring.services.scorecards import COMMENT_MAX_LENGTH

VERSION = "version"
COMMENT = "comment"


def score_name(criterion_id: int) -> str:
    return f"score-{criterion_id}"


def level_name(criterion_id: int) -> str:
    return f"level-{criterion_id}"


def clear_name(criterion_id: int) -> str:
    return f"clear-{criterion_id}"


class ScorecardForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[score_name(criterion.pk)] = forms.CharField(
                label=criterion.name, required=False, max_length=20, strip=True
            )
            self.fields[level_name(criterion.pk)] = forms.TypedChoiceField(
                required=False,
                coerce=int,
                empty_value=None,
                choices=[(level.pk, level.label) for level in criterion.level_list],
            )
            self.fields[clear_name(criterion.pk)] = forms.BooleanField(required=False)

    def score_inputs(self, checked: dict[int, int | None]):
        """(criterion, raw score, level id or None, clear) for every criterion, in rubric order.

        Without JavaScript both the number and the level radios arrive. `checked` says which level
        was shown checked: a level the judge newly chose wins; otherwise the typed number does.
        A score is removed only when its "Remove this score" box is ticked (`clear`); an empty
        box alone is refused where a score is stored."""
        for criterion in self.criteria:
            raw = self.cleaned_data.get(score_name(criterion.pk)) or ""
            level_id = self.cleaned_data.get(level_name(criterion.pk))
            if self.cleaned_data.get(clear_name(criterion.pk)):
                yield criterion, "", None, True
                continue
            if level_id is not None:
                level = next(lv for lv in criterion.level_list if lv.pk == level_id)
                newly_chosen = level_id != checked.get(criterion.pk)
                if raw == "" or newly_chosen or _same_number(raw, level.points):
                    yield criterion, str(level.points), level_id, False
                    continue
            yield criterion, raw, None, False


def _same_number(raw: str, points: Decimal) -> bool:
    try:
        return Decimal(raw.replace(",", ".")) == points
    except (InvalidOperation, ValueError):
        return False


class SaveFieldForm(forms.Form):
    """One autosave: exactly one of score-<id>, level-<id>, comment, plus `base`, the value the
    page last knew for that field (the save is refused as a conflict when the stored value is
    neither `base` nor the new value), and `clear` to remove a score on purpose."""

    base = forms.CharField(required=False, strip=False, max_length=COMMENT_MAX_LENGTH + 100)
    clear = forms.BooleanField(required=False)


class RecusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For example: you advised this agency on the case, or you work with its team. "
            "The organizer reads this to reassign the entry."
        ),
    )
