"""What is kept only for a while (`unionplans.retention`): receipts, the reminders'
sent-log and notifications are deleted past their days, by beat's nightly task or the
command, in one query each."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from unionplans import retention, tasks
from unionplans.models import Notification, Receipt, Reminder, SentReminder
from unionplans.reminders import PLANNING_MEMORY

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def aged(model, days: float, **fields):
    """A row of `model` made `days` ago."""
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(created_at=NOW - datetime.timedelta(days=days))
    return row


def made(cc, executif, days: float, n: int = 0) -> dict[str, object]:
    """One row of each kind, made `days` ago."""
    return {
        "receipts": aged(Receipt, days, digest=f"{days}-{n}", organization=cc, url="/o/ccsne/"),
        "sent reminders": aged(SentReminder, days, user=executif, kind=Reminder.values[0],
                               key=f"test:{days}:{n}", status=SentReminder.Status.SENT),
        "notifications": aged(Notification, days, user=executif, organization=cc,
                              kind=Notification.Kind.PUBLISHED, url="/o/ccsne/"),
    }


def left(rows: dict) -> set[str]:
    return {name for name, row in rows.items() if type(row).objects.filter(pk=row.pk).exists()}


def test_each_kind_is_deleted_past_its_days_and_kept_before(settings, cc, executif):
    settings.RECEIPT_DAYS, settings.SENT_LOG_DAYS, settings.NOTIFICATION_DAYS = 30, 180, 90
    ages = {29: made(cc, executif, 29), 31: made(cc, executif, 31),
            89: made(cc, executif, 89), 91: made(cc, executif, 91),
            179: made(cc, executif, 179), 181: made(cc, executif, 181)}

    assert retention.purge(now=NOW) == {"receipts": 5, "sent reminders": 1, "notifications": 3}

    assert {days: left(rows) for days, rows in ages.items()} == {
        29: {"receipts", "sent reminders", "notifications"},
        31: {"sent reminders", "notifications"},
        89: {"sent reminders", "notifications"},
        91: {"sent reminders"},
        179: {"sent reminders"},
        181: set(),
    }


def test_the_sent_log_the_planner_still_reads_is_kept_whatever_the_setting(
    settings, cc, executif
):
    settings.SENT_LOG_DAYS = 1
    read = made(cc, executif, PLANNING_MEMORY.days - 1)["sent reminders"]
    unread = made(cc, executif, PLANNING_MEMORY.days + 1)["sent reminders"]
    retention.purge(now=NOW)
    assert SentReminder.objects.filter(pk=read.pk).exists()
    assert not SentReminder.objects.filter(pk=unread.pk).exists()


def test_the_purge_is_one_query_a_kind_whatever_the_rows(cc, executif,
                                                         django_assert_num_queries):
    for n in range(20):
        made(cc, executif, 400, n)
    with django_assert_num_queries(3):
        deleted = retention.purge()
    assert deleted == {"receipts": 20, "sent reminders": 20, "notifications": 20}


def test_beat_s_task_and_the_command_purge(cc, executif):
    made(cc, executif, 400)
    assert tasks.purge_old_records.delay().get() == {
        "receipts": 1, "sent reminders": 1, "notifications": 1}
    made(cc, executif, 400, 1)
    out = io.StringIO()
    call_command("purge_old_records", stdout=out)
    assert out.getvalue().strip() == "1 receipts, 1 sent reminders, 1 notifications deleted."
    assert (Receipt.objects.count(), SentReminder.objects.count(),
            Notification.objects.count()) == (0, 0, 0)


def test_a_zero_in_the_environment_keeps_a_day():
    """`RECEIPT_DAYS=0` would delete the receipt of a form sent a moment ago."""
    from tests.test_settings import manage

    code = ("from django.conf import settings; "
            "print(settings.RECEIPT_DAYS, settings.SENT_LOG_DAYS, settings.NOTIFICATION_DAYS)")
    result = manage("shell", "--no-imports", "-c", code,
                    env={"DEBUG": "1", "RECEIPT_DAYS": "0", "SENT_LOG_DAYS": "-5",
                         "NOTIFICATION_DAYS": "0"})
    assert result.stdout.split() == ["1", "1", "1"], result.stderr
