"""The form that adds a step to a contest's tie-break chain (the rules are in
contests.services.tie_breaks.check_tie_break)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.forms.base import KrdsMixin, apply_check
from contests.models import Criterion, Panel, Round, TieBreakRule
from contests.services.tie_breaks import check_tie_break


class _RoundChild(forms.ModelChoiceField):
    """A criterion or panel, named with its round."""

    def label_from_instance(self, obj):
        return f"{obj.round.name} · {obj.name}"


class _RoundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TieBreakForm(KrdsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=TieBreakRule.Kind.choices)
    criterion = _RoundChild(
        label=_("Criterion"),
        queryset=Criterion.objects.none(),
        required=False,
        help_text=_("Only for “Higher average on a criterion”."),
        error_messages={"invalid_choice": _("Choose a criterion of this contest.")},
    )
    round = _RoundChoice(
        label=_("Round"),
        queryset=Round.objects.none(),
        required=False,
        help_text=_("Only for “Higher score in another round”."),
        error_messages={"invalid_choice": _("Choose a round of this contest.")},
    )
    panel = _RoundChild(
        label=_("Panel"),
        queryset=Panel.objects.none(),
        required=False,
        help_text=_("Only for “Higher score of a panel”."),
        error_messages={"invalid_choice": _("Choose a panel of this contest.")},
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        by_round = ("round__order", "round_id", "order", "id")
        self.fields["criterion"].queryset = (
            Criterion.objects.filter(round__contest=contest)
            .select_related("round")
            .order_by(*by_round)
        )
        self.fields["round"].queryset = Round.objects.filter(contest=contest).order_by(
            "order", "id"
        )
        self.fields["panel"].queryset = (
            Panel.objects.filter(round__contest=contest).select_related("round").order_by(*by_round)
        )

    def clean(self):
        data = super().clean()
        if not self.errors:
            apply_check(
                self,
                check_tie_break,
                contest=self.contest,
                kind=data["kind"],
                criterion=data.get("criterion"),
                round_=data.get("round"),
                panel=data.get("panel"),
            )
        return data
