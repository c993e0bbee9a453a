"""Validation of the agency-list upload (the sheet itself is checked by the import service)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.forms.xlsx import XLSX_ACCEPT, XlsxUploadForm


class AgencyImportForm(XlsxUploadForm):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("First row: code, name_ko, name_en, kind. At most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}),
    )
