"""What is kept only for a while: a submission's receipt (`once`), the reminders' sent-log
and the bell's notifications. `purge()` deletes what has outlived its use; beat runs it
nightly (`unionplans.tasks.purge_old_records`), cron can run `manage.py purge_old_records`.

- A receipt leads a second submission of a form to what the first one created. A form
  outlives neither its session (`SESSION_IDLE_MINUTES`) nor its CSRF token, which a new
  login replaces: after `RECEIPT_DAYS` no submission can match one.
- A sent-log row stops a reminder from being sent twice. The planner reads the rows of
  the last `reminders.PLANNING_MEMORY` (a key falls due at most a few weeks around its
  date): rows are kept `SENT_LOG_DAYS`, never less than that memory, then deleted
  whatever their status (a reminder that failed for good included).
- A notification is kept `NOTIFICATION_DAYS`, read or not.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import Notification, Receipt, SentReminder
from .reminders import PLANNING_MEMORY


def sent_log_days() -> int:
    """`SENT_LOG_DAYS`, raised to the planner's memory: a row it still reads is kept."""
    return max(settings.SENT_LOG_DAYS, PLANNING_MEMORY.days)


def purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete the receipts, sent-log rows and notifications past their days; how many of
    each. One DELETE each, whatever their number (nothing points to these rows and no
    signal listens: Django deletes them without loading them)."""
    now = now or timezone.now()

    def older_than(days: int) -> datetime.datetime:
        return now - datetime.timedelta(days=days)

    kept = {
        "receipts": (Receipt, settings.RECEIPT_DAYS),
        "sent reminders": (SentReminder, sent_log_days()),
        "notifications": (Notification, settings.NOTIFICATION_DAYS),
    }
    return {name: model.objects.filter(created_at__lt=older_than(days)).delete()[0]
            for name, (model, days) in kept.items()}
