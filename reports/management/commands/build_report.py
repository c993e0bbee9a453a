"""`python manage.py build_report KIND SUBJECT [--language ko|en] [--output FILE]`: build one
document now, from the shell, and write it to a file.

KIND is a report kind of reports.jobs (an exporter's name: `--list` shows them), SUBJECT its
subject key ("round_result:12", "contest:3", …). No permission is asked (the shell is the
operator's) and nothing is kept in the report files: this is the synchronous path the worker
takes, for an operator who needs a file when no worker runs. The default output is the file
name the download would carry, in the current folder.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.exporters import ascii_filename
from reports.jobs import KINDS, NotFinalized, UnknownKind, UnknownSubject, get_kind
from reports.tasks import takes_progress, write_body
from submissions.services.filetypes import safe_filename


class Command(BaseCommand):
    help = "Build a report (a results workbook, a PDF report…) now and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="report kind (see --list)")
        parser.add_argument("subject", nargs="?", help='subject key, e.g. "round_result:12"')
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
        )
        parser.add_argument("--output", "-o", help="file to write (default: the download name)")
        parser.add_argument(
            "--list", action="store_true", dest="list_kinds", help="list the report kinds"
        )

    def handle(self, *args, kind, subject, language, output, list_kinds, **options):
        if list_kinds:
            for name in sorted(KINDS):
                content_type = KINDS[name].exporter.content_type
                shown = content_type if isinstance(content_type, str) else ""
                self.stdout.write(f"{name}\t{shown}")
            return
        if not kind or not subject:
            raise CommandError("Give a KIND and a SUBJECT (or --list to see the kinds).")
        try:
            report_kind = get_kind(kind)
        except UnknownKind:
            known = ", ".join(sorted(KINDS))
            raise CommandError(f"Unknown report kind {kind!r}. Known kinds: {known}.") from None
        exporter = report_kind.exporter
        with translation.override(language):  # a kind may make its object in the language
            try:
                obj = report_kind.load(subject)
            except UnknownSubject:
                raise CommandError(f"No {kind} subject {subject!r}.") from None
            try:
                report_kind.digest(obj)
                body = self._build(exporter.build, obj, options["verbosity"])
            except NotFinalized as error:
                raise CommandError(str(error)) from error
            name = exporter.filename(obj)
            path = Path(output or safe_filename(name, fallback=ascii_filename(name)))
            with path.open("wb") as out:
                write_body(body, out)
        self.stdout.write(f"{path} ({path.stat().st_size} bytes)")

    def _build(self, build, obj, verbosity: int):
        if not takes_progress(build):
            return build(obj)

        def progress(percent, stage=""):
            if verbosity > 1:
                self.stderr.write(f"{int(percent):3d}% {stage}")

        return build(obj, progress=progress)
