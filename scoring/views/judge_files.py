"""Attachments for the assigned judge (reports.catalog.JUDGE_ATTACHMENT names and serves them:
PDFs inline, other types as downloads, numbered names under blind judging)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from reports.catalog import JUDGE_ATTACHMENT, JudgeFile
from reports.exporters import export_response
from scoring.selectors.judge import attachments_of
from scoring.views.judge_page import assignment_or_404

# The global policy forbids framing (frame-ancestors 'none'); this response may be framed by our
# own pages only. Everything else stays as strict as the site's policy.
FRAMEABLE_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


@login_required
@require_GET
@xframe_options_sameorigin
@csp_override(FRAMEABLE_CSP)
def attachment(request: HttpRequest, round_pk: int, entry_pk: int, number: int) -> HttpResponseBase:
    """The entry's `number`-th attachment (1-based, upload order), for the assigned judge only,
    from the moment the round opens (before, agencies may still be editing: 404)."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    if timezone.now() < assignment.round.opens_at:
        raise Http404
    files = attachments_of(assignment.entry)
    if not 1 <= number <= len(files):
        raise Http404
    return export_response(
        JUDGE_ATTACHMENT, request, JudgeFile(assignment, number, files[number - 1])
    )
