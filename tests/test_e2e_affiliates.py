"""End to end in Chromium: a syndicat shares its plans, its conseil central reads them."""

import pytest
from django.urls import reverse

from plans.models import WorkPlan
from tests.plans.helpers import make_plan
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


def test_a_syndicat_shares_its_plans_with_its_conseil_central(
    browser, base_url, broken_responses, executif, executif2, syndicat  # noqa: F811
):
    make_plan(syndicat, title="Plan du syndicat 2023-2026", state=WorkPlan.State.PUBLISHED)
    context = browser.new_context(locale="fr-CA", viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    log_in(tab, base_url, "executif2")
    tab.goto(base_url + reverse("organization_detail", args=[syndicat.slug]))
    tab.get_by_role("link", name="Ce que nous partageons avec CCSNE").click()
    tab.get_by_label("Partager nos plans de travail publiés").check()
    tab.get_by_role("button", name="Enregistrer").click()
    expect(tab.get_by_role("alert")).to_contain_text("Ce que vous partagez a été enregistré.")
    context.close()

    context = browser.new_context(locale="fr-CA", viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    log_in(tab, base_url, "executif")
    tab.goto(base_url + reverse("organization_detail", args=["ccsne"]))
    tab.get_by_role("link", name="Voir ce qu'elles partagent").click()
    table = tab.get_by_role("table", name="Organisations affiliées")
    expect(table).to_contain_text(syndicat.name)
    screenshot(tab, "affiliates-1366.png")
    tab.set_viewport_size({"width": 390, "height": 844})
    screenshot(tab, "affiliates-390.png")
    table.get_by_role("link", name="Plans publiés").click()
    expect(tab.get_by_role("main")).to_contain_text("Plan du syndicat 2023-2026")
    link = tab.get_by_role("link", name="Télécharger le plan (PDF)")
    answer = context.request.get(base_url + link.get_attribute("href"))
    assert (answer.status, answer.headers["content-type"]) == (200, "application/pdf")
    context.close()
    assert broken_responses == []
