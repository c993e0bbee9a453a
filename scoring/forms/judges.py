"""Validation of judge invitations (one person, a pasted list, an Excel file) and panel seats.

A list has one person per line (or per sheet row after the header): name, email, affiliation
agency (code, Korean or English name, or "name (code)"; may be empty), expertise categories
separated by ";" (Korean or English name; may be empty). Columns are separated by a tab (as pasted
from a spreadsheet) or by commas. Every line is checked; errors name their line, and nothing is
invited unless every line is valid.
"""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contests.models import Category, Contest
from scoring.selectors.judges import agency_resolve, category_lookup
from scoring.services.judges import Invitee
from submissions.sheets import SheetError, open_first_sheet

MAX_LINES = 500
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class InviteForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("Email address"))
    affiliation = forms.CharField(
        label=gettext_lazy("Affiliation agency"),
        required=False,
        max_length=250,
        help_text=gettext_lazy(
            "Type to search; code or name. Entries of this agency are never assigned to the "
            "judge. Leave empty for experts from outside the public sector."
        ),
        widget=forms.TextInput(attrs={"list": "agency-options", "autocomplete": "off"}),
    )
    expertise = forms.CharField(
        label=gettext_lazy("Expertise"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("For example: digital government, public administration."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Expertise categories"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Automatic assignment gives the judge entries of these categories; none means all."
        ),
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(contest=contest)

    def clean_affiliation(self):
        text = self.cleaned_data["affiliation"].strip()
        if not text:
            return None
        agency = agency_resolve(text)
        if agency is None:
            raise ValidationError(
                _("No single agency has this code or name: %(text)s."), params={"text": text}
            )
        return agency

    def invitee(self) -> Invitee:
        data = self.cleaned_data
        return Invitee(
            name=data["name"],
            email=data["email"],
            affiliation=data["affiliation"],
            expertise=data["expertise"],
            categories=list(data["categories"]),
        )


def _split_line(line: str) -> list[str]:
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    return [cell.strip() for cell in next(csv.reader([line], skipinitialspace=True), [])]


def parse_rows(rows: list[tuple[int, list[str]]], contest: Contest) -> list[tuple[int, Invitee]]:
    """Check every row (line number, cells); raise ValidationError listing every error."""
    lookup = category_lookup(contest)
    errors: list[str] = []
    result: list[tuple[int, Invitee]] = []
    if len(rows) > MAX_LINES:
        raise ValidationError(_("At most %(max)s people at a time.") % {"max": MAX_LINES})
    for line, cells in rows:
        cells = [*cells, "", "", "", ""][:4] if len(cells) <= 4 else cells
        if len(cells) > 4:
            errors.append(
                _("Line %(line)s: expected at most 4 columns, found %(n)s.")
                % {"line": line, "n": len(cells)}
            )
            continue
        name, email, agency_text, category_text = cells
        line_errors = []
        if not name:
            line_errors.append(_("Line %(line)s: the name is missing.") % {"line": line})
        elif len(name) > 100:
            line_errors.append(
                _("Line %(line)s: the name is longer than 100 characters.") % {"line": line}
            )
        try:
            validate_email(email)
        except ValidationError:
            line_errors.append(
                _("Line %(line)s: '%(email)s' is not an email address.")
                % {"line": line, "email": email}
            )
        agency = None
        if agency_text:
            agency = agency_resolve(agency_text)
            if agency is None:
                line_errors.append(
                    _("Line %(line)s: no single agency has the code or name '%(text)s'.")
                    % {"line": line, "text": agency_text}
                )
        categories = []
        for part in filter(None, (p.strip() for p in category_text.split(";"))):
            category = lookup.get(part.lower())
            if category is None:
                line_errors.append(
                    _("Line %(line)s: this contest has no category '%(name)s'.")
                    % {"line": line, "name": part}
                )
            elif category not in categories:
                categories.append(category)
        if line_errors:
            errors.extend(line_errors)
            continue
        result.append(
            (line, Invitee(name=name, email=email, affiliation=agency, categories=categories))
        )
    if errors:
        raise ValidationError(errors)
    if not result:
        raise ValidationError(_("The list has nobody to invite."))
    return result


def text_rows(text: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            rows.append((number, _split_line(line)))
    return rows


HEADER_WORDS = {"name", "이름", "성명"}


def xlsx_rows(file) -> list[tuple[int, list[str]]]:
    """Rows of the first sheet as text; a first row whose first cell is a header word is
    skipped. Line numbers are the sheet's row numbers."""
    try:
        workbook, sheet = open_first_sheet(file)
    except SheetError as exc:
        raise ValidationError(exc.errors) from exc
    try:
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = ["" if c is None else str(c).strip() for c in cells]
            while values and not values[-1]:
                values.pop()
            if not values:
                continue
            if number == 1 and values[0].lower() in HEADER_WORDS:
                continue
            rows.append((number, values))
            if len(rows) > MAX_LINES:
                break
        return rows
    finally:
        workbook.close()


class BulkInviteForm(forms.Form):
    lines = forms.CharField(
        label=gettext_lazy("List of judges"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "krds-input"}),
        help_text=gettext_lazy(
            "One person per line: name, email, affiliation agency (code or name), expertise "
            "categories separated by ';'. Columns separated by tabs (pasted from a spreadsheet) "
            "or commas."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Or an Excel file (.xlsx)"),
        required=False,
        help_text=gettext_lazy("The same four columns; a first row with headers is skipped."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        return upload

    def clean(self):
        data = super().clean()
        text, upload = data.get("lines", ""), data.get("file")
        if self.errors:
            return data
        if upload:
            rows = xlsx_rows(io.BytesIO(upload.read()))
        elif text.strip():
            rows = text_rows(text)
        else:
            raise ValidationError(_("Paste a list or choose an Excel file."))
        data["invitees"] = parse_rows(rows, self.contest)
        return data


class PanelMembersForm(forms.Form):
    """One checkbox per (panel, judge): posted as `panel-<panel id>` = judge ids."""

    def __init__(self, *args, panels, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.panels, self.judges = panels, judges
        choices = [(j.pk, j.user.display_name) for j in judges]
        for panel in panels:
            self.fields[f"panel-{panel.pk}"] = forms.TypedMultipleChoiceField(
                label=panel.name, choices=choices, coerce=int, required=False
            )

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        twice = []
        for panel in self.panels:
            for judge_id in data.get(f"panel-{panel.pk}", []):
                if judge_id in seen and judge_id not in twice:
                    twice.append(judge_id)
                seen[judge_id] = panel.name
        if twice:
            names = {j.pk: j.user.display_name for j in self.judges}
            raise ValidationError(
                _("A judge can sit in only one panel of a round: %(names)s.")
                % {"names": ", ".join(names[j] for j in twice)}
            )
        return data

    def members(self) -> dict[int, set[int]]:
        return {p.pk: set(self.cleaned_data.get(f"panel-{p.pk}", [])) for p in self.panels}


class AcceptInvitationForm(forms.Form):
    """Accepting an invitation: both pledges must be ticked (checked here, and by the service).

    No `required` attribute in the page: an unticked box gets this form's message, not the
    browser's."""

    use_required_attribute = False

    security_pledge = forms.BooleanField(
        label=gettext_lazy("I have read the security pledge above and agree to it."),
        error_messages={"required": gettext_lazy("Tick this box to agree to the security pledge.")},
    )
    conflict_pledge = forms.BooleanField(
        label=gettext_lazy("I have read the conflict-of-interest pledge above and agree to it."),
        error_messages={
            "required": gettext_lazy("Tick this box to agree to the conflict-of-interest pledge.")
        },
    )


class DeclineInvitationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The organizer sees the reason; you may leave it empty."),
    )
