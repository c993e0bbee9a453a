"""`manage.py demo_data`: build the Korean demo contests, agencies and users (idempotent)."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from scoring.demo import build_demo

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo: 2026 정부혁신 우수사례 경진대회 (60 entries, round 1 open and nearly "
        "scored), 2025 적극행정 우수사례 경진대회 (finished and published), 2026 하반기 적극행정 "
        "우수사례 경진대회 (accepting entries), 40 agencies, judges and one login per role. "
        "Running it again creates nothing new."
    )

    def handle(self, *args, **options):
        # Demo submissions would each send a receipt email; the demo sends none.
        with override_settings(MAILERS={"default": {"BACKEND": DUMMY_MAIL}}):
            result = build_demo()
        if result.created_total:
            made = ", ".join(f"{count} {name}" for name, count in result.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {made}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already present: nothing created."))
        self.stdout.write("")
        self.stdout.write("Demo logins (one password for everyone):")
        self.stdout.write(self._table(result.logins))
        self.stdout.write("")
        self.stdout.write("Now:")
        for note in result.notes:
            self.stdout.write(f"- {note}")

    @staticmethod
    def _table(logins) -> str:
        rows = [("role", "email", "password", "name")]
        rows += [(login.role, login.email, login.password, login.name) for login in logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]

        def line(row):
            cells = [row[i].ljust(widths[i]) for i in range(3)]
            return "| " + " | ".join(cells) + " | " + row[3]

        rule = "|-" + "-|-".join("-" * w for w in widths) + "-|" + "-" * 6
        return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])
