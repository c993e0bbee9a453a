"""The organizer's control of scoring: progress, reminders, reopen, on-behalf, import, audit
(namespace `control`, mounted at /contests/<int:pk>/control/)."""

from django.urls import path

from scoring.views import audit, on_behalf, progress, score_import

app_name = "control"

ROUND = "rounds/<int:round_pk>/"

urlpatterns = [
    path("", progress.progress, name="progress"),
    path(ROUND + "remind/", progress.remind, name="remind"),
    path(
        ROUND + "judges/<int:judge_pk>/entries/<int:entry_pk>/",
        on_behalf.on_behalf,
        name="on_behalf",
    ),
    path(
        "scorecards/<int:scorecard_pk>/reopen/",
        on_behalf.scorecard_reopen_view,
        name="scorecard_reopen",
    ),
    path(ROUND + "scores.xlsx", score_import.template_download, name="score_template"),
    path(ROUND + "import/", score_import.score_import, name="score_import"),
    path("entries/<int:entry_pk>/audit/", audit.audit_entry, name="audit_entry"),
    path("judges/<int:judge_pk>/audit/", audit.audit_judge, name="audit_judge"),
]
