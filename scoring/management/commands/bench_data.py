"""`manage.py bench_data S|L`: build a scale contest in the current database (scoring/demo/
bench_data.py says what and how); refuses to build a size twice; prints the logins."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from scoring.demo.bench_data import PASSWORD, SIZES, build


class Command(BaseCommand):
    help = (
        "Build a scale contest: S (900 entries, 60 judges, 5 per entry, 8 criteria, mid-judging) "
        "or L (2,000 entries, 100 judges, 7 per entry, 10 criteria, fully scored: 140,000 "
        "scores). Bulk-created; a second run for the same size creates nothing."
    )

    def add_arguments(self, parser):
        # T (12 entries) is for tests: accepted, not advertised.
        parser.add_argument("size", choices=sorted(SIZES), metavar="S|L")

    def handle(self, *args, size: str, **options):
        started = time.perf_counter()
        built = build(size)
        if built.created:
            made = ", ".join(f"{count:,} {name}" for name, count in built.counts.items())
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"{built.contest.name_ko}: {made} ({seconds:.1f} s).")
            )
        else:
            self.stdout.write(
                self.style.WARNING(f"{built.contest.name_ko} is already there: nothing created.")
            )
        closes = timezone.localtime(built.round.closes_at)
        self.stdout.write(
            f"Round {built.round.pk} ({built.round.name_ko}) open until {closes:%Y-%m-%d %H:%M}."
        )
        self.stdout.write(f"Logins (one password for everyone): {PASSWORD}")
        self.stdout.write(f"  organizer  {built.organizer}")
        for email in built.judges:
            self.stdout.write(f"  judge      {email}")
