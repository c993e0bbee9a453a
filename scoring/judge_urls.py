"""The judge's dashboard and scorecards (namespace `judge`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import judge, judge_board, judge_files, judge_overview, judge_recusal

app_name = "judge"

_card = "rounds/<id:round_pk>/entries/<id:entry_pk>/"

urlpatterns = [
    path("", judge_board.dashboard, name="dashboard"),
    path(_card, judge.scorecard, name="scorecard"),
    path(f"{_card}save/", judge.scorecard_save, name="save"),
    path(f"{_card}submit/", judge.scorecard_submit_view, name="submit"),
    path(f"{_card}reopen/", judge.scorecard_reopen_view, name="reopen"),
    path(f"{_card}conflict/", judge_recusal.recusal, name="recusal"),
    path(f"{_card}files/<id:number>/", judge_files.attachment, name="attachment"),
    path("rounds/<id:round_pk>/mine/", judge_overview.overview_view, name="overview"),
    path("rounds/<id:round_pk>/compare/", judge_overview.compare, name="compare"),
    path(f"{_card}note/", judge_overview.note, name="note"),
    path("rounds/<id:round_pk>/files.zip", judge_board.files_zip, name="files_zip"),
]
