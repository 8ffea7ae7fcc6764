"""Celery's configuration: eager without a broker (`make run` needs nothing else), queued
with one; beat's schedule names tasks that exist. Start-up checked in fresh processes."""

from tests.test_settings import manage
from unionplans import celery_app
from unionplans.settings import CELERY_BEAT_SCHEDULE

CODE = ("from unionplans import celery_app as app; "
        "print(app.conf.task_always_eager, app.conf.broker_url)")


def test_without_a_broker_tasks_run_in_the_calling_process():
    result = manage("shell", "--no-imports", "-c", CODE,
                    env={"DEBUG": "1", "CELERY_BROKER_URL": ""})
    assert result.stdout.split()[0] == "True", result.stderr


def test_with_a_broker_tasks_are_queued_on_it():
    result = manage("shell", "--no-imports", "-c", CODE,
                    env={"DEBUG": "1", "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//"})
    assert result.stdout.split() == ["False", "amqp://guest:guest@127.0.0.1:5672//"], \
        result.stderr


def test_beat_runs_tasks_that_exist():
    celery_app.loader.import_default_modules()
    names = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert names == {"unionplans.tasks.send_reminders", "unionplans.tasks.retry_reminders",
                     "unionplans.tasks.purge_old_records"}
    assert names <= set(celery_app.tasks)
    assert "plans.tasks.render_plan_pdf" in celery_app.tasks
