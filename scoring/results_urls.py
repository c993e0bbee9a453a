"""The organizer's results pages (namespace `results`, mounted at /contests/<id:pk>/results/):
see scoring/views/results.py (pages) and scoring/views/results_actions.py (POST actions)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import results, results_actions

app_name = "results"

ROUND = "rounds/<id:round_pk>/"

urlpatterns = [
    path("", results.index, name="index"),
    path(ROUND, results.round_view, name="round"),
    path(ROUND + "entries/<id:entry_pk>/", results.sheet_view, name="sheet"),
    path(ROUND + "snapshot.json", results.snapshot, name="snapshot"),
    path(ROUND + "exclude/", results_actions.exclude, name="exclude"),
    path(ROUND + "include/", results_actions.include, name="include"),
    path(ROUND + "decide/", results_actions.decide, name="decide"),
    path(ROUND + "finalize/", results_actions.finalize, name="finalize"),
    path(ROUND + "reopen/", results_actions.reopen, name="reopen"),
    path("decide/", results_actions.decide_award, name="decide_award"),
    path("override/", results_actions.override, name="override"),
    path("publish/", results_actions.publish, name="publish"),
    path("unpublish/", results_actions.unpublish, name="unpublish"),
]
