"""The organizer's control of scoring: progress, reminders, reopen, on-behalf, import, audit
(namespace `control`)."""

app_name = "control"
urlpatterns: list = []
