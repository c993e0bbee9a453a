"""URLs: see scoring/views/public.py (pk is the contest)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import public

app_name = "public"

urlpatterns: list = [
    path("<id:pk>/", public.contest_results, name="contest"),
    path("<id:pk>/rounds/<id:round_pk>/snapshot.json", public.snapshot, name="snapshot"),
    path("<id:pk>/entries/<id:entry_pk>/", public.entry, name="entry"),
]
