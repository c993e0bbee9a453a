"""An upload form for one .xlsx file, checked by name, size and content."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from submissions.sheets import MAX_UPLOAD_BYTES, XLSX_MAGIC, XLSX_TYPE

XLSX_ACCEPT = f".xlsx,{XLSX_TYPE}"


class XlsxUploadForm(forms.Form):
    """Subclasses set the field's label and help text in __init__ or by redeclaring `file`."""

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}))

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
