"""The organizer's view of a contest's entries: /contests/<pk>/entries/… (namespace `screening`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from submissions.views import bulk_screening
from submissions.views import screening as views

app_name = "screening"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("<id:entry_pk>/", views.entry_detail, name="detail"),
]
urlpatterns += [
    path("bulk/", bulk_screening.entry_bulk, name="bulk"),
]
