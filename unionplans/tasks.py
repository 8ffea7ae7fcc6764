"""Background tasks (Celery). Each is a thin call of a service, so that beat, cron
(`manage.py send_reminders`) and the tests run the same code; without a broker they run
in the calling process (CELERY_TASK_ALWAYS_EAGER, see unionplans/celery.py)."""

from celery import shared_task
from django.conf import settings

from . import pdf, reminders, retention


@shared_task
def send_reminders() -> int:
    """Beat's daily run: plan what is due today, queue everything there is to send."""
    return reminders.run()


@shared_task
def retry_reminders() -> int:
    """Queue what failed and is due for a retry, and what a dead worker left."""
    return reminders.dispatch()


@shared_task
def purge_old_records() -> dict[str, int]:
    """Beat's nightly run: delete the receipts, sent-log rows and notifications past their
    days (`unionplans.retention`)."""
    return retention.purge()


@shared_task
def send_reminder(pk: int) -> str:
    status = reminders.deliver(pk)
    if status == reminders.Status.FAILED and not settings.CELERY_TASK_ALWAYS_EAGER:
        # Back off before trying again; the next run's dispatch is the safety net.
        row = reminders.SentReminder.objects.get(pk=pk)
        send_reminder.apply_async((pk,), eta=row.next_attempt_at)
    return status


@shared_task
def render_pdf(kind: str, pk: int, options: dict, version: str, token: str) -> str | None:
    """Render a document too large for the web request into the cache (the request holds
    the lock `token` for it); its version, or None if nothing was left to render."""
    return pdf.render_queued(kind=kind, pk=pk, options=options, version=version, token=token)
