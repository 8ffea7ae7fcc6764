"""Accessibility in Chromium: axe-core (axe-playwright-python, tests only) on every main
page finds no serious or critical violation, and keyboard focus is visible."""

import pytest
from django.urls import reverse

from entraide import services as entraide_services
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
from vpp import services as vpp_services
from vpp.models import Dossier

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

BLOCKING = {"serious", "critical"}


def violations(tab) -> list[str]:
    """The serious and critical violations axe-core finds on the page, one line each."""
    results = Axe().run(tab).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in results if v["impact"] in BLOCKING]


@pytest.fixture
def pages(cc, executif, membre):
    plan = make_plan(cc, orientations=2, state=WorkPlan.State.PUBLISHED)
    dossier = vpp_services.dossier_create(
        organization=cc, by=executif, title="Reprographie", establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, m2m={"terrain_people": [membre]})
    template = entraide_services.builtin_templates_ensure()[0]
    entraide = entraide_services.plan_create_from_template(template=template, organization=cc,
                                                           year=2025)
    slug = cc.slug
    return [
        reverse("dashboard"),
        reverse("my_actions"),
        reverse("organization_detail", args=[slug]),
        reverse("members", args=[slug]),
        reverse("plans:list", args=[slug]),
        reverse("plans:create", args=[slug]),
        reverse("plans:detail", args=[slug, plan.pk]),
        reverse("plans:bilan", args=[slug, plan.pk]),
        reverse("plans:transition", args=[slug, plan.pk]),
        reverse("plans:reopen", args=[slug, plan.pk]),
        reverse("vpp:dossier_list", args=[slug]),
        reverse("vpp:dossier_create", args=[slug]),
        reverse("vpp:dossier_detail", args=[slug, dossier.pk]),
        reverse("vpp:veille_list", args=[slug]),
        reverse("vpp:le28_list", args=[slug]),
        reverse("entraide:index", args=[slug]),
        reverse("entraide:plan_detail", args=[slug, entraide.pk]),
        reverse("entraide:row_add", args=[slug, entraide.pk]),
    ]


def test_axe_finds_no_serious_violation_on_the_main_pages(page, base_url, pages):  # noqa: F811
    page.goto(base_url + reverse("login"))
    found = {"login": violations(page)}
    log_in(page, base_url, "executif")
    for url in pages:
        page.goto(base_url + url)
        found[url] = violations(page)
    assert {url: lines for url, lines in found.items() if lines} == {}


def test_keyboard_focus_is_visible(page, base_url, pages):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + pages[6])  # the plan's page
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                tag: document.activeElement.tagName};
    }""")
    assert style["tag"] in ("A", "BUTTON", "INPUT", "SELECT")
    assert (style["outline"] != "none" and style["width"] >= 2) or style["shadow"] != "none"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_new_pages_fit_a_phone_and_a_laptop(browser, base_url, pages, width):  # noqa: F811
    context = browser.new_context(locale="fr-CA", viewport={"width": width, "height": 900})
    tab = context.new_page()
    log_in(tab, base_url, "executif")
    for name, url in [("bilan", pages[7]), ("transition", pages[8]), ("reopen", pages[9]),
                      ("dossier", pages[12])]:
        tab.goto(base_url + url)
        assert tab.evaluate("document.documentElement.scrollWidth") == width, name
        screenshot(tab, f"w15-{name}-{width}.png")
    context.close()
