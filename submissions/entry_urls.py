"""The agency's entry flow: /entries/… (namespace `entries`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from submissions.views import attachments, entries

app_name = "entries"
urlpatterns = [
    path("", entries.entry_list, name="list"),
    path("new/<id:contest_pk>/", entries.entry_new, name="create"),
    path("<id:pk>/", entries.entry_detail, name="detail"),
    path("<id:pk>/autosave/", entries.entry_autosave, name="autosave"),
    path("<id:pk>/submit/", entries.entry_submit_view, name="submit"),
    path("<id:pk>/reopen/", entries.entry_reopen_view, name="reopen"),
    path("<id:pk>/withdraw/", entries.entry_withdraw_view, name="withdraw"),
    path("<id:pk>/receipt/", entries.entry_receipt, name="receipt"),
    path("<id:pk>/attachments/", attachments.attachment_upload, name="attachment_upload"),
    path(
        "<id:pk>/attachments/<id:attachment_pk>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path(
        "<id:pk>/attachments/<id:attachment_pk>/replace/",
        attachments.attachment_replace_view,
        name="attachment_replace",
    ),
    path(
        "<id:pk>/attachments/<id:attachment_pk>/delete/",
        attachments.attachment_delete_view,
        name="attachment_delete",
    ),
]
