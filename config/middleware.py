"""Answers for requests made by page scripts (htmx, or fetch asking for JSON).

A script that saves as the user types cannot use a whole HTML page: when the sign-in has expired,
Django's login_required answers with a redirect to the sign-in page, which fetch and htmx follow
silently and then show (or swap) the sign-in page's HTML where a short status belongs. For script
requests this middleware turns that redirect into 401 with a small JSON body; the page keeps what
was typed and offers to sign in again (static/js/session.js). Plain page requests keep the
redirect. CSRF failures are answered the same way by config.views.csrf_failure.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from config.korean import resolve_particles


def is_script_request(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" or "application/json" in request.headers.get(
        "Accept", ""
    )


class ScriptLoginMiddleware:
    """Sign-in redirects become 401 {"reason": "login"} for script requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 302
            and is_script_request(request)
            and not request.user.is_authenticated
            and urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)
        ):
            return JsonResponse(
                {
                    "reason": "login",
                    "message": _(
                        "Your sign-in has expired. Sign in again; what you typed stays on the page."
                    ),
                    "login_url": response["Location"],
                },
                status=401,
            )
        return response


class KoreanParticlesMiddleware:
    """Korean HTML answers get the particle each name takes ("1차 서면심사를", not
    "1차 서면심사을(를)"): config.korean.resolve_particles on the finished page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.get("Content-Language") == "ko"
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and not response.has_header("Content-Encoding")
        ):
            text = response.content.decode(response.charset)
            resolved = resolve_particles(text)
            if resolved != text:
                response.content = resolved.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
