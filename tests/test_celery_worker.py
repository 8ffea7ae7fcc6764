"""The real parts together: a Celery worker process, a real broker (Redis, then RabbitMQ,
both running on this machine as in CI), PostgreSQL and an SMTP server on loopback.

The test starts the worker itself (`celery -A unionplans worker`) on the test database
and a queue of its own, plans today's reminders, queues them through the broker and
waits for the worker's results (Redis as result backend). PostgreSQL only: the worker is
another process, and SQLite's test database lives in this one's memory.
"""

import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plans.models import WorkPlan
from tests.helpers import needs_postgresql
from tests.plans.helpers import make_plan
from tests.smtp import text_of
from unionplans import celery_app, reminders
from unionplans.models import SentReminder
from unionplans.tasks import retry_reminders, send_reminder
from vpp import services as vpp_services
from vpp.deadlines import DayKind, due_date
from vpp.models import DeadlineRule, Dossier

RESULTS = "redis://127.0.0.1:6379/13"
CACHE = "redis://127.0.0.1:6379/12"  # the rendered PDFs, shared by this process and the worker
# Keys of this run only: another run on the same Redis (CI beside a developer's) neither
# sees them nor flushes them (clearing a Redis cache empties its whole database).
CACHE_KEY_PREFIX = f"unionplans-test-{uuid.uuid4().hex}"
BROKERS = ["redis://127.0.0.1:6379/13", "amqp://guest:guest@127.0.0.1:5672//"]
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def _forget_connections():
    # The app keeps its broker pools and result backend once made: drop them so that the
    # next message uses the URLs configured now (and the eager tests stay eager).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture(params=BROKERS, ids=["redis", "rabbitmq"])
def broker(request):
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    queue = f"unionplans-test-{uuid.uuid4().hex}"
    celery_app.conf.update(broker_url=request.param, result_backend=RESULTS,
                           task_always_eager=False, task_default_queue=queue)
    _forget_connections()
    yield request.param, queue
    celery_app.conf.update(saved)
    _forget_connections()


@pytest.fixture
def worker(broker, smtp_server, settings):
    url, queue = broker
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
                        f"{database['NAME']}",
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": RESULTS,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(settings.EMAIL_PORT),
        "EMAIL_USE_TLS": "0",
        "SITE_URL": "http://testserver",
        "REDIS_URL": CACHE,
        "CACHE_KEY_PREFIX": CACHE_KEY_PREFIX,
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "celery"), "-A", "unionplans", "worker",
         "--pool=solo", "-Q", queue, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "--loglevel=WARNING", "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    yield process
    process.terminate()
    _out, errors = process.communicate(timeout=60)
    assert b"Traceback" not in errors, errors.decode()


def test_a_worker_sends_the_reminders_through_the_broker_once_each(worker, smtp_server, cc,
                                                                   membre, conseiller):
    today = timezone.localdate()
    due = due_date(today, 5, DayKind.WORKING)
    rule = DeadlineRule.objects.create(
        organization=cc, name="Avis de l'employeur", reference="art. 29", days=30,
        day_kind=DayKind.CALENDAR, trigger="l'avis de l'employeur")
    dossier = vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="CISSS des Laurentides",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, conseiller=conseiller,
        m2m={"terrain_people": [membre]})
    vpp_services.deadline_set(dossier=dossier, rule=rule,
                              trigger_date=due - datetime.timedelta(days=30))

    assert reminders.run() == 2  # queued on the broker, not sent here
    # Queued again (a second scheduler, a retry): the worker claims each row once. The
    # solo worker takes its queue in order, so this result comes after the two sends.
    pks = list(SentReminder.objects.values_list("pk", flat=True))
    again = send_reminder.delay(pks[0])
    assert again.get(timeout=120) == "taken"

    assert list(SentReminder.objects.values_list("status", flat=True)) == ["sent", "sent"]
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "conseiller@example.org", "membre@example.org"]
    text = text_of(smtp_server.messages[0])
    assert "Échéance dans 5 jours ouvrables" in smtp_server.messages[0]["Subject"]
    assert f"http://testserver/o/ccsne/vpp/{dossier.pk}/" in text
    assert reminders.run() == 0  # the scheduler again: nothing twice


@pytest.fixture
def shared_cache(settings):
    """The worker's cache (REDIS_URL, as unionplans.settings makes it), which the web reads
    the rendered PDF from."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": CACHE, "KEY_PREFIX": CACHE_KEY_PREFIX}}
    yield
    cache.delete_many([key.split(":", 2)[-1] for key in _own_keys()])


def _own_keys() -> list[str]:
    """This run's keys in the shared Redis database (as `prefix:version:key`)."""
    client = cache._cache.get_client()
    return [key.decode() for key in client.scan_iter(f"{CACHE_KEY_PREFIX}:*")]


def test_a_large_pdf_is_rendered_by_the_worker_and_then_served(worker, shared_cache, settings,
                                                               login, membre, cc):
    plan = make_plan(cc, state=WorkPlan.State.PUBLISHED)
    settings.PDF_BACKGROUND_ROWS = 0  # every plan is large
    client = login(membre)
    url = reverse("plans:pdf", args=[cc.slug, plan.pk])

    first = client.get(url)
    assert first.status_code == 202
    assert "Le PDF est en préparation" in first.content.decode()

    # The solo worker takes its queue in order: a task queued now ends after the render
    # (and renders nothing itself), so the next request finds the PDF in the cache.
    assert retry_reminders.delay().get(timeout=120) == 0
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    version = response["ETag"].strip('"')
    assert cache.get(f"pdf-rendering:{version}") is None  # the worker let go of its lock
