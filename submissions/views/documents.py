"""A contest's documents (공고문, 서식 …): the organizer's page to add and remove them, and the
download for everyone who may see the contest (anonymous visitors too, once it is published).

The file is never served from a public URL: `document_download` checks the contest's visibility
and answers through `export_response` (the one place that writes a download's headers).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contests.models import Contest, ContestDocument
from contests.selectors import contest_get
from contests.views.base import manageable_contest
from reports.exporters import Exporter, export_response, file_type, open_stored
from submissions.forms.documents import DocumentForm
from submissions.selectors.slots import contest_documents
from submissions.services.documents import document_add, document_delete

# Declared here rather than in reports.catalog (another part of the project): the lead may move it.
CONTEST_DOCUMENT = Exporter[ContestDocument](
    name="contest_document",
    permission="contests.view_published_or_managed_contest",
    target=lambda document: document.contest,
    content_type=lambda document: file_type(document.kind),
    filename=lambda document: document.original_name,
    fallback=lambda document: f"document-{document.pk}.{document.kind}",
    build=lambda document: open_stored(document.file),
)


def _document_or_404(contest: Contest, pk: int) -> ContestDocument:
    document = ContestDocument.objects.filter(contest=contest, pk=pk).first()
    if document is None:
        raise Http404
    document.contest = contest
    return document


def _render(request: HttpRequest, contest: Contest, form: DocumentForm, status: int = 200):
    context = {"contest": contest, "documents": contest_documents(contest), "form": form}
    return render(request, "contests/documents.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, contest_pk: int) -> HttpResponse:
    contest = manageable_contest(request, contest_pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = document_add(
                contest=contest,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(title)s was added.") % {"title": document.title})
            return redirect("documents:manage", contest_pk=contest.pk)
    return _render(request, contest, form)


@login_required
@require_POST
def document_remove(request: HttpRequest, contest_pk: int, document_pk: int) -> HttpResponse:
    contest = manageable_contest(request, contest_pk)
    document = _document_or_404(contest, document_pk)
    title = document.title
    document_delete(document=document, by=request.user)
    messages.success(request, _("%(title)s was removed.") % {"title": title})
    return redirect("documents:manage", contest_pk=contest.pk)


@require_GET
def document_download(request: HttpRequest, contest_pk: int, document_pk: int) -> HttpResponseBase:
    contest = contest_get(request.user, contest_pk)  # 404 for a draft the user may not see
    return export_response(CONTEST_DOCUMENT, request, _document_or_404(contest, document_pk))
