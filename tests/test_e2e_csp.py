"""The Content-Security-Policy in Chromium: every main page of the demo, the login page and
the admin run their own scripts (Bootstrap, htmx, the admin's) and break no rule of it.

A violation shows twice: as a `securitypolicyviolation` event in the page (recorded by an
init script, before any of the page's own) and as a console message naming "Content
Security Policy"; both are collected, and each page must leave both empty.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from plans import services as plans_services
from plans.models import Action
from tests.helpers import PASSWORD
from tests.test_e2e import (  # noqa: F401  (fixtures)
    base_url,
    browser,
    log_in,
    production_static_files,
)
from unionplans.management.commands.loaddemo import DEMO_PASSWORD
from unionplans.people import display_name

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from playwright.sync_api import expect  # noqa: E402

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.cspViolations.push(
  `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture
def tab(browser):  # noqa: F811
    """A French page that records every CSP violation in `tab.violations()`."""
    context = browser.new_context(locale="fr-CA", viewport={"width": 1366, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)

    def violations() -> list[str]:
        found = page.evaluate("window.cspViolations") + console
        console.clear()
        return found

    page.violations = violations
    yield page
    context.close()


@pytest.fixture
def demo(db):
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())
    from entraide.models import EntraidePlan
    from plans.models import WorkPlan
    from vpp.models import Dossier, LE28Project, VeilleItem

    ccsne = {"organization__slug": "ccsne"}
    closed = WorkPlan.objects.get(**ccsne)
    # The demo's plan is closed: its next mandate's draft is the one edited in place.
    draft = plans_services.plan_carry_over(
        plan=closed, title="Plan de travail 2022-2025",
        mandate_start=closed.mandate_end.replace(day=1, month=7),
        mandate_end=closed.mandate_end.replace(year=closed.mandate_end.year + 3),
        with_steps=True)
    return {
        "plan": closed.pk,
        "draft": draft.pk,
        "dossier": Dossier.objects.get(**ccsne).pk,
        "entraide": EntraidePlan.objects.filter(**ccsne, is_template=False)
        .order_by("year")[0].pk,
        "le28": LE28Project.objects.filter(**ccsne).order_by("pk")[0].pk,
        "veille": VeilleItem.objects.filter(**ccsne).order_by("pk")[0].pk,
    }


def main_pages(ids: dict) -> list[str]:
    slug = "ccsne"
    return [
        reverse("dashboard"),
        reverse("my_actions"),
        reverse("organization_detail", args=[slug]),
        reverse("members", args=[slug]),
        reverse("plans:list", args=[slug]),
        reverse("plans:detail", args=[slug, ids["plan"]]),
        reverse("plans:bilan", args=[slug, ids["plan"]]),
        reverse("plans:detail", args=[slug, ids["draft"]]),
        reverse("vpp:dossier_list", args=[slug]),
        reverse("vpp:dossier_detail", args=[slug, ids["dossier"]]),
        reverse("vpp:veille_list", args=[slug]),
        reverse("vpp:veille_detail", args=[slug, ids["veille"]]),
        reverse("vpp:structure", args=[slug]),
        reverse("vpp:le28_list", args=[slug]),
        reverse("vpp:le28_detail", args=[slug, ids["le28"]]),
        reverse("entraide:index", args=[slug]),
        reverse("entraide:plan_detail", args=[slug, ids["entraide"]]),
        reverse("entraide:row_add", args=[slug, ids["entraide"]]),
        reverse("reminder_preferences"),
        reverse("account"),
        reverse("notifications"),
        reverse("calendars"),
    ]


def test_the_main_pages_break_no_rule_of_the_policy(tab, base_url, demo):  # noqa: F811
    found = {}
    tab.goto(base_url + reverse("login"))
    found["login"] = tab.violations()
    log_in(tab, base_url, "executif", DEMO_PASSWORD)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    for url in main_pages(demo):
        response = tab.goto(base_url + url)
        assert (url, response.status) == (url, 200)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        tab.wait_for_load_state("networkidle")
        found[url] = tab.violations()
    assert {url: lines for url, lines in found.items() if lines} == {}


def test_htmx_and_bootstrap_still_run_on_the_plan(tab, base_url, demo):  # noqa: F811
    log_in(tab, base_url, "executif", DEMO_PASSWORD)
    tab.goto(base_url + reverse("plans:detail", args=["ccsne", demo["draft"]]))
    tab.evaluate("window.notReloaded = true")

    # htmx: the outcome badge swaps its form in place, and the saved row comes back.
    first = tab.locator(".action-row").first
    first.locator("a.row-open").click()  # the row's « Modifier »: its controls
    first.locator("a.outcome-badge").click()
    first.locator("select[name=outcome]").select_option(Action.Outcome.DONE)
    first.get_by_role("button", name="Enregistrer").click()
    expect(first.locator("a.outcome-badge")).to_contain_text("Réalisée")
    expect(first.locator("select[name=outcome]")).to_have_count(0)
    assert tab.evaluate("window.notReloaded === true")
    # htmx was told not to inject its indicator's <style>: our stylesheet has it.
    assert tab.evaluate("document.querySelectorAll('style').length") == 0
    assert tab.evaluate("""getComputedStyle(document.body.appendChild(Object.assign(
        document.createElement('span'), {className: 'htmx-indicator'}))).opacity""") == "0"

    # Bootstrap: the organization menu opens.
    tab.locator("#organization-switcher").click()
    expect(tab.locator("[aria-labelledby=organization-switcher]")).to_be_visible()
    assert tab.violations() == []


def test_the_admin_runs_its_scripts_under_the_policy(tab, base_url, demo, superuser):  # noqa: F811
    from vpp.models import Dossier

    tab.goto(base_url + reverse("admin:login"))
    tab.locator("input[name=username]").fill(superuser.username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("input[type=submit]").click()
    expect(tab.locator("#site-name")).to_be_visible()
    found = {"index": tab.violations()}

    # A change page with the admin's widgets, all drawn by its scripts.
    dossier = Dossier.objects.get(pk=demo["dossier"])
    tab.goto(base_url + reverse("admin:vpp_dossier_change", args=[dossier.pk]))
    expect(tab.locator(".selector").first).to_be_visible()  # SelectFilter2.js
    tab.locator(".date-icon").first.click()  # DateTimeShortcuts.js
    expect(tab.locator(".calendarbox").first).to_be_visible()
    found["dossier change"] = tab.violations()

    # The organization's form: its slug filled from the short name (prepopulate.js).
    tab.goto(base_url + reverse("admin:unionplans_organization_add"))
    tab.locator("#id_short_name").press_sequentially("Syndicat Test")
    expect(tab.locator("#id_slug")).to_have_value("syndicat-test")
    found["organization add"] = tab.violations()

    # The membership's person, looked up by the autocomplete (select2, jQuery).
    tab.goto(base_url + reverse("admin:unionplans_membership_add"))
    tab.locator(".select2-selection").first.click()
    tab.keyboard.type("Gagnon")
    executif = get_user_model().objects.get(username="executif")
    expect(tab.locator(".select2-results__option").first).to_have_text(display_name(executif))
    found["membership add"] = tab.violations()

    tab.goto(base_url + reverse("admin:vpp_dossier_history", args=[dossier.pk]))
    found["history"] = tab.violations()
    assert found == {"index": [], "dossier change": [], "organization add": [],
                     "membership add": [], "history": []}
