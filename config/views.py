"""Home page and the KRDS-styled error pages."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from config.middleware import is_script_request
from config.selectors import home_context


def home(request):
    return render(request, "home.html", home_context(request.user))


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a script's save gets 403 {"reason": "csrf"} so that it can fetch a
    fresh token and retry; a page gets the KRDS 403 page saying what to do."""
    if is_script_request(request):
        message = _("The page's security token is out of date. It is renewed and saved again.")
        return JsonResponse({"reason": "csrf", "message": message}, status=403)
    return render(request, "errors/403.html", {"csrf_failed": True}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """Rendered without a RequestContext: no database, no context processors, no session."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
