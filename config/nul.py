"""Refuse request data no page can store: the NUL character.

PostgreSQL text cannot hold U+0000 ("A string literal cannot contain NUL (0x00) characters"), so
a NUL in any saved or searched value was a server error. Django's form fields refuse it already
(ProhibitNullCharactersValidator), but autosaves, filters and hand-read values do not go through a
form. This middleware answers every such request with 400 and a message before any view runs, so
nothing is saved and every page, present and future, is covered at once.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from config.middleware import is_script_request

NUL = "\x00"


def _has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def has_nul(request) -> bool:
    """True when a query-string or form value (or a field name) contains NUL."""
    return _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST))


class RejectNulMiddleware:
    """400 with a clear message for any request whose GET or POST data contains NUL.

    It runs in `process_view`, after the CSRF check, so a cross-site request is still a 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not has_nul(request):
            return None
        if is_script_request(request):  # an autosave shows the message beside its field
            message = render_to_string("errors/_nul_message.txt", request=request).strip()
            return JsonResponse({"reason": "nul", "message": message}, status=400)
        return render(request, "errors/400_nul.html", status=400)
