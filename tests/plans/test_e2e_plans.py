"""End to end in Chromium: the exécutif builds a plan, reorders it and a membre reads it."""

import re

import pytest
from django.urls import reverse

from tests.test_e2e import (  # noqa: F401  (fixtures)
    base_url,
    broken_responses,
    browser,
    log_in,
    page,
    production_static_files,
    screenshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from playwright.sync_api import expect  # noqa: E402


def field(tab, name):
    """A form control by its field name (crispy labels each one with for=id)."""
    control = tab.locator(f"#id_{name}")
    expect(control).to_have_count(1)
    assert tab.locator(f"label[for=id_{name}]").count() == 1
    return control


def test_the_executif_builds_a_plan_and_a_membre_reads_it(page, base_url, broken_responses,  # noqa: F811
                                                         executif, membre, cc):
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("organization_detail", args=[cc.slug]))
    page.get_by_role("link", name="Voir les plans de travail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans de travail")
    page.get_by_role("link", name="Nouveau plan").click()
    field(page, "title").fill("Plan de travail 2022-2025")
    field(page, "mandate_start").fill("2022-06-01")
    field(page, "mandate_end").fill("2025-06-30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan de travail 2022-2025")

    page.get_by_role("link", name="Ajouter une orientation").click()
    field(page, "statement").fill("Le CCSNE développe la solidarité.")
    page.get_by_role("button", name="Enregistrer").click()
    for what in ["Créer une unité de mobilisation", "Mettre en place une salle"]:
        page.get_by_role("link", name="Ajouter une action").click()
        field(page, "what").fill(what)
        field(page, "responsible").fill("Denis")
        page.get_by_role("button", name="Enregistrer").click()
    table = page.get_by_role("table", name="Plan de travail 2022-2025")
    expect(table).to_contain_text("1.2 Mettre en place une salle")

    # Moving is on the action's own page, one link away from its inline form, in the row's
    # editing version (its « Modifier »).
    page.locator("a.row-open").nth(1).click()
    expect(page.get_by_role("link", name=re.compile(r"^Terminer : action 1\.2"))).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Modifier : action 1\.2")).click()
    page.get_by_role("link", name="Plus : déplacer ou supprimer").click()
    page.get_by_role("button", name=re.compile("Monter")).click()
    expect(table).to_contain_text("1.1 Mettre en place une salle")
    expect(table).to_contain_text("1.2 Créer une unité de mobilisation")

    page.get_by_role("link", name=re.compile("^Ajouter des étapes")).first.click()
    field(page, "lines").fill("Évaluer les besoins (février 2023)")
    page.get_by_role("button", name="Ajouter").click()
    expect(table).to_contain_text("- Évaluer les besoins (février 2023)")

    for state in ["Adopté", "Publié"]:
        # Each state is confirmed on its own page; adopting asks for the meeting's date.
        page.get_by_role("link", name=f"Marquer comme « {state} »").click()
        if state == "Adopté":
            page.get_by_label("Date de l'instance qui a adopté le plan").fill("2022-05-28")
        page.get_by_role("main").get_by_role("button", name=f"Marquer comme « {state} »").click()
        expect(page.get_by_role("main")).to_contain_text(f"Le plan est maintenant « {state} ».")
    screenshot(page, "plans-detail.png")
    assert broken_responses == []

    page.context.clear_cookies()
    log_in(page, base_url, "membre")
    page.goto(base_url + reverse("plans:list", args=[cc.slug]))
    page.get_by_role("link", name="Plan de travail 2022-2025").click()
    expect(page.get_by_role("table", name="Plan de travail 2022-2025")).to_contain_text(
        "1.1 Mettre en place une salle")
    expect(page.get_by_role("link", name="Ajouter une action")).to_have_count(0)
    href = page.get_by_role("link", name="Télécharger le plan (PDF)").get_attribute("href")
    pdf = page.context.request.get(base_url + href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
