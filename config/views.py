"""Home page and the KRDS-styled error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from config.selectors import home_context


def home(request):
    return render(request, "home.html", home_context(request.user))


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """Rendered without a RequestContext: no database, no context processors, no session."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
