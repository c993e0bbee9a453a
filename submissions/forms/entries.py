"""Validation of the entry pages' forms (the services check everything again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.models import Category, Contest
from submissions.models import Agency, Entry
from submissions.selectors.entries import QuestionAnswer
from submissions.services.entries import category_closed_message, normalize_text


class EntryCreateForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), empty_label=None
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Case title"),
        max_length=Entry._meta.get_field("title").max_length,
        help_text=_("You can change it later, until the deadline."),
    )

    def __init__(self, *args, contest: Contest, agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        kinds = {agency.kind for agency in agencies}
        open_ids = [
            category.pk
            for category in Category.objects.filter(contest=contest)
            if category.is_open_to_any(kinds)
        ]
        self.fields["category"].queryset = Category.objects.filter(pk__in=open_ids).order_by(
            "order", "id"
        )
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])
        if len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies[0].pk

    @property
    def has_open_category(self) -> bool:
        return self.fields["category"].queryset.exists()

    def clean(self):
        cleaned = super().clean()
        category, agency = cleaned.get("category"), cleaned.get("agency")
        if category and agency and not category.is_open_to(agency.kind):
            self.add_error("category", category_closed_message(category, agency))
        return cleaned


class EntryEditForm(forms.Form):
    """The title and one textarea per entry question (`q_<question id>`).

    Required answers are not required here: a draft may be saved half-written; submitting
    checks them.
    """

    title = forms.CharField(
        label=_("Case title"), max_length=Entry._meta.get_field("title").max_length
    )

    def __init__(self, *args, answers: list[QuestionAnswer], **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        for item in answers:
            question = item.question
            self.fields[item.field_name] = forms.CharField(
                label=question.label,
                required=False,
                strip=False,
                help_text=question.guidance,
                widget=forms.Textarea(
                    attrs={
                        "rows": 8,
                        "class": "krds-input entry-answer",
                        "data-max-length": question.max_length,
                    }
                ),
            )
            self.fields[item.field_name].question = question
            self.initial.setdefault(item.field_name, item.text)

    def clean(self):
        cleaned = super().clean()
        for item in self.answers:
            name = item.field_name
            if name not in cleaned:
                continue
            text = normalize_text(cleaned[name])
            cleaned[name] = text
            limit = item.question.max_length
            if len(text) > limit:
                self.add_error(
                    name,
                    _("At most %(max)d characters (you have %(count)d). The text was not saved.")
                    % {"max": limit, "count": len(text)},
                )
        return cleaned

    def answer_values(self) -> dict[int, str]:
        return {item.question.pk: self.cleaned_data[item.field_name] for item in self.answers}

    def question_fields(self):
        return [self[item.field_name] for item in self.answers]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG or JPG."),
        widget=forms.FileInput(
            attrs={"accept": ".pdf,.hwp,.hwpx,.docx,.pptx,.xlsx,.png,.jpg,.jpeg"}
        ),
    )
