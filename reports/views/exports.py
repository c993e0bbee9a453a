"""Organizer downloads: a contest's filtered entry list as Excel, its attachments as one ZIP."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest
from reports.catalog import ATTACHMENTS_ZIP, ENTRIES_WORKBOOK, ContestEntries
from reports.exporters import export_response
from submissions.forms.screening import EntryFilterForm


@login_required
@require_GET
def entries_xlsx(request, pk):
    """The list as filtered on the screening page (same query string) as an .xlsx file."""
    contest = manageable_contest(request, pk)
    filters = EntryFilterForm(request.GET, contest=contest).filters()
    return export_response(ENTRIES_WORKBOOK, request, ContestEntries(contest, filters))


@login_required
@require_GET
def attachments_zip(request, pk):
    """Every attachment of the contest's submitted entries, streamed as one ZIP."""
    contest = manageable_contest(request, pk)
    return export_response(ATTACHMENTS_ZIP, request, contest)
