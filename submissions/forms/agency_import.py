"""Validation of the agency-list upload (the sheet itself is checked by the import service)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class AgencyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("First row: code, name_ko, name_en, kind. At most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload an Excel workbook saved as .xlsx (not .xls or .csv)."), code="type"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(max)s are accepted."),
                code="size",
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        head = upload.read(4)
        upload.seek(0)
        if head != XLSX_MAGIC:
            raise forms.ValidationError(
                _("The file is not an Excel workbook (.xlsx) or it is damaged."), code="content"
            )
        return upload
