"""The organizer's announcements to agencies (namespace `announcements`, mounted at
/contests/<id:contest_pk>/announcements/): see scoring/views/announcements.py."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import announcements

app_name = "announcements"

urlpatterns = [
    path("", announcements.announcement_list, name="list"),
    path("new/", announcements.announcement_new, name="new"),
]
