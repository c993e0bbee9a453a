"""The judge's dashboard and scorecards (namespace `judge`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import judge, judge_files, judge_recusal

app_name = "judge"

_card = "rounds/<id:round_pk>/entries/<id:entry_pk>/"

urlpatterns = [
    path("", judge.dashboard, name="dashboard"),
    path(_card, judge.scorecard, name="scorecard"),
    path(f"{_card}save/", judge.scorecard_save, name="save"),
    path(f"{_card}submit/", judge.scorecard_submit_view, name="submit"),
    path(f"{_card}reopen/", judge.scorecard_reopen_view, name="reopen"),
    path(f"{_card}conflict/", judge_recusal.recusal, name="recusal"),
    path(f"{_card}files/<id:number>/", judge_files.attachment, name="attachment"),
]
