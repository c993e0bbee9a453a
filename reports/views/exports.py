"""Organizer downloads: a contest's filtered entry list as Excel, its attachments as one ZIP."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest
from reports.archive import stream_attachments_zip
from reports.excel import contest_short_name, entries_workbook
from submissions.forms.screening import EntryFilterForm
from submissions.selectors.screening import (
    archive_attachments,
    contest_questions,
    export_entries,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment_disposition(filename: str, fallback: str) -> str:
    """RFC 6266/5987: an ASCII name for old clients and the UTF-8 name for everyone else."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@login_required
@require_GET
def entries_xlsx(request, pk):
    """The list as filtered on the screening page (same query string) as an .xlsx file."""
    contest = manageable_contest(request, pk)
    filters = EntryFilterForm(request.GET, contest=contest).filters()
    now = timezone.localtime()
    title = _("%(contest)s: entries (as of %(when)s)") % {
        "contest": contest.name,
        "when": now.strftime("%Y-%m-%d %H:%M"),
    }
    content = entries_workbook(
        contest=contest,
        entries=export_entries(contest, filters),
        questions=contest_questions(contest),
        title=title,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = attachment_disposition(
        f"{contest.year}_{contest_short_name(contest)}_접수목록.xlsx",
        f"{contest.year}_entries.xlsx",
    )
    return response


@login_required
@require_GET
def attachments_zip(request, pk):
    """Every attachment of the contest's submitted entries, streamed as one ZIP."""
    contest = manageable_contest(request, pk)
    attachments = archive_attachments(contest).iterator(chunk_size=200)
    response = StreamingHttpResponse(
        stream_attachments_zip(attachments), content_type="application/zip"
    )
    response["Content-Disposition"] = attachment_disposition(
        f"{contest.year}_{contest_short_name(contest)}_첨부파일.zip",
        f"{contest.year}_attachments.zip",
    )
    response["Cache-Control"] = "no-store"
    return response
