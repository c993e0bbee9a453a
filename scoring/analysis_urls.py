"""The organizer's analysis of a round: judge statistics and robustness (namespace `analysis`,
mounted at /contests/<id:pk>/analysis/). Views: scoring/views/analysis.py."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import analysis

app_name = "analysis"

ROUND = "rounds/<id:round_pk>/"

urlpatterns = [
    path(ROUND + "judges/", analysis.judges, name="judges"),
    path(ROUND + "robustness/", analysis.robustness_view, name="robustness"),
]
