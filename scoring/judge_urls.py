"""The judge's dashboard and scorecards (namespace `judge`)."""

app_name = "judge"
urlpatterns: list = []
