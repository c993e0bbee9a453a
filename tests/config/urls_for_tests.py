"""The real URLconf plus two views that fail on purpose, for the 403 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as real_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test/forbidden/", forbidden),
    path("test/broken/", broken),
    *real_urlpatterns,
]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
