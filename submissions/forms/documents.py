"""The organizer's form to add a contest document (the service checks everything again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.models import ContestDocument


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=ContestDocument._meta.get_field("title").max_length,
        help_text=_("As agencies will see it, e.g. 2026 공고문 or 사례요약서 서식."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG or JPG, at most 50 MB."),
        widget=forms.FileInput(
            attrs={"accept": ".pdf,.hwp,.hwpx,.docx,.pptx,.xlsx,.png,.jpg,.jpeg"}
        ),
    )
