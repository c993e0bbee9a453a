"""The agency's entry flow: /entries/… (namespace `entries`)."""

app_name = "entries"
urlpatterns: list = []
