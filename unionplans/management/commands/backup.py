"""`python manage.py backup [--output FILE]`: the whole database in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionplans import backups


class Command(BaseCommand):
    help = "Write the whole database to one file (pg_dump on PostgreSQL, SQLite's backup API)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="the file to write (default: backups/unionplans-<date>-<time>.dump or .sqlite3)",
        )

    def handle(self, *args, output=None, **options):
        path = output or Path("backups") / backups.default_name()
        try:
            backups.backup(path)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
