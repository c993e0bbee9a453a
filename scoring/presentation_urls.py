"""The 2차 발표심사 (namespace `presentations`, mounted at /presentations/): the organizer's
schedule and live scores (scoring/views/presentations.py), the judge's order of presentations
and the agencies' slides (scoring/views/presentations_people.py)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import presentations, presentations_people

app_name = "presentations"

_round = "rounds/<id:round_pk>/"
_entry = f"{_round}entries/<id:entry_pk>/"

urlpatterns = [
    path(_round, presentations.schedule, name="schedule"),
    path(f"{_round}autofill/", presentations.autofill, name="autofill"),
    path(f"{_round}deadline/", presentations.deadline, name="deadline"),
    path(f"{_round}publish/", presentations.publish, name="publish"),
    path(f"{_round}live/", presentations.live, name="live"),
    path(f"{_entry}slot/", presentations.slot, name="slot"),
    path(f"{_entry}slot/remove/", presentations.slot_remove, name="slot_remove"),
    path(f"{_round}today/", presentations_people.today, name="today"),
    path(f"{_entry}slides/", presentations_people.slides, name="slides"),
    path(f"{_entry}slides/file/", presentations_people.slides_file, name="slides_file"),
]
