"""Reminders: what is due, computed at two data sizes in the same queries; then, with a
broker (Redis), SAMPLE reminders sent by one and by two real Celery workers to an SMTP
server on loopback (aiosmtpd), in mails a second."""

import logging
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.smtp import Collector, free_port
from unionplans import celery_app, reminders
from unionplans.models import SentReminder

from .common import Row, ms

ROOT = Path(__file__).resolve().parent.parent
Status = SentReminder.Status


def planning_cost() -> tuple[int, float, int]:
    """Queries, CPU seconds and reminders found of computing what is due today."""
    with CaptureQueriesContext(connection) as queries:
        start = time.process_time()
        found = reminders.due_on(timezone.localdate())
        cpu = time.process_time() - start
    return len(queries), cpu, len(found)


def planning_rows(small: tuple, large: tuple, factor: str) -> list[Row]:
    return [Row("reminders due: queries", f"{small[0]} → {large[0]} at {factor} the data "
                f"({small[2]} → {large[2]} reminders; {ms(small[1])} → {ms(large[1])})", "",
                "equal")]


def start_workers(count: int, queue: str, smtp_port: int, env: dict) -> list:
    env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port),
           "EMAIL_USE_TLS": "0", "LOG_LEVEL": "WARNING"}
    celery = str(Path(sys.executable).parent / "celery")
    workers = [subprocess.Popen(  # noqa: S603 (our own celery, fixed arguments)
        [celery, "-A", "unionplans", "worker", "--pool=solo", "-Q", queue, "-n",
         f"w{n}-{queue}@%h", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for n in range(count)]
    names = [f"w{n}-{queue}@{socket.gethostname()}" for n in range(count)]
    deadline = time.monotonic() + 60
    while len(celery_app.control.ping(destination=names, timeout=0.5)) < count:
        if time.monotonic() > deadline:
            raise SystemExit("The Celery workers did not start.")
    return workers


def send_with(count: int, rows: list[int], collector: Collector, port: int, env: dict) -> float:
    """Mails a second for `count` workers sending `rows`."""
    SentReminder.objects.filter(pk__in=rows).update(status=Status.PENDING, attempts=0,
                                                    next_attempt_at=None)
    collector.messages.clear()
    queue = f"bench-{uuid.uuid4().hex}"
    celery_app.conf.task_default_queue = queue
    workers = start_workers(count, queue, port, env)
    try:
        start = time.monotonic()
        reminders.dispatch()
        while SentReminder.objects.filter(pk__in=rows, status=Status.SENT).count() < len(rows):
            if time.monotonic() - start > 600:
                raise SystemExit("Sending took more than 10 minutes.")
            time.sleep(0.1)
        seconds = time.monotonic() - start
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    assert len(collector.messages) == len(rows), "a reminder was sent twice or lost"  # noqa: S101
    return len(rows) / seconds


def broker_answers() -> bool:
    try:
        celery_app.connection_for_write().ensure_connection(max_retries=1)
        return True
    except Exception:  # noqa: BLE001 (a bench: no broker, no figure)
        return False


def sending_rows(env: dict, sample: int = 300) -> list[Row]:
    """Plan today's reminders, keep `sample` of them, send them with one then two workers."""
    if not broker_answers():
        return [Row("reminders sent", "not measured: no broker (CELERY_BROKER_URL)")]
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    reminders.plan(today=timezone.localdate())
    rows = list(SentReminder.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    SentReminder.objects.exclude(pk__in=rows).update(status=Status.SKIPPED)
    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    collector, port = Collector(), free_port()
    smtp = Controller(collector, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        one = send_with(1, rows, collector, port, env)
        two = send_with(2, rows, collector, port, env)
    finally:
        smtp.stop()
        celery_app.conf.task_always_eager = eager
    return [Row(f"reminders sent through Celery to SMTP on loopback ({len(rows)})",
                f"{one:.0f}/s with one worker, {two:.0f}/s with two", f"{two / one:.2f}×")]
