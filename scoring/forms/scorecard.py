"""The judge's scorecard as posted, read in one place. Two ways in, one form class:

- the whole form, the page without JavaScript (`ScorecardForm(data, criteria=…, checked=…)`):
  `version`, `comment`, and per criterion `score-<id>`, `level-<id>` (radios), `clear-<id>`, and
  in rounds with comments on criteria (`commented=True`) `ccomment-<id>`;
- one autosaved field from static/js/scorecard.js (`ScorecardForm(data)`): exactly one of
  `score-<id>`, `level-<id>`, `ccomment-<id>`, `comment`, with `base` (the value the page knew)
  and `clear`.

Both give `changes()`, the list of Change the scorecard services save (scoring.services.
scorecards: `form_save`, `field_save`). The form only reads what was posted; whether a score is
acceptable (range, step, the criterion belongs to this round, the window is open, the version is
current) is decided by the services, whose messages are put next to the fields.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.ids import parse_id
from contests.models import Criterion
from scoring.services.scorecards import COMMENT_MAX_LENGTH, Change

VERSION = "version"
COMMENT = "comment"
BASE = "base"
CLEAR = "clear"
SCORE_PREFIX = "score-"
LEVEL_PREFIX = "level-"
CCOMMENT_PREFIX = "ccomment-"


def score_name(criterion_id: int) -> str:
    return f"{SCORE_PREFIX}{criterion_id}"


def level_name(criterion_id: int) -> str:
    return f"{LEVEL_PREFIX}{criterion_id}"


def ccomment_name(criterion_id: int) -> str:
    return f"{CCOMMENT_PREFIX}{criterion_id}"


def clear_name(criterion_id: int) -> str:
    return f"{CLEAR}-{criterion_id}"


def _is_field_name(name: str) -> bool:
    return name == COMMENT or name.startswith((SCORE_PREFIX, LEVEL_PREFIX, CCOMMENT_PREFIX))


class ScorecardForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(
        self, *args, criteria: list[Criterion] | None = None, checked=None, commented=False,
        **kwargs,
    ):  # fmt: skip
        """With `criteria` (and `checked`: criterion id → the level shown checked; `commented`:
        the round asks for a comment per criterion), the whole form; without, one autosaved
        field."""
        if criteria is None:  # one field: the whole form's fields are not copied (autosave speed)
            self.base_fields = {}
        super().__init__(*args, **kwargs)
        self.criteria, self.checked, self.commented = criteria, checked or {}, commented
        self.name = self.key = ""  # one field: its name, and what follows "score-"/"level-"
        if criteria is None:
            self._one_field()
            return
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
            if commented:
                self.fields[ccomment_name(criterion.pk)] = forms.CharField(
                    required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea
                )

    @classmethod
    def is_whole(cls, data) -> bool:
        """The post is the whole form (it has the version and the comment)."""
        return cls.base_fields.keys() <= data.keys()

    # --- one autosaved field -----------------------------------------------------------------

    def _one_field(self) -> None:
        self.fields[BASE] = forms.CharField(
            required=False, strip=False, max_length=COMMENT_MAX_LENGTH + 100
        )
        self.fields[CLEAR] = forms.BooleanField(required=False)
        names = [name for name in (self.data or {}) if _is_field_name(name)]
        if len(names) == 1:
            self.name = names[0]
            self.key = self.name.split("-", 1)[1] if self.name != COMMENT else COMMENT
            if self.name.startswith(CCOMMENT_PREFIX):  # the page's key for this text field
                self.key = self.name
            self.fields[self.name] = forms.CharField(required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        if self.criteria is None:
            if not self.name or BASE not in self.data or self.errors:
                raise forms.ValidationError(
                    gettext("Send exactly one field and the value the page knew."), code="one"
                )
            if self.name != COMMENT and parse_id(self.name.split("-", 1)[1]) is None:
                raise forms.ValidationError(gettext("Unknown field."), code="unknown")
        return cleaned

    def refusal(self) -> str:
        """Why the post was refused (400), for a post of one field."""
        return " ".join(self.non_field_errors()) or gettext(
            "Send exactly one field and the value the page knew."
        )

    def _field_change(self) -> Change:
        value, base = self.cleaned_data[self.name], self.cleaned_data[BASE]
        if self.name == COMMENT:
            return Change(None, value, base=base)
        criterion_id = parse_id(self.name.split("-", 1)[1])
        if self.name.startswith(CCOMMENT_PREFIX):
            return Change(criterion_id, value, base=base, on_criterion=True)
        if self.name.startswith(LEVEL_PREFIX):
            return Change(criterion_id, level_id=parse_id(value), by_level=True, base=base)
        return Change(criterion_id, value, clear=self.cleaned_data[CLEAR], base=base)

    # --- what to save ------------------------------------------------------------------------

    def changes(self) -> list[Change]:
        """One Change per field (a valid form): the autosaved field, or every criterion of the
        whole form in rubric order and then the comment.

        Without JavaScript both the number and the level radios arrive. `checked` says which
        level was shown checked: a level the judge newly chose wins; otherwise the typed number
        does. A score is removed only when its "Remove this score" box is ticked (`clear`); an
        empty box alone is refused where a score is stored."""
        if self.criteria is None:
            return [self._field_change()]
        changes = [self._criterion_change(criterion) for criterion in self.criteria]
        if self.commented:
            changes += [
                Change(c.pk, self.cleaned_data[ccomment_name(c.pk)], on_criterion=True)
                for c in self.criteria
                if ccomment_name(c.pk) in self.data
            ]
        return [*changes, Change(None, self.cleaned_data[COMMENT])]

    def _criterion_change(self, criterion: Criterion) -> Change:
        raw = self.cleaned_data.get(score_name(criterion.pk)) or ""
        level_id = self.cleaned_data.get(level_name(criterion.pk))
        if self.cleaned_data.get(clear_name(criterion.pk)):
            return Change(criterion.pk, "", clear=True)
        if level_id is not None:
            level = next(lv for lv in criterion.level_list if lv.pk == level_id)
            newly_chosen = level_id != self.checked.get(criterion.pk)
            if raw == "" or newly_chosen or _same_number(raw, level.points):
                return Change(criterion.pk, str(level.points), level_id=level_id)
        return Change(criterion.pk, raw)

    # --- what the page shows after a save ----------------------------------------------------

    def field_errors(self, errors: dict[int | None, list[str]]) -> tuple[dict, str]:
        """A save's refusals (criterion id, None for the comment → messages) as the page shows
        them: messages by field name, and the comment's message."""
        by_name = {score_name(key): messages for key, messages in errors.items() if key}
        return by_name, " ".join(errors.get(None, []))

    def replaced(self, stored: dict[int, str], comment: str) -> list[str]:
        """The fields whose posted value is not the stored one (criterion id → stored text):
        after a stale post, the page says they were replaced by the newer values."""
        names = [
            score_name(criterion_id)
            for criterion_id, value in stored.items()
            if self.data.get(score_name(criterion_id), "").strip() != value
        ]
        if self.data.get(COMMENT, "").replace("\r\n", "\n").strip() != comment:
            names.append(COMMENT)
        return names


def _same_number(raw: str, points: Decimal) -> bool:
    try:
        return Decimal(raw.replace(",", ".")) == points
    except (InvalidOperation, ValueError):
        return False


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
