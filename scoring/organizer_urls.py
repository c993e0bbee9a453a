"""The organizer's judging set-up: judges, invitations, panels, assignment, conflicts
(namespace `judging`)."""

app_name = "judging"
urlpatterns: list = []
