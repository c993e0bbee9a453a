"""Home page and the KRDS-styled error pages."""

from django.shortcuts import render

from config.selectors import home_context


def home(request):
    return render(request, "home.html", home_context(request.user))


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
