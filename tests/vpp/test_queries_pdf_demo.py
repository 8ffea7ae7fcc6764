"""Query counts stay flat as data grows; the report PDF; the demo data."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import poppler
from tests.vpp.helpers import decide, fill_pre_diagnostic
from vpp import seed_003, services
from vpp.constants import WorkPlanElement
from vpp.deadlines import today
from vpp.models import (
    Bulletin,
    DeploymentStep,
    Dossier,
    DossierEvent,
    LE28Project,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)


def grow_dossier(dossier, rule, executif, n):
    for i in range(n):
        Task.objects.create(dossier=dossier, element=list(WorkPlanElement)[i % 4],
                            description=f"Tâche {i}", who="Denis")
        services.deadline_set(dossier=dossier, rule=rule, trigger_date=today() - timedelta(i))
        DossierEvent.objects.create(dossier=dossier, kind="advance", from_stage="veille",
                                    to_stage="pre_diagnostic", by=executif, note=f"n{i}")


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_detail_query_count_does_not_grow(login, executif, dossier, rule):
    client = login(executif)
    url = reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    grow_dossier(dossier, rule, executif, 2)
    few = count(client, url)
    grow_dossier(dossier, rule, executif, 30)
    assert count(client, url) == few


def test_the_list_query_count_does_not_grow(login, executif, membre, cc, rule):
    def add(n):
        for i in range(n):
            d = services.dossier_create(organization=cc, by=None, title=f"D{i}",
                                        establishment="x", service="x", mode="intervention",
                                        domain="intervention", m2m={"terrain_people": [membre]})
            services.deadline_set(dossier=d, rule=rule, trigger_date=today())

    url = reverse("vpp:dossier_list", args=["ccsne"])
    add(5)
    few = {who: count(login(who), url) for who in (executif, membre)}
    add(20)
    assert {who: count(login(who), url) for who in (executif, membre)} == few


def test_the_dashboard_query_count_does_not_grow(login, executif, cc, rule):
    def add(n):
        for i in range(n):
            d = services.dossier_create(organization=cc, by=None, title=f"D{i}",
                                        establishment="x", service="x", mode="intervention",
                                        domain="intervention")
            services.deadline_set(dossier=d, rule=rule, trigger_date=today())

    client = login(executif)
    add(3)
    few = count(client, reverse("dashboard"))
    add(15)
    assert count(client, reverse("dashboard")) == few


@pytest.fixture
def full_dossier(dossier, rule, executif, membre):
    services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                             note="Avis de l'employeur reçu")
    fill_pre_diagnostic(dossier)
    services.dossier_advance(dossier=dossier, to_stage=Stage.ANALYSIS, by=executif)
    decide(dossier)
    services.dossier_advance(dossier=dossier, to_stage=Stage.SURVEY, by=executif,
                             note="Go, <b>priorité</b> haute")
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=today() - timedelta(days=40))
    Task.objects.create(dossier=dossier, element=WorkPlanElement.MOBILISATION,
                        description="Assemblée des salarié·es", who="Josée")
    services.financial_analysis_save(dossier=dossier, in_house_cost=Decimal("412000"),
                                     contracted_cost=Decimal("468500"), jobs=Decimal(8),
                                     hours=Decimal(14560))
    return dossier


def test_the_report_pdf_holds_the_timeline(login, executif, full_dossier, tmp_path):
    cache.clear()
    response = login(executif).get(
        reverse("vpp:dossier_report_pdf", args=["ccsne", full_dossier.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(poppler("pdftotext", content, tmp_path).split())
    for expected in [
        "Rapport du dossier VPP — Reprographie", "Chronologie", "Veille → Pré-diagnostic",
        "Pré-diagnostic → Analyse et décision", "Analyse et décision → Enquête",
        "Avis de l'employeur reçu", "Go, <b>priorité</b> haute", "Denis Gagnon",
        "Plan de travail VPP", "Assemblée des salarié·es", "Pré-diagnostic simplifié",
        "Analyse financière", "56 500,00", "13,71 %", "art. 29", "En retard de 10 j",
    ]:
        assert expected in text, expected
    info = poppler("pdfinfo", content, tmp_path)
    assert "612 x 792 pts" in info  # portrait letter


def test_the_report_pdf_is_404_out_of_reach(login, executif2, full_dossier):
    response = login(executif2).get(
        reverse("vpp:dossier_report_pdf", args=["ccsne", full_dossier.pk])
    )
    assert response.status_code == 404


def load():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def vpp_counts():
    models = [Dossier, DossierEvent, Task, VeilleItem, LE28Project, Bulletin, VppStructure,
              DeploymentStep]
    return {m.__name__: (m.objects.count(), m.history.count()) for m in models}


@pytest.mark.django_db
def test_the_demo_loads_the_seeds_once():
    load()
    first = vpp_counts()
    load()
    assert vpp_counts() == first
    dossier = Dossier.objects.get()
    assert dossier.establishment == "CISSS des Laurentides"
    assert dossier.service == "Reprographie"
    assert dossier.mode == Dossier.Mode.INTERVENTION
    assert dossier.stage == Stage.SURVEY
    assert {d.rule.reference for d in dossier.deadlines.all()} == {"art. 29", "3.10"}
    assert {t.element for t in dossier.tasks.all()} == set(WorkPlanElement)
    bulletin = Bulletin.objects.get()
    assert (bulletin.source, bulletin.title) == ("CTROC", "INFO-PSOC — première édition")
    items = list(bulletin.items.order_by("pk"))
    assert [item.title for item in items] == [a["title"] for a in seed_003.ARTICLES]
    review = items[2]
    assert review.decision_list == seed_003.ARTICLES[2]["decisions"]
    assert "Une majorité de regroupements (16/25)" in review.summary  # the vote
    assert "Nécessité de rehausser le financement" in review.summary  # common objectives
    assert "(TROC Lanaudière et TROC Outaouais)" in items[3].summary  # the delegates
    assert all(item.source == "CTROC" and item.relevance and item.readers.exists()
               for item in items)
    assert [list(item.dossiers.all()) for item in items] == [[dossier], [], [], []]
    assert dossier.terrain_on_decision and dossier.terrain_on_work_plan
    structure = VppStructure.objects.get()
    assert structure.terrain_people.exists() and structure.direction_people.exists()
    assert DeploymentStep.objects.count() == 4
    project = LE28Project.objects.get()
    assert project.volets == ["1", "3A"] and project.phases.count() == 5
    assert project.assessments.count() == 8 and project.decisions.count() == 13
    assert project.committee.count() == 4
