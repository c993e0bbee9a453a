"""The organizer's control of scoring: progress, reminders, reopen, on-behalf, import, audit
(namespace `control`, mounted at /contests/<id:pk>/control/)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import audit, on_behalf, progress, score_import

app_name = "control"

ROUND = "rounds/<id:round_pk>/"

urlpatterns = [
    path("", progress.progress, name="progress"),
    path(ROUND + "remind/", progress.remind, name="remind"),
    path(ROUND + "totals/", progress.progress_totals, name="progress_totals"),
    path(
        ROUND + "judges/<id:judge_pk>/entries/<id:entry_pk>/",
        on_behalf.on_behalf,
        name="on_behalf",
    ),
    path(
        "scorecards/<id:scorecard_pk>/reopen/",
        on_behalf.scorecard_reopen_view,
        name="scorecard_reopen",
    ),
    path(ROUND + "scores.xlsx", score_import.template_download, name="score_template"),
    path(ROUND + "import/", score_import.score_import, name="score_import"),
    path("entries/<id:entry_pk>/audit/", audit.audit_entry, name="audit_entry"),
    path("judges/<id:judge_pk>/audit/", audit.audit_judge, name="audit_judge"),
]
