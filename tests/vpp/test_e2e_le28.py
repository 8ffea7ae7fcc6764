"""End to end in Chromium: an exécutif opens an LE28 project from the VPP dossiers, records
a decision of the steering committee's checklist, and the pages stay 390 px wide on a
phone; screenshots at 390 and 1366 px in test-artifacts/."""

import pytest
from django.urls import reverse

from tests import test_e2e as e2e  # skips this module too when there is no browser
from vpp import le28

pytestmark = pytest.mark.e2e

from playwright.sync_api import expect  # noqa: E402

browser = e2e.browser
production_static_files = e2e.production_static_files
base_url = e2e.base_url
broken_responses = e2e.broken_responses
page = e2e.page
log_in, screenshot = e2e.log_in, e2e.screenshot


@pytest.fixture
def project(cc, conseiller):
    project = le28.project_create(
        organization=cc, title="Organisation du travail en santé mentale",
        establishment="CIUSSS de l'Estrie – CHUS", volets=["1", "3A"],
        services="Services psychosociaux généraux\nSanté mentale adulte",
        job_titles="Psychologues\nTravailleuses et travailleurs sociaux\n"
                   "Techniciennes et techniciens en éducation spécialisée",
        objectives=[1, 2, 5, 13, 17], conseiller=conseiller,
    )
    le28.member_create(project=project, side="syndicale", name="Denis Gagnon",
                       function="Exécutif, CCSNE")
    le28.member_create(project=project, side="patronale",
                       name="Direction des services multidisciplinaires", function="Gestionnaire")
    return project


def width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def test_an_executive_records_a_committee_decision_on_a_phone(
    page, base_url, broken_responses, executif, project
):
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("vpp:dossier_list", args=["ccsne"]))
    page.get_by_role("link", name="Projets LE28").click()
    page.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(page.locator("#checklist")).to_contain_text("0 sur 13 déterminé")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "le28-detail-1366.png")

    page.set_viewport_size({"width": 390, "height": 844})
    assert width(page) == 390
    screenshot(page, "le28-detail-390.png")
    page.get_by_role("link", name="Modifier 9").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le choix du chargé de projet")
    assert width(page) == 390
    page.get_by_label("Ce qui a été déterminé").fill("Chargée de projet choisie conjointement")
    page.get_by_label("Déterminé par").fill("Comité de pilotage, par consensus")
    page.get_by_label("Déterminé le").fill("2021-11-18")
    screenshot(page, "le28-decision-390.png")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("La décision du comité a été enregistrée.")
    expect(page.locator("#checklist")).to_contain_text("1 sur 13 déterminé")
    expect(page.locator("#comite")).to_contain_text(
        "Déterminé par Comité de pilotage, par consensus, le 18 novembre 2021")

    page.goto(base_url + reverse("vpp:le28_edit", args=["ccsne", project.pk]))
    assert width(page) == 390
    screenshot(page, "le28-edit-390.png")
    page.goto(base_url + reverse("vpp:le28_list", args=["ccsne"]))
    assert width(page) == 390
    screenshot(page, "le28-list-390.png")
    assert broken_responses == []
