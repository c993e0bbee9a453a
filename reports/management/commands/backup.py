"""`python manage.py backup [DIR]` (`./run backup [DIR]`): the database (pg_dump, custom
format) and every stored file, with a manifest of their SHA-256 (config/backup.py). DIR is
created and must be empty; by default backups/<date-time> in the current folder."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="new, empty folder for the backup")

    def handle(self, *args, directory, **options):
        target = Path(directory or f"backups/{datetime.now().strftime('%Y%m%d-%H%M%S')}")
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = manifest["database"]["size"] + sum(item["size"] for item in manifest["media"])
        self.stdout.write(
            f"Backed up database {manifest['database']['name']} and "
            f"{len(manifest['media'])} files ({size:,} bytes) into {target.resolve()}"
        )
