"""The bench-only bare authenticated view (bench/load_autosave.py's limit), routed only when the
environment says BENCH_URLS=1 (config/urls.py): never part of the product."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@login_required
@require_POST
def bare(request: HttpRequest) -> JsonResponse:
    """What every authenticated script request costs and nothing more: the session, the user,
    the CSRF check and every middleware, then a small JSON answer."""
    return JsonResponse({"user": request.user.pk})
