"""Attachments for the assigned judge. PDFs open inline (framed by our own scorecard page);
other types download. With blind judging the file is named "첨부<n>.<type>", never the uploaded
name, which may carry the agency's name."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from scoring.selectors.judge import attachments_of, judge_file_name
from scoring.views.judge_page import assignment_or_404

# The global policy forbids framing (frame-ancestors 'none'); this response may be framed by our
# own pages only. Everything else stays as strict as the site's policy.
FRAMEABLE_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


@login_required
@require_GET
@xframe_options_sameorigin
@csp_override(FRAMEABLE_CSP)
def attachment(request: HttpRequest, round_pk: int, entry_pk: int, number: int) -> FileResponse:
    """The entry's `number`-th attachment (1-based, upload order), for the assigned judge only."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    files = attachments_of(assignment.entry)
    if not 1 <= number <= len(files):
        raise Http404
    item = files[number - 1]
    name = judge_file_name(item, number, blind=assignment.round.contest.blind_judging)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    is_pdf = item.kind == "pdf"
    response = FileResponse(handle, as_attachment=not is_pdf, filename=name)
    if is_pdf:
        response["Content-Type"] = "application/pdf"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
