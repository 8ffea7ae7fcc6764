"""End to end: a real Chromium, driven by Playwright, against pytest-django's live server.

The browser is Debian's /usr/bin/chromium (never one downloaded by `playwright install`).
Without it the module is skipped, unless UNIONPLANS_REQUIRE_BROWSER=1 (set by CI), in
which case every test fails with the reason.

Pages are opened by an English browser (Accept-Language: en-US), as many Quebec members
have: UnionPlans is French first, and only its language switcher changes the language.

Screenshots for humans to look at are saved in test-artifacts/ (git-ignored), or in the
directory UNIONPLANS_ARTIFACTS names.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from tests.helpers import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("UNIONPLANS_REQUIRE_BROWSER") == "1"
# UNIONPLANS_ARTIFACTS (e.g. a CI job's upload directory, or a tmp path) moves them.
ARTIFACTS = Path(os.environ.get("UNIONPLANS_ARTIFACTS")
                 or Path(settings.BASE_DIR) / "test-artifacts")
TIMEOUT_MS = 10_000
WRONG_CREDENTIALS = "Saisissez un nom d’utilisateur et un mot de passe valides"


def missing_browser() -> str | None:
    """Why the end-to-end tests cannot run here, or None if they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} not found (Debian package `chromium`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the `playwright` Python package is not installed (`pip install '.[dev]'`)"
    return None


if (reason := missing_browser()) and not REQUIRE_BROWSER:
    pytest.skip(f"End-to-end tests skipped: {reason}.", allow_module_level=True)

pytestmark = pytest.mark.e2e

if not reason:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
    from playwright.sync_api import Error as PlaywrightError

    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    """One headless Chromium for the whole module; each test gets its own context."""
    if reason:
        pytest.fail(
            f"UNIONPLANS_REQUIRE_BROWSER=1 but the browser cannot run: {reason}.", pytrace=False
        )
    with pytest.MonkeyPatch.context() as environment:
        # Playwright's sync API runs an event loop in the test thread, and Django refuses ORM
        # calls from a thread with a running loop (fixtures, database flush). Documented
        # workaround; the calls really are synchronous, the live server has its own thread.
        # Set for this module only: at import it would leak into the whole session, and
        # `manage.py check --deploy` (tests/test_settings.py) rightly rejects it.
        environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            try:
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
            except PlaywrightError as error:
                pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
            yield chromium
            chromium.close()


@pytest.fixture(scope="module")
def production_static_files(live_server):
    """Serve static files as production does: WhiteNoise, from the collected STATIC_ROOT.

    pytest-django wraps its live server in django.contrib.staticfiles' StaticFilesHandler,
    which looks files up with the finders and so answers 404 for the hashed names that the
    manifest storage (DEBUG off) puts in the pages: no CSS, no Bootstrap JS. Handing the
    server Django's plain WSGI handler lets the requests reach WhiteNoiseMiddleware.
    """
    server = live_server.thread.httpd
    original = server.get_app()
    server.set_app(WSGIHandler())
    yield
    server.set_app(original)


@pytest.fixture
def base_url(live_server, production_static_files) -> str:
    return live_server.url


@pytest.fixture
def broken_responses() -> list[str]:
    """Responses of 400 and more seen by the page (filled by the `page` fixture)."""
    return []


@pytest.fixture
def page(browser, broken_responses) -> Iterator["Page"]:
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()

    def record(response):
        if response.status >= 400:
            broken_responses.append(f"{response.status} {response.url}")

    page.on("response", record)
    yield page
    context.close()


def screenshot(page: "Page", name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / name, full_page=True)


def stays_on_the_page(tab: "Page"):
    """Marks the page: `still_there()` is True while no full page load happened since."""
    tab.evaluate("window.notReloaded = true")
    return lambda: tab.evaluate("window.notReloaded === true")


def log_in(page: "Page", base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base_url + reverse("login"))
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()


def test_the_login_page_is_french_and_refuses_a_wrong_password(
    page, base_url, broken_responses, executif
):
    login_url = base_url + reverse("login")
    page.goto(login_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr"))
    expect(page).to_have_title(re.compile(r"^Se connecter"))

    log_in(page, base_url, "executif", "pas-le-bon-mot-de-passe")

    expect(page.get_by_role("main")).to_contain_text(WRONG_CREDENTIALS)
    expect(page).to_have_url(login_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    screenshot(page, "login-wrong-password.png")
    assert broken_responses == []


def test_the_executif_logs_in_and_finds_the_organization_and_its_members(
    page, base_url, broken_responses, executif, membre, cc
):
    log_in(page, base_url, "executif")

    expect(page).to_have_url(base_url + reverse("dashboard"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    card = page.get_by_role("region", name=cc.name)
    expect(card).to_contain_text("Membre de l'exécutif")
    screenshot(page, "dashboard.png")

    card.get_by_role("link", name=cc.name).click()

    expect(page).to_have_url(base_url + reverse("organization_detail", args=[cc.slug]))
    expect(page.get_by_role("heading", level=1)).to_have_text(cc.name)
    members = page.get_by_role("table", name="Membres et rôles")
    executive = members.get_by_role("row", name=re.compile("Denis Gagnon"))
    expect(executive).to_contain_text("Membre de l'exécutif")
    expect(members.get_by_role("row", name=re.compile("Josée Côté"))).to_contain_text("Membre")

    switcher = page.locator("#organization-switcher")
    menu = page.locator("[aria-labelledby=organization-switcher]")
    expect(switcher).to_have_text(cc.short_name)
    expect(menu).to_be_hidden()
    switcher.click()
    expect(switcher).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    current = menu.get_by_role("link", name=cc.name)
    expect(current).to_be_visible()
    expect(current).to_have_attribute("aria-current", "page")
    assert broken_responses == []


def test_the_language_switcher_turns_the_page_english_and_back(page, base_url, executif):
    log_in(page, base_url, "executif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    languages = navigation.get_by_role("form", name="Langue").get_by_role("button")
    expect(languages).to_have_text(["English"])

    languages.filter(has_text="English").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My organizations")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(base_url + reverse("dashboard"))
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("button", name="Log out")).to_be_visible()
    languages = navigation.get_by_role("form", name="Language").get_by_role("button")
    expect(languages).to_have_text(["Français"])

    languages.filter(has_text="Français").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr"))
    expect(page.get_by_role("form", name="Langue").get_by_role("button")).to_have_text(["English"])


def test_logging_out_returns_to_the_login_page_and_closes_the_session(page, base_url, executif):
    log_in(page, base_url, "executif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")

    page.get_by_role("navigation").get_by_role("button", name="Se déconnecter").click()

    login_url = base_url + reverse("login")
    expect(page).to_have_url(login_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)

    page.goto(base_url + reverse("dashboard"))
    expect(page).to_have_url(f"{login_url}?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")


def test_the_pages_have_landmarks_a_skip_link_and_labelled_controls(page, base_url, executif):
    log_in(page, base_url, "executif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")

    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("header")).to_have_count(1)
    expect(page.locator("header nav")).to_have_attribute("aria-label", "Navigation principale")
    expect(page.locator("nav:not([aria-label])")).to_have_count(0)

    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_have_attribute("href", "#contenu")
    expect(page.locator("main#contenu")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    expect(skip_link).to_have_text("Aller au contenu")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.context.clear_cookies()
    page.goto(base_url + reverse("login"))
    controls = page.locator("input:not([type=hidden]), select, textarea")
    assert controls.count() >= 2
    unlabelled = controls.evaluate_all(
        """controls => controls
            .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')
                         && !c.getAttribute('aria-labelledby'))
            .map(c => c.outerHTML)"""
    )
    assert unlabelled == []
