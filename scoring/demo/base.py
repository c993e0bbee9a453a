"""Small helpers shared by the demo builders."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import translation

SEOUL = ZoneInfo("Asia/Seoul")


def seoul(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at the given Seoul wall-clock time."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


@dataclass
class Tally:
    """Counts what a demo run created, per model, so a second run can show it created nothing."""

    created: dict[str, int] = field(default_factory=dict)

    def get_or_create(self, model, defaults: dict | None = None, **keys):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **keys)
        if created:
            with translation.override("en"):
                name = str(model._meta.verbose_name_plural)
            self.created[name] = self.created.get(name, 0) + 1
        return obj

    @property
    def total(self) -> int:
        return sum(self.created.values())
