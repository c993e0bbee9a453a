"""A contest's documents: /contests/<contest_pk>/documents/… (namespace `documents`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from submissions.views import documents as views

app_name = "documents"
urlpatterns = [
    path("", views.documents, name="manage"),
    path("<id:document_pk>/", views.document_download, name="download"),
    path("<id:document_pk>/remove/", views.document_remove, name="remove"),
]
