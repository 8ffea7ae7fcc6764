from django.core.management.base import BaseCommand

from unionplans import reminders


class Command(BaseCommand):
    help = ("Plan today's reminders (VPP deadlines, plan steps, the weekly digest on Mondays) "
            "and send every one waiting, failed ones due for a retry included. Safe to run "
            "as often as you like: nothing is sent twice. For cron, without Celery beat.")

    def add_arguments(self, parser):
        parser.add_argument("--retries-only", action="store_true",
                            help="Plan nothing: only send what failed and is due for a retry.")

    def handle(self, *args, retries_only=False, **options):
        queued = reminders.dispatch() if retries_only else reminders.run()
        self.stdout.write(f"{queued} reminder(s) to send.")
