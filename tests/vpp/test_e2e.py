"""End to end in Chromium: an exécutif takes the reprographie dossier from the watch to the
pre-diagnostic, is refused the analysis without the pre-diagnostic, fills it and goes on."""

import re

import pytest
from django.urls import reverse

from tests import test_e2e as e2e  # skips this module too when there is no browser
from vpp.models import Stage

pytestmark = pytest.mark.e2e

from playwright.sync_api import expect  # noqa: E402

# The foundation's fixtures, shared rather than copied.
browser = e2e.browser
production_static_files = e2e.production_static_files
base_url = e2e.base_url
broken_responses = e2e.broken_responses
page = e2e.page
log_in, screenshot = e2e.log_in, e2e.screenshot


def test_an_executive_moves_a_dossier_through_the_first_stages(
    page, base_url, broken_responses, executif, membre, dossier, cc
):
    log_in(page, base_url, "executif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    page.goto(base_url + reverse("organization_detail", args=[cc.slug]))
    page.get_by_role("link", name="Dossiers VPP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers VPP")
    page.get_by_role("link", name="Reprographie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reprographie")
    expect(page.locator("#current-stage")).to_have_text("Veille")

    page.get_by_label("Note").fill("Avis de l'employeur reçu")
    page.get_by_role("button", name="Avancer").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Le dossier est maintenant à l’étape « Pré-diagnostic »"
    )
    expect(page.locator("#current-stage")).to_have_text("Pré-diagnostic")
    expect(page.locator("#timeline")).to_contain_text("Avis de l'employeur reçu")

    # The move waits for the pre-diagnostic: not offered, and the page says what is missing.
    expect(page.get_by_role("button", name="Avancer")).to_have_count(0)
    expect(page.locator("#waiting-moves")).to_contain_text(
        "Pour passer à « Analyse et décision » : Remplissez le pré-diagnostic simplifié")

    page.get_by_role("link", name="Remplir : Pré-diagnostic simplifié").click()
    for field in page.locator("textarea").all():
        field.fill("Oui")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("Le questionnaire a été enregistré.")
    page.get_by_role("button", name="Avancer").click()
    expect(page.locator("#current-stage")).to_have_text("Analyse et décision")
    screenshot(page, "vpp-dossier.png")

    dossier.refresh_from_db()
    assert dossier.stage == Stage.ANALYSIS
    moves = [e.to_stage for e in dossier.events.stage_changes()]
    assert moves == [Stage.PRE_DIAGNOSTIC, Stage.ANALYSIS]
    assert not [r for r in broken_responses if not re.search(r"favicon", r)]
