"""The organizer's view of a contest's entries: /contests/<pk>/entries/… (namespace `screening`)."""

app_name = "screening"
urlpatterns: list = []
