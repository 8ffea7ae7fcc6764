"""Every URL of the app against every person who must be refused (pretix style).

Logged out → login; other organisation's exécutif and outsider → 404; a membre → 404 on a
dossier it is not listed on, 403 on internal pages (watch, LE28) and on writes; wrong
method → 405. Each refusal leaves the data as it was.
"""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import page
from vpp import services
from vpp.models import (
    Deadline,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
)


@pytest.fixture
def world(dossier, rule, veille_item, cc):
    """The listed dossier (`dossier`, membre on its terrain side) and an unlisted one."""
    unlisted = services.dossier_create(
        organization=cc, by=None, title="Buanderie secrète", establishment="CIUSSS",
        service="Buanderie", mode="intervention", domain="intervention",
    )
    task = Task.objects.create(dossier=unlisted, element="documentation", description="Lire")
    deadline = services.deadline_set(dossier=unlisted, rule=rule, trigger_date=date(2026, 1, 5))
    project = services.le28_project_create(
        organization=cc, title="Projet", establishment="x", volet="1", job_titles="TS"
    )
    return {"dossier": dossier, "unlisted": unlisted, "task": task, "deadline": deadline,
            "item": veille_item, "project": project}


def snapshot():
    return (
        list(Dossier.objects.order_by("pk").values_list("title", "stage", "findings")),
        DossierEvent.objects.count(), Task.objects.count(),
        list(Task.objects.values_list("description", flat=True)),
        Deadline.objects.count(), QuestionnaireAnswers.objects.count(),
        FinancialAnalysis.objects.count(), VeilleItem.objects.count(),
        list(VeilleItem.objects.values_list("title", flat=True)), LE28Project.objects.count(),
        list(LE28Project.objects.values_list("title", flat=True)),
        [list(d.veille_items.all()) for d in Dossier.objects.order_by("pk")],
    )


def dossier_urls(w, key="unlisted"):
    d = w[key]
    args = ["ccsne", d.pk]
    return [
        # name, args, methods allowed, is a write
        ("dossier_detail", args, ["GET"], False),
        ("dossier_report_pdf", args, ["GET"], False),
        ("dossier_edit", args, ["GET", "POST"], True),
        ("dossier_findings", args, ["GET", "POST"], True),
        ("dossier_advance", args, ["POST"], True),
        ("dossier_go_back", args, ["POST"], True),
        ("task_create", args, ["GET", "POST"], True),
        ("task_edit", [*args, w["task"].pk], ["GET", "POST"], True),
        ("questionnaire_edit", [*args, "pre_diagnostic"], ["GET", "POST"], True),
        ("financial_analysis_edit", args, ["GET", "POST"], True),
        ("deadline_create", args, ["GET", "POST"], True),
        ("deadline_edit", [*args, w["deadline"].pk], ["GET", "POST"], True),
    ]


def organization_urls(w):
    return [
        ("dossier_list", ["ccsne"], ["GET"], False),
        ("dossier_create", ["ccsne"], ["GET", "POST"], True),
        ("veille_list", ["ccsne"], ["GET"], False),
        ("veille_create", ["ccsne"], ["GET", "POST"], True),
        ("veille_detail", ["ccsne", w["item"].pk], ["GET"], False),
        ("veille_edit", ["ccsne", w["item"].pk], ["GET", "POST"], True),
        ("veille_link", ["ccsne", w["item"].pk], ["POST"], True),
        ("le28_list", ["ccsne"], ["GET"], False),
        ("le28_create", ["ccsne"], ["GET", "POST"], True),
        ("le28_detail", ["ccsne", w["project"].pk], ["GET"], False),
        ("le28_edit", ["ccsne", w["project"].pk], ["GET", "POST"], True),
    ]


def all_urls(w):
    return dossier_urls(w) + organization_urls(w)


POST_DATA = {
    "title": "Piraté", "establishment": "x", "service": "x", "mode": "prevention",
    "domain": "intervention", "findings": "Piraté", "to_stage": Stage.PRE_DIAGNOSTIC,
    "reason": "Piraté", "element": "documentation", "description": "Piraté", "q_project": "x",
    "in_house_cost": "1", "contracted_cost": "1", "jobs": "1", "hours": "1",
    "source": "x", "published_on": "2024-01-01", "volet": "1", "job_titles": "x",
    "decision_mode": "consensus", "trigger_date": "2026-01-01",
}


def request_as(client, method, name, args):
    url = reverse(f"vpp:{name}", args=args)
    return client.get(url) if method == "GET" else client.post(url, POST_DATA)


@pytest.mark.parametrize("index", range(23))
def test_logged_out_goes_to_the_login_page(client, world, index):
    name, args, methods, _write = all_urls(world)[index]
    before = snapshot()
    for method in methods:
        response = request_as(client, method, name, args)
        assert response.status_code == 302, (name, method)
        assert response.url.startswith(reverse("login"))
    assert snapshot() == before


@pytest.mark.parametrize("person", ["executif2", "outsider"])
@pytest.mark.parametrize("index", range(23))
def test_other_organizations_get_404(request, login, world, person, index):
    client = login(request.getfixturevalue(person))
    name, args, methods, _write = all_urls(world)[index]
    before = snapshot()
    for method in methods:
        response = request_as(client, method, name, args)
        assert response.status_code == 404, (name, method)
        assert "Buanderie secrète" not in page(response)
    assert snapshot() == before


@pytest.mark.parametrize("index", range(12))
def test_a_membre_gets_404_on_a_dossier_it_is_not_listed_on(login, membre, world, index):
    client = login(membre)
    name, args, methods, _write = dossier_urls(world)[index]
    before = snapshot()
    for method in methods:
        assert request_as(client, method, name, args).status_code == 404, (name, method)
    assert snapshot() == before


WRITES_A_TERRAIN_MEMBRE_MAY_MAKE = {"dossier_findings", "dossier_advance", "dossier_go_back"}


# task_edit and deadline_edit are left out: their rows belong to the other dossier.
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 8, 9, 10])
def test_a_listed_membre_reads_its_dossier_but_may_not_edit_it(login, membre, world, index):
    client = login(membre)
    name, args, methods, write = dossier_urls(world, "dossier")[index]
    before = snapshot()
    for method in methods:
        response = request_as(client, method, name, args)
        if not write:
            assert response.status_code == 200, name
        elif name in WRITES_A_TERRAIN_MEMBRE_MAY_MAKE:
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 403, (name, method)
    if name == "dossier_findings":
        return  # the terrain writes its findings
    assert snapshot() == before  # advancing from veille is refused to the terrain


@pytest.mark.parametrize("index", range(11))
def test_a_membre_is_refused_internal_pages_and_writes(login, membre, world, index):
    client = login(membre)
    name, args, methods, write = organization_urls(world)[index]
    before = snapshot()
    for method in methods:
        response = request_as(client, method, name, args)
        expected = 200 if name == "dossier_list" else 403
        assert response.status_code == expected, (name, method)
    assert snapshot() == before


def test_the_membre_s_list_shows_only_its_dossiers(login, membre, world):
    text = page(login(membre).get(reverse("vpp:dossier_list", args=["ccsne"])))
    assert "Reprographie" in text
    assert "Buanderie secrète" not in text


def test_a_conseiller_reads_but_does_not_edit_in_the_app(login, conseiller, world):
    client = login(conseiller)
    args = ["ccsne", world["unlisted"].pk]
    assert client.get(reverse("vpp:dossier_detail", args=args)).status_code == 200
    before = snapshot()
    assert client.post(reverse("vpp:dossier_edit", args=args), POST_DATA).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("index", range(23))
def test_wrong_methods_get_405(login, executif, world, index):
    client = login(executif)
    name, args, methods, _write = all_urls(world)[index]
    url = reverse(f"vpp:{name}", args=args)
    before = snapshot()
    for method in {"GET", "POST", "PUT", "DELETE"} - set(methods):
        response = getattr(client, method.lower())(url)
        assert response.status_code == 405, (name, method)
    assert snapshot() == before


def test_a_dossier_is_not_reachable_through_another_organization_s_slug(
    login, executif2, world, syndicat
):
    response = login(executif2).get(
        reverse("vpp:dossier_detail", args=[syndicat.slug, world["unlisted"].pk])
    )
    assert response.status_code == 404


def test_a_task_of_another_dossier_is_404(login, executif, world):
    response = login(executif).get(
        reverse("vpp:task_edit", args=["ccsne", world["dossier"].pk, world["task"].pk])
    )
    assert response.status_code == 404
