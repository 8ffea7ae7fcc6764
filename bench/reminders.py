"""Reminders benchmark: planning for 1,000 people with 10,000 deadlines, then sending with
one and with two Celery workers.

Run with `make bench`. It works on a database of its own (a temporary SQLite file, or
BENCH_DATABASE_URL, e.g. a PostgreSQL database made for it), never the demo's: the
workers are other processes and must read what it writes. Prints:

- the queries and CPU seconds of computing what is due (`unionplans.reminders.due_on`)
  for 100 people / 1,000 deadlines and for 1,000 people / 10,000 deadlines: the same
  number of queries;
- the throughput of sending SAMPLE reminders through a real Redis broker
  (CELERY_BROKER_URL, default redis://127.0.0.1:6379/14) to a real SMTP server on
  loopback (aiosmtpd), with one worker process and with two, and their ratio.
"""

import datetime
import logging
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or (
    f"sqlite:///{tempfile.mkdtemp(prefix='bench-reminders-')}/bench.sqlite3")
BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/14"
SECRET_KEY = secrets.token_urlsafe(50)
os.environ.update(DATABASE_URL=DATABASE_URL, CELERY_BROKER_URL=BROKER, DEBUG="0",
                  SECRET_KEY=SECRET_KEY, SECURE_SSL_REDIRECT="0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from tests.smtp import Collector, free_port  # noqa: E402
from unionplans import celery_app, reminders  # noqa: E402
from unionplans.models import Membership, Organization, SentReminder  # noqa: E402
from vpp.deadlines import DayKind, due_date  # noqa: E402
from vpp.models import Deadline, DeadlineRule, Dossier  # noqa: E402

SAMPLE = int(os.environ.get("BENCH_REMINDERS_SAMPLE", "300"))
Status = SentReminder.Status


def populate(people: int, per_person: int, start: int) -> None:
    """`people` members of 10 organizations, each on the direction of a dossier with
    `per_person` deadlines due within 5 working days."""
    today = timezone.localdate()
    organizations = list(Organization.objects.order_by("pk"))
    users = get_user_model().objects.bulk_create([
        get_user_model()(username=f"p{n}", email=f"p{n}@example.org", first_name="P",
                         last_name=str(n)) for n in range(start, start + people)])
    Membership.objects.bulk_create([
        Membership(user=user, organization=organizations[i % 10], role="membre")
        for i, user in enumerate(users)])
    dossiers = Dossier.objects.bulk_create([
        Dossier(organization=organizations[i % 10], title=f"Dossier {user.username}",
                establishment="CISSS", service="Buanderie", mode="intervention",
                domain="intervention") for i, user in enumerate(users)])
    through = Dossier.direction_people.through
    through.objects.bulk_create([through(dossier=d, user=u) for d, u in zip(dossiers, users,
                                                                             strict=True)])
    rules = {r.organization_id: r for r in DeadlineRule.objects.all()}
    due = [due_date(today, days, DayKind.WORKING) for days in range(6)]
    Deadline.objects.bulk_create([
        Deadline(dossier=dossier, rule=rules[dossier.organization_id],
                 trigger_date=today - datetime.timedelta(days=30), due_on=due[k % 6])
        for dossier in dossiers for k in range(per_person)])


def planning_cost() -> tuple[int, float, int]:
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        start = time.process_time()
        found = reminders.due_on(today)
        seconds = time.process_time() - start
    return len(queries), seconds, len(found)


def start_workers(count: int, queue: str, smtp_port: int) -> list[subprocess.Popen]:
    env = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port),
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


def send_with(count: int, rows: list[int], collector: Collector, port: int) -> float:
    """Messages a second for `count` workers sending `rows`."""
    SentReminder.objects.filter(pk__in=rows).update(status=Status.PENDING, attempts=0,
                                                    next_attempt_at=None)
    collector.messages.clear()
    queue = f"bench-{uuid.uuid4().hex}"
    celery_app.conf.task_default_queue = queue
    workers = start_workers(count, queue, port)
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
    assert len(collector.messages) == len(rows), "a reminder was sent twice or lost"
    return len(rows) / seconds


def main() -> None:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    call_command("migrate", verbosity=0)
    organizations = Organization.objects.bulk_create([
        Organization(name=f"Syndicat {n}", short_name=f"S{n}", slug=f"s{n}", kind="syndicat")
        for n in range(10)])
    DeadlineRule.objects.bulk_create([
        DeadlineRule(organization=o, name="Avis", reference="art. 29", days=30,
                     trigger="l'avis de l'employeur") for o in organizations])
    populate(100, 10, 0)
    small = planning_cost()
    populate(900, 10, 100)
    large = planning_cost()
    print(f"Reminders due: {small[2]} for 100 people / 1,000 deadlines in {small[0]} queries "
          f"({small[1]:.2f} s CPU); {large[2]} for 1,000 people / 10,000 deadlines in "
          f"{large[0]} queries ({large[1]:.2f} s CPU)")
    with CaptureQueriesContext(connection) as queries:
        planned = reminders.plan(today=timezone.localdate())
    print(f"Planned (sent-log rows written): {planned} in {len(queries)} queries; "
          f"planned again: {reminders.plan(today=timezone.localdate())}")

    try:
        celery_app.connection_for_write().ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 (a bench: say why and stop)
        print(f"Sending not measured: no broker at {BROKER} ({error}).")
        return
    celery_app.conf.task_always_eager = False
    rows = list(SentReminder.objects.order_by("pk").values_list("pk", flat=True)[:SAMPLE])
    SentReminder.objects.exclude(pk__in=rows).update(status=Status.SKIPPED)
    collector, port = Collector(), free_port()
    smtp = Controller(collector, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        one = send_with(1, rows, collector, port)
        two = send_with(2, rows, collector, port)
    finally:
        smtp.stop()
    print(f"Sending {len(rows)} reminders through {BROKER.split(':')[0]} to SMTP on loopback: "
          f"{one:.0f}/s with one worker, {two:.0f}/s with two ({two / one:.2f}×; "
          f"{os.cpu_count()} cores here)")


if __name__ == "__main__":
    main()
