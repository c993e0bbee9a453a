"""`python manage.py verify_results FILE`: check a published result snapshot from the file alone.

Recomputes the results from the file's inputs (scoring.outcome.compute, the same code that
computed them) and the SHA-256 digest of its canonical form, and says whether both match. Exit
status 0 when they match, 1 when they do not (each difference is printed), 2 when the file is
not a snapshot. Needs no database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scoring.snapshot import verify


class Command(BaseCommand):
    help = "Verify a downloaded result snapshot: recompute its results and digest."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}", returncode=2) from error
        try:
            report = verify(text)
        except ValueError as error:
            raise CommandError(f"{file} is not a result snapshot: {error}", returncode=2) from error
        self.stdout.write(f"stored digest:   {report['stored']}")
        self.stdout.write(f"computed digest: {report['computed']}")
        if report["ok"]:
            self.stdout.write("OK: the results and the digest match the inputs.")
            return
        if not report["digest_ok"]:
            self.stdout.write("MISMATCH: the digest does not match the file's content.")
        if not report["results_ok"]:
            self.stdout.write("MISMATCH: the results differ from those recomputed from the inputs:")
            for line in report["differences"]:
                self.stdout.write(f"  {line}")
        raise CommandError("The snapshot does not verify.", returncode=1)
