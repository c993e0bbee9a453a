"""`python manage.py restore DIR` (`./run restore DIR`): a backup made by `backup` restored into
an empty database and an empty file storage, each file checked against the manifest's SHA-256
before anything is written and again after (config/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and an empty file storage."
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the backup's folder (with manifest.json)")

    def handle(self, *args, directory, **options):
        try:
            manifest = restore(Path(directory))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored database {manifest['database']['name']} (backed up "
            f"{manifest['created_at']}) and {len(manifest['media'])} files; every SHA-256 matches."
        )
