"""End to end in Chromium: the exécutif makes the Année 1 plan and edits a row item by item."""

import re

import pytest
from django.urls import reverse

from entraide.models import EntraidePlan
from tests.test_e2e import (  # noqa: F401 (fixtures)
    base_url,
    broken_responses,
    browser,
    log_in,
    page,
    production_static_files,
    screenshot,
)

pytestmark = pytest.mark.e2e

from playwright.sync_api import expect  # noqa: E402 (after test_e2e's skip for a missing browser)


def test_the_executif_makes_a_plan_from_a_template_and_edits_it(
    page, base_url, broken_responses, executif, cc  # noqa: F811
):
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("organization_detail", args=[cc.slug]))
    page.get_by_role("link", name="Ouvrir les plans d'action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comité d'entraide")
    expect(page.get_by_role("note")).to_contain_text("aucun nom de personne aidée")

    page.get_by_role("link", name="Nouveau plan à partir d'un modèle").click()
    page.get_by_label("Année 1 : mise sur pied").check()
    page.get_by_role("spinbutton", name=re.compile("^Année")).fill("2026")
    page.get_by_role("button", name="Créer le plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan d'action 2026")
    rows = page.locator("#plan-rows tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("Mise sur pied d'un Comité d'entraide")

    # The row's form opens in its place (htmx), item by item.
    page.get_by_role("link", name="Modifier la ligne 1").click()
    form = rows.first.locator("form")
    responsables = form.get_by_role("group", name="Responsables")
    responsables.get_by_role("textbox").last.fill("Denis")
    responsables.get_by_role("button", name="Ajouter un élément").click()
    responsables.get_by_role("textbox").last.fill("Lucie")
    schedule = form.get_by_role("group", name="Échéancier")
    schedule.get_by_role("button", name="Retirer l'élément 1").click()
    schedule.get_by_role("textbox").last.fill("Mars-Avril")
    screenshot(page, "entraide-row-form.png")
    form.get_by_role("button", name="Enregistrer", exact=True).click()

    first = rows.first
    expect(first.locator("form")).to_have_count(0)
    expect(first).to_contain_text("Denis")
    expect(first).to_contain_text("Lucie")
    expect(first).to_contain_text("Mars-Avril")
    expect(first).not_to_contain_text("Janvier-Février")

    # Moving a row is on the row's own page.
    page.get_by_role("link", name="Modifier la ligne 1").click()
    rows.first.get_by_role("link", name="Plus : déplacer ou supprimer").click()
    page.get_by_role("button", name="Descendre la ligne 1").click()
    expect(rows.nth(1)).to_contain_text("1. Identifier")
    screenshot(page, "entraide-plan.png")

    plan = EntraidePlan.objects.get(organization=cc, is_template=False)
    row = plan.rows.get(position=2)
    assert row.responsibles == ["Denis", "Lucie"]
    assert row.schedule == ["Mars-Avril"]
    pdf = page.request.get(base_url + reverse("entraide:plan_pdf", args=[cc.slug, plan.pk]))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert re.match(r"^$", "".join(broken_responses))
