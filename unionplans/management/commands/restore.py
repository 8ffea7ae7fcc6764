"""`python manage.py restore FILE`: replace the whole database by a backup's content."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionplans import backups


class Command(BaseCommand):
    help = "Replace the whole database by a file written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, file, interactive=True, **options):
        if interactive:
            answer = input(
                f"Every row of the database will be replaced by the content of {file}.\n"
                "Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            backups.restore(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {file}.")
