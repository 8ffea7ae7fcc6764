from django.core.management.base import BaseCommand

from unionplans import retention


class Command(BaseCommand):
    help = ("Delete the submission receipts, reminder sent-log rows and notifications past "
            "their days (RECEIPT_DAYS, SENT_LOG_DAYS, NOTIFICATION_DAYS). For cron, without "
            "Celery beat; safe to run at any time.")

    def handle(self, *args, **options):
        deleted = retention.purge()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in deleted.items())
                          + " deleted.")
