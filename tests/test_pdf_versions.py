"""A PDF's version without rendering it (`unionplans.pdf.fingerprint`, `version_of`), and
large PDFs rendered once, in the background, while a page says they are being prepared.

The rendering itself (WeasyPrint, the fetcher) is tested in tests/test_pdf.py; a real
worker renders a plan in tests/test_celery_worker.py.
"""

import datetime
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from entraide import documents as entraide_documents
from entraide import services as entraide_services
from plans import documents as plan_documents
from plans import services
from plans.models import Action, FollowUp, Step, WorkPlan
from tests.plans.helpers import make_plan
from unionplans import celery_app, documents, pdf
from unionplans.tasks import render_pdf
from vpp import documents as vpp_documents
from vpp import le28
from vpp import services as vpp_services
from vpp.models import Dossier

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def plan(cc):
    return make_plan(cc, state=WorkPlan.State.PUBLISHED, actions=2)


def version(plan, *, drafts: bool = False) -> str:
    """The version of a plan's PDF; `drafts` as an exécutif downloads it."""
    plan.refresh_from_db()
    return pdf.version_of(plan_documents.plan_document(plan, drafts=drafts))


def pdf_url(plan) -> str:
    return reverse("plans:pdf", args=[plan.organization.slug, plan.pk])


# The version follows every kind of edit


def test_editing_a_step_makes_a_new_version(plan):
    before = version(plan)
    step = Step.objects.filter(action__orientation__plan=plan).first()
    services.row_update(row=step, text="Définir le mandat du comité")
    assert version(plan) != before


def test_adding_a_follow_up_makes_a_new_version(plan):
    before = version(plan)
    services.follow_up_create(action=Action.objects.filter(orientation__plan=plan).first(),
                              author=None, text="AG du 28 février 2020")
    assert version(plan) != before


def test_deleting_a_step_makes_a_new_version(plan):
    before = version(plan)
    services.row_delete(row=Step.objects.filter(action__orientation__plan=plan).last())
    assert version(plan) != before


def test_deleting_the_newest_row_and_adding_another_makes_a_new_version(plan):
    """The count stays, the newest change may not move: the ids still tell."""
    follow_up = FollowUp.objects.filter(action__orientation__plan=plan).first()
    action = follow_up.action
    before = version(plan)
    services.row_delete(row=follow_up)
    services.follow_up_create(action=action, author=None, text="Travail préparatoire")
    assert version(plan) != before


@pytest.mark.parametrize("model", [Action, Step])
def test_reordering_rows_makes_a_new_version(plan, model):
    """A move writes the positions only, never `updated_at`."""
    row = model.objects.filter(**{plan_documents.selectors.PLAN_PATH[model]: plan}).last()
    before = version(plan)
    newest = pdf.fingerprint(WorkPlan, plan.pk, children=plan_documents.PLAN_ROWS).newest
    services.row_move(row=row, direction="up")
    after = pdf.fingerprint(WorkPlan, plan.pk, children=plan_documents.PLAN_ROWS)
    assert after.newest == newest
    assert version(plan) != before


def test_editing_the_plan_s_header_makes_a_new_version(plan):
    before = version(plan)
    services.plan_update(plan=plan, title="Plan de travail 2019-2022 (révisé)")
    assert version(plan) != before


def test_renaming_the_organization_makes_a_new_version(plan, cc):
    before = version(plan)
    cc.short_name = "CCSNE-CSN"
    cc.save()
    assert version(plan) != before


def test_renaming_a_person_named_in_the_plan_makes_a_new_version(plan, membre):
    step = Step.objects.filter(action__orientation__plan=plan).first()
    services.row_update(row=step, responsible_user=membre)
    before = version(plan)
    membre.last_name = "Côté-Tremblay"
    membre.save()
    assert version(plan) != before


def test_a_login_keeps_the_version(plan, membre):
    before = version(plan)
    membre.last_login = datetime.datetime.now(tz=datetime.UTC)
    membre.save(update_fields=["last_login"])
    assert version(plan) == before


def test_the_next_day_s_print_makes_a_new_version(plan):
    with time_machine.travel(datetime.datetime(2021, 11, 18, 10, tzinfo=datetime.UTC)):
        before = version(plan)
    with time_machine.travel(datetime.datetime(2021, 11, 19, 10, tzinfo=datetime.UTC)):
        assert version(plan) != before


def test_nothing_changed_keeps_the_version(plan):
    assert version(plan) == version(plan)


def test_the_bilan_and_the_plan_have_versions_of_their_own(plan):
    assert (pdf.version_of(plan_documents.bilan_document(plan))
            != pdf.version_of(plan_documents.plan_document(plan)))


def entraide_plan(cc):
    templates = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}
    return entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025)


def test_an_entraide_plan_s_states_are_a_version_of_their_own(cc):
    plan = entraide_plan(cc)
    plain = pdf.version_of(entraide_documents.plan_document(plan))
    assert plain != pdf.version_of(entraide_documents.plan_document(plan, with_states=True))


def test_a_deleted_step_gives_a_new_etag(login, executif, plan):
    client = login(executif)
    first = client.get(pdf_url(plan))
    assert first.status_code == 200
    services.row_delete(row=Step.objects.filter(action__orientation__plan=plan).first())

    again = client.get(pdf_url(plan), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.content.startswith(b"%PDF")


# A cached hit and a 304 cost the fingerprint and no render


def builders(cc, plan, executif):
    """Each kind of document, built as its view builds it (the fingerprint's query)."""
    dossier = vpp_services.dossier_create(
        organization=cc, by=executif, title="Reprographie", establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION)
    project = le28.project_create(organization=cc, title="Réorganisation du travail",
                                  establishment="CISSS de l'Estrie", volets=["1"],
                                  job_titles="Travailleurs sociaux")
    entraide = entraide_plan(cc)
    return {
        "plan": lambda: plan_documents.plan_document(plan),
        "bilan": lambda: plan_documents.bilan_document(plan),
        "dossier": lambda: vpp_documents.dossier_report(dossier),
        "le28": lambda: vpp_documents.le28_sheet(project),
        "entraide": lambda: entraide_documents.plan_document(entraide, with_states=True),
        "entraide_blank": lambda: entraide_documents.blank_document(cc),
        "blank_tool": lambda: vpp_documents.blank_tool(cc, tool="aide_memoire"),
        "members": lambda: documents.member_list(cc),
    }


KINDS = ["plan", "bilan", "dossier", "le28", "entraide", "entraide_blank", "blank_tool",
         "members"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_cached_hit_and_a_304_take_at_most_three_queries_and_no_render(
        kind, cc, plan, executif, monkeypatch, django_assert_max_num_queries):
    build = builders(cc, plan, executif)[kind]
    cache.set(f"pdf:{pdf.version_of(build())}", b"%PDF-cached")
    monkeypatch.setattr(pdf, "_render", lambda *args: pytest.fail("rendered"))

    with django_assert_max_num_queries(3):
        response = pdf.pdf_response(RequestFactory().get("/"), build())
    assert response.content == b"%PDF-cached"

    conditional = RequestFactory().get("/", headers={"if-none-match": response["ETag"]})
    with django_assert_max_num_queries(3):
        assert pdf.pdf_response(conditional, build()).status_code == 304


def test_a_cached_hit_costs_the_same_queries_at_ten_times_the_rows(
        login, executif, cc, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_plan(cc, state=WorkPlan.State.PUBLISHED, actions=1)
    large = make_plan(cc, title="Grand plan", state=WorkPlan.State.PUBLISHED, actions=10,
                      orientations=2)
    for each in (small, large):
        cache.set(f"pdf:{version(each, drafts=True)}", b"%PDF-cached")
    client = login(executif)
    client.get(reverse("dashboard"))  # the session's first-request writes
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pdf_url(small)).content == b"%PDF-cached"
    with django_assert_num_queries(len(queries)):
        assert client.get(pdf_url(large)).content == b"%PDF-cached"


# Large documents: rendered by a worker, once, while a page says so


@pytest.fixture
def queued(monkeypatch, settings):
    """As with a broker: tasks are sent, not run; `queued` lists what was sent."""
    settings.PDF_BACKGROUND_ROWS = 5
    sent = []
    eager = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=False)
    monkeypatch.setattr(render_pdf, "delay", lambda *args: sent.append(args))
    yield sent
    celery_app.conf.update(task_always_eager=eager)


def test_a_large_pdf_is_prepared_by_a_worker_and_then_served(login, membre, plan, queued):
    client = login(membre)
    url = pdf_url(plan)

    response = client.get(url)

    assert response.status_code == 202
    page = response.content.decode()
    assert "Le PDF est en préparation" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "<script>" not in page
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert len(queued) == 1

    kind, pk, options, asked, token = queued[0]
    assert (kind, pk) == ("plans.plan", plan.pk)
    assert pdf.render_queued(kind=kind, pk=pk, options=options, version=asked,
                             token=token) == asked

    ready = client.get(url)
    assert ready.status_code == 200
    assert ready.content.startswith(b"%PDF")
    assert ready["ETag"] == f'"{asked}"'
    assert not cache.get(f"pdf-rendering:{asked}")


def test_asking_again_while_it_is_prepared_queues_nothing_more(login, membre, plan, queued):
    client = login(membre)
    assert client.get(pdf_url(plan)).status_code == 202
    assert client.get(pdf_url(plan)).status_code == 202
    assert len(queued) == 1


def test_a_small_pdf_is_rendered_in_the_request(login, membre, plan, queued, settings):
    settings.PDF_BACKGROUND_ROWS = plan_documents.plan_document(plan).size
    response = login(membre).get(pdf_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert queued == []


def test_without_a_broker_a_large_pdf_is_rendered_in_the_request(login, membre, plan,
                                                                 settings):
    """`make run` has no worker to wait for (CELERY_TASK_ALWAYS_EAGER)."""
    settings.PDF_BACKGROUND_ROWS = 0
    assert celery_app.conf.task_always_eager
    response = login(membre).get(pdf_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_plan_changed_before_the_worker_runs_is_rendered_as_it_is_now(plan, queued):
    document = plan_documents.plan_document(plan)
    asked = pdf.version_of(document)
    assert pdf._render_or_queue(document, asked) is None
    _kind, _pk, _options, _version, token = queued[0]
    services.plan_update(plan=plan, title="Plan de travail 2019-2022 (révisé)")

    rendered = pdf.render_queued(kind="plans.plan", pk=plan.pk, options={}, version=asked,
                                 token=token)

    assert rendered == version(plan)
    assert rendered != asked
    assert pdf.is_cached(rendered)
    assert not cache.get(f"pdf-rendering:{asked}")


def test_a_deleted_plan_leaves_the_worker_nothing_to_render(plan, queued):
    document = plan_documents.plan_document(plan)
    asked = pdf.version_of(document)
    pdf._render_or_queue(document, asked)
    token = queued[0][4]
    WorkPlan.objects.filter(pk=plan.pk).delete()
    assert pdf.render_queued(kind="plans.plan", pk=plan.pk, options={}, version=asked,
                             token=token) is None
    assert not cache.get(f"pdf-rendering:{asked}")


def blocking_render(monkeypatch):
    """A render that waits to be let go, counting how many were started."""
    started, release, calls = threading.Event(), threading.Event(), []

    def render(document, version):
        calls.append(version)
        started.set()
        assert release.wait(30)
        cache.set(f"pdf:{version}", b"%PDF-once")
        return b"%PDF-once"

    monkeypatch.setattr(pdf, "_render", render)
    return started, release, calls


def test_two_requests_at_once_render_one_pdf(plan, monkeypatch):
    """The second asks while the first renders: it is told the PDF is being prepared."""
    started, release, calls = blocking_render(monkeypatch)
    document = plan_documents.plan_document(plan)
    version = pdf.version_of(document)
    results = []
    first = threading.Thread(target=lambda: results.append(
        pdf._render_or_queue(document, version)))
    first.start()
    assert started.wait(30)

    assert pdf._render_or_queue(document, version) is None  # being prepared

    release.set()
    first.join(30)
    assert results == [b"%PDF-once"]
    assert calls == [version]


def test_two_large_requests_at_once_queue_one_task(plan, queued):
    document = plan_documents.plan_document(plan)
    version = pdf.version_of(document)
    barrier, results = threading.Barrier(2), []

    def ask():
        barrier.wait(30)
        results.append(pdf._render_or_queue(document, version))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [None, None]
    assert len(queued) == 1


def test_a_publication_s_render_and_a_download_do_not_render_twice(plan, monkeypatch):
    started, release, calls = blocking_render(monkeypatch)
    document = plan_documents.plan_document(plan)
    worker = threading.Thread(target=lambda: pdf.prerender(document))
    worker.start()
    assert started.wait(30)
    assert pdf._render_or_queue(document, pdf.version_of(document)) is None
    release.set()
    worker.join(30)
    assert len(calls) == 1


# Start-up


def test_loading_the_urls_does_not_import_weasyprint():
    code = ("import sys, django; django.setup(); import unionplans.urls; "
            "print('weasyprint' in sys.modules)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"
