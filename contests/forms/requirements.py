"""The organizer's form for a contest's attachment slots (contests.requirements)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.forms.base import KrdsMixin
from contests.forms.contest import OrderedFormSet, contest_rows_formset
from contests.models import AttachmentSlot, FileKind


class AttachmentSlotForm(KrdsMixin, forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Allowed file types"),
        choices=FileKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every accepted type."),
    )

    class Meta:
        model = AttachmentSlot
        fields = ["label_ko", "label_en", "guidance", "required", "kinds", "max_file_mb"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}


class AttachmentSlotRows(OrderedFormSet):
    """New slots start required, with the first slot's size limit."""

    new_row_defaults = {"required": True}
    copy_from_first = ("max_file_mb",)


AttachmentSlotFormSet = contest_rows_formset(AttachmentSlotForm, AttachmentSlotRows)
