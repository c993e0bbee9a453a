"""The agency's entry flow: /entries/… (namespace `entries`)."""

from django.urls import path

from submissions.views import attachments, entries

app_name = "entries"
urlpatterns = [
    path("", entries.entry_list, name="list"),
    path("new/<int:contest_pk>/", entries.entry_new, name="create"),
    path("<int:pk>/", entries.entry_detail, name="detail"),
    path("<int:pk>/autosave/", entries.entry_autosave, name="autosave"),
    path("<int:pk>/submit/", entries.entry_submit_view, name="submit"),
    path("<int:pk>/reopen/", entries.entry_reopen_view, name="reopen"),
    path("<int:pk>/withdraw/", entries.entry_withdraw_view, name="withdraw"),
    path("<int:pk>/receipt/", entries.entry_receipt, name="receipt"),
    path("<int:pk>/attachments/", attachments.attachment_upload, name="attachment_upload"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/replace/",
        attachments.attachment_replace_view,
        name="attachment_replace",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete_view,
        name="attachment_delete",
    ),
]
