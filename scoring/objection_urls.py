"""Objections (이의신청, namespace `objections`): see scoring/views/objections.py. Mounted twice
from config/urls.py: the agency's form under /objections/, the organizer's pages under
/contests/<id:contest_pk>/objections/."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import objections

app_name = "objections"

urlpatterns = [
    path("objections/entries/<id:entry_pk>/new/", objections.objection_new, name="new"),
    path("contests/<id:contest_pk>/objections/", objections.objection_list, name="list"),
    path(
        "contests/<id:contest_pk>/objections/window/",
        objections.objection_window,
        name="window",
    ),
    path(
        "contests/<id:contest_pk>/objections/<id:number>/",
        objections.objection_detail,
        name="detail",
    ),
    path(
        "contests/<id:contest_pk>/objections/<id:number>/file/",
        objections.objection_download,
        name="download",
    ),
]
