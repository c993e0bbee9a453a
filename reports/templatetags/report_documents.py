"""The Documents section of the organizer's results pages, as one tag per page:

    {% load report_documents %}{% round_documents page %}      (results:round)
    {% load report_documents %}{% contest_documents view %}    (results:index)

The rows come from reports.documents (the results pages' views belong to scoring, which does
not import reports); nothing is shown when the page has no document."""

from django import template

from reports import documents

register = template.Library()
TEMPLATE = "reports/builds/_documents.html"


def _context(context, rows: list[documents.Document]) -> dict:
    return {
        "documents": rows,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag(TEMPLATE, takes_context=True)
def round_documents(context, page):
    return _context(context, documents.round_documents(page))


@register.inclusion_tag(TEMPLATE, takes_context=True)
def contest_documents(context, view):
    return _context(context, documents.contest_documents(view))
