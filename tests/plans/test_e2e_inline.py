"""End to end in Chromium: a plan edited where it is read (htmx), by mouse and by keyboard
alone, the submissions that typing seed 004's first orientation takes, and every main
page at 1366 and 390 px (screenshots in test-artifacts/, not committed)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, WorkPlan
from plans.seed_004 import PLAN
from tests.plans.helpers import END, START
from tests.test_e2e import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    base_url,
    broken_responses,
    browser,
    log_in,
    page,
    production_static_files,
    screenshot,
    stays_on_the_page,
)
from unionplans.management.commands.loaddemo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from playwright.sync_api import expect  # noqa: E402

ORIENTATION_1 = PLAN["orientations"][0]


def step_line(step: dict) -> str:
    return f"{step['text']} ({step['when_text']})" if step["when_text"] else step["text"]


def posts_of(tab) -> list[str]:
    """The form submissions the page makes from now on (htmx's included)."""
    posts = []
    tab.on("request", lambda request: posts.append(request.url)
           if request.method == "POST" else None)
    return posts


@pytest.fixture
def empty_plan(cc, executif):
    return services.plan_create(organization=cc, title="Plan de travail 2019-2022",
                                mandate_start=START, mandate_end=END)


def test_typing_seed_004_s_first_orientation_takes_five_submissions(
        page, base_url, broken_responses, executif, empty_plan):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("plans:detail", args=["ccsne", empty_plan.pk]))
    posts = posts_of(page)
    page.get_by_role("link", name="Ajouter une orientation").click()
    page.locator("#id_statement").fill(ORIENTATION_1["statement"])
    page.get_by_role("button", name="Enregistrer").click()
    for action in ORIENTATION_1["actions"]:
        page.get_by_role("link", name=re.compile("^Ajouter une action")).click()
        page.locator("#id_what").fill(action["what"])
        page.locator("#id_responsible").fill(action["who"])
        page.locator("#id_steps").fill("\n".join(f"- {step_line(s)}" for s in action["steps"]))
        page.locator("#id_follow_ups").fill("\n".join(f"- {f['text']}"
                                                      for f in action["follow_ups"]))
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator("main")).to_contain_text("Ajouté.")
    table = page.get_by_role("table", name="Plan de travail 2019-2022")
    expect(table).to_contain_text("1.4 Augmenter la participation des syndicats")
    expect(table).to_contain_text("- Mettre sur pied l'unité (mars 2020)")
    expect(table).to_contain_text("28 février 2020")
    assert broken_responses == []

    actions = ORIENTATION_1["actions"]
    # One form per row before: the orientation, each action, each step, each follow-up.
    before = 1 + len(actions) + sum(len(a["steps"]) + len(a["follow_ups"]) for a in actions)
    after = len(posts)
    assert (before, after) == (31, 5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "submissions-seed-004-orientation-1.txt").write_text(
        f"Submissions to type seed 004's orientation 1: before {before}, after {after}\n")
    # Every step and follow-up landed, dated as in the seed.
    typed = Action.objects.filter(orientation__plan=empty_plan)
    assert sum(a.steps.count() for a in typed) == 13
    assert sum(a.follow_ups.count() for a in typed) == 13


@pytest.fixture
def typed_plan(empty_plan):
    """The first orientation of seed 004, with its first two actions."""
    orientation = services.orientation_create(plan=empty_plan,
                                              statement=ORIENTATION_1["statement"])
    for data in ORIENTATION_1["actions"][:2]:
        services.action_create_with_lines(
            orientation=orientation, author=None, what=data["what"], responsible=data["who"],
            steps="\n".join(step_line(s) for s in data["steps"]),
            follow_ups="\n".join(f["text"] for f in data["follow_ups"][:1]))
    return empty_plan


def test_steps_follow_ups_and_the_outcome_are_edited_in_place(
        page, base_url, broken_responses, executif, typed_plan):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("plans:detail", args=["ccsne", typed_plan.pk]))
    still_there = stays_on_the_page(page)
    first, second = (page.locator(".action-row").nth(i) for i in (0, 1))

    # A row shows one link, « Modifier »; it brings the row's controls, the keyboard on them.
    expect(first.locator("a")).to_have_count(1)
    open_row(first, "1.1")
    expect(first.locator(".outcome-badge")).to_be_focused()

    # Edit a step in place.
    first.get_by_role("link", name=re.compile("^Modifier : Mettre sur pied")).click()
    form = first.locator(".inline-edit")
    expect(form.locator("#id_text")).to_be_focused()
    screenshot(page, "plan-inline-form-1366.png")
    form.locator("#id_text").fill("Mettre sur pied l'unité de mobilisation")
    form.get_by_role("button", name="Enregistrer").click()
    expect(first).to_contain_text("- Mettre sur pied l'unité de mobilisation (mars 2020)")
    expect(first.locator(".inline-edit")).to_have_count(0)
    expect(first.locator("a.row-done")).to_be_visible()  # the row is still being edited

    # Paste follow-ups in place, one per line, their dates read.
    open_row(second, "1.2")
    second.get_by_role("link", name=re.compile("^Ajouter des suivis")).click()
    second.locator("textarea[name=lines]").fill(
        "- Présentation des outils à l'AG du 17 juin 2020\n- Inventaire effectué")
    second.get_by_role("button", name="Ajouter").click()
    expect(second).to_contain_text("- Présentation des outils à l'AG du 17 juin 2020")
    expect(second).to_contain_text("- Inventaire effectué")
    assert [f.date for f in FollowUp.objects.filter(
        action__orientation__plan=typed_plan).order_by("pk")][-2:] == [
        datetime.date(2020, 6, 17), None]

    # The outcome from its badge.
    first.get_by_role("link", name=re.compile("Résultat : À venir")).click()
    # htmx focuses the form's first field once it is in: typing elsewhere waits for it.
    expect(first.locator("select[name=outcome]")).to_be_focused()
    first.locator("select[name=outcome]").select_option(Action.Outcome.POSTPONED)
    first.locator("input[name=outcome_reason]").fill("pandémie")
    first.get_by_role("button", name="Enregistrer").click()
    expect(first.locator(".outcome-badge")).to_contain_text("Reportée")
    expect(first).to_contain_text("Action reportée (pandémie)")
    assert still_there()
    assert broken_responses == []

    # A refusal comes back in place, in French, with what was typed.
    second.get_by_role("link", name=re.compile("^Ajouter des étapes")).click()
    second.locator("textarea[name=lines]").fill("Une étape trop tard (mars 2030)")
    second.get_by_role("button", name="Ajouter").click()
    expect(second.locator(".inline-edit")).to_contain_text("Ligne 1 :")
    expect(second.locator("textarea[name=lines]")).to_have_value(
        "Une étape trop tard (mars 2030)")
    assert [r.split(" ")[0] for r in broken_responses] == ["422"]
    # Cancel puts the row back as it is saved.
    second.get_by_role("link", name="Annuler").click()
    expect(second.locator(".inline-edit")).to_have_count(0)
    expect(second).not_to_contain_text("trop tard")
    expect(second.locator("a.row-done")).to_be_visible()
    # « Terminer »: the row as it is read again, the keyboard on its « Modifier ».
    second.locator("a.row-done").click()
    expect(second.locator("a.row-open")).to_be_focused()
    expect(second.locator(".inline-edit, a.row-edit, a.outcome-badge")).to_have_count(0)
    assert still_there()
    page.reload()
    expect(page.get_by_role("table")).to_contain_text("Action reportée (pandémie)")
    screenshot(page, "plan-inline-1366.png")


def open_row(row, number: str) -> None:
    """Click the row's « Modifier »: its editing version, with every control."""
    row.get_by_role("link", name=re.compile(rf"^Modifier : action {re.escape(number)}")).click()
    expect(row.locator("a.row-done")).to_be_visible()


def press_tab_until(tab, pattern: str, limit: int = 150) -> None:
    """Tab (keyboard only) until the focused element's text matches `pattern`."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        text = tab.evaluate("""(e => (e.type === 'submit' ? e.value : e.textContent) || '')(
            document.activeElement)""")
        if re.search(pattern, " ".join(text.split())):
            return
    raise AssertionError(f"no focusable element reads {pattern!r}")


def assert_focus_is_visible(tab) -> None:
    style = tab.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth]; })()""")
    assert style == ["solid", "3px"], style


def test_the_plan_is_edited_by_keyboard_alone(page, base_url, executif, typed_plan):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("plans:detail", args=["ccsne", typed_plan.pk]))
    still_there = stays_on_the_page(page)
    press_tab_until(page, r"^Modifier : action 1\.1")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    first = page.locator(".action-row").first
    expect(first.locator(".outcome-badge")).to_be_focused()
    press_tab_until(page, r"^Ajouter des suivis : action 1\.1")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("textarea[name=lines]")).to_be_focused()
    page.keyboard.type("Rencontre du comité le 3 mars 2020\nBilan présenté à l'exécutif")
    press_tab_until(page, r"^Ajouter$")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(first).to_contain_text("- Rencontre du comité le 3 mars 2020")
    # The keyboard is back on the link it left from, ready for the next one.
    expect(first.get_by_role("link", name=re.compile("^Ajouter des suivis"))).to_be_focused()

    # Onwards: action 1.2's « Modifier », then its badge (focused as its controls come in).
    press_tab_until(page, r"^Modifier : action 1\.2")
    page.keyboard.press("Enter")
    expect(page.locator(".action-row").nth(1).locator(".outcome-badge")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("select[name=outcome]")).to_be_focused()
    for _ in range(5):  # from « À venir » down to the last outcome, « Reportée »
        page.keyboard.press("ArrowDown")
    press_tab_until(page, r"^Enregistrer$")
    page.keyboard.press("Enter")
    second = page.locator(".action-row").nth(1)
    expect(second.locator(".outcome-badge")).to_contain_text("Reportée")
    expect(second.locator(".outcome-badge")).to_be_focused()
    # « Terminer » by keyboard: the keyboard back on the row's « Modifier ».
    press_tab_until(page, r"^Terminer : action 1\.2")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(second.locator("a.row-open")).to_be_focused()
    assert still_there()
    assert Action.objects.filter(orientation__plan=typed_plan,
                                 outcome=Action.Outcome.POSTPONED).count() == 1


def test_the_plan_works_without_javascript(browser, base_url, executif, typed_plan):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="fr-CA")
    tab = context.new_page()
    log_in(tab, base_url, "executif")
    tab.goto(base_url + reverse("plans:detail", args=["ccsne", typed_plan.pk]))
    # « Modifier » leads to the page showing that row's controls.
    tab.get_by_role("link", name=re.compile(r"^Modifier : action 1\.2")).click()
    tab.get_by_role("link", name=re.compile(r"^Ajouter des étapes : action 1\.2")).click()
    tab.locator("textarea[name=lines]").fill("Une étape sans JavaScript (juin 2020)")
    tab.get_by_role("button", name="Ajouter").click()
    expect(tab.get_by_role("table")).to_contain_text("Une étape sans JavaScript (juin 2020)")
    tab.get_by_role("link", name=re.compile("Résultat : À venir")).first.click()
    tab.locator("select[name=outcome]").select_option(Action.Outcome.DONE)
    tab.get_by_role("button", name="Enregistrer").click()
    expect(tab.get_by_role("table").locator(".outcome-badge").first).to_contain_text("Réalisée")
    tab.get_by_role("link", name=re.compile(r"^Terminer : action 1\.2")).click()
    expect(tab.get_by_role("table").locator(".outcome-badge")).to_have_count(0)
    context.close()


MAIN_PAGES = [
    ("dashboard", lambda ids: reverse("dashboard")),
    ("organization", lambda ids: reverse("organization_detail", args=["ccsne"])),
    ("plans", lambda ids: reverse("plans:list", args=["ccsne"])),
    ("plan", lambda ids: reverse("plans:detail", args=["ccsne", ids["plan"]])),
    ("plan-draft", lambda ids: reverse("plans:detail", args=["ccsne", ids["draft"]])),
    ("bilan", lambda ids: reverse("plans:bilan", args=["ccsne", ids["plan"]])),
    ("dossiers", lambda ids: reverse("vpp:dossier_list", args=["ccsne"])),
    ("dossier", lambda ids: reverse("vpp:dossier_detail", args=["ccsne", ids["dossier"]])),
    ("veille", lambda ids: reverse("vpp:veille_list", args=["ccsne"])),
    ("entraide", lambda ids: reverse("entraide:index", args=["ccsne"])),
    ("entraide-plan", lambda ids: reverse("entraide:plan_detail",
                                          args=["ccsne", ids["entraide"]])),
    ("le28", lambda ids: reverse("vpp:le28_list", args=["ccsne"])),
    ("le28-project", lambda ids: reverse("vpp:le28_detail", args=["ccsne", ids["le28"]])),
    ("vpp-structure", lambda ids: reverse("vpp:structure", args=["ccsne"])),
    ("members", lambda ids: reverse("members", args=["ccsne"])),
    ("my-actions", lambda ids: reverse("my_actions")),
    ("preferences", lambda ids: reverse("reminder_preferences")),
]


def test_every_main_page_at_1366_and_390_px(browser, base_url):  # noqa: F811
    """Screenshots of each main page at both widths (ARTIFACTS, not committed); at 390 px
    none is wider than the phone."""
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())
    from entraide.models import EntraidePlan
    from vpp.models import Dossier, LE28Project

    demo = WorkPlan.objects.get(organization__slug="ccsne")
    draft = services.plan_carry_over(plan=demo, title="Plan de travail 2022-2025",
                                     mandate_start=demo.mandate_end.replace(day=1, month=7),
                                     mandate_end=demo.mandate_end.replace(
                                         year=demo.mandate_end.year + 3), with_steps=True)
    ids = {"plan": demo.pk, "draft": draft.pk,
           "entraide": EntraidePlan.objects.filter(organization__slug="ccsne",
                                                   is_template=False).order_by("year")[0].pk,
           "dossier": Dossier.objects.get(organization__slug="ccsne").pk,
           "le28": LE28Project.objects.filter(organization__slug="ccsne").first().pk}
    widths = {}
    for width in (1366, 390):
        context = browser.new_context(locale="fr-CA", viewport={"width": width, "height": 900})
        tab = context.new_page()
        log_in(tab, base_url, "executif", DEMO_PASSWORD)
        for name, path in MAIN_PAGES:
            response = tab.goto(base_url + path(ids))
            assert response.status == 200, name
            screenshot(tab, f"{name}-{width}.png")
            widths[name, width] = tab.evaluate("document.documentElement.scrollWidth")
        context.close()
    assert [name for (name, width), scroll in widths.items() if scroll > width] == []
    assert widths["dossiers", 390] == 390


def test_a_dossier_s_task_is_edited_in_place(browser, base_url):  # noqa: F811
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())
    from vpp.models import Dossier, Task

    dossier = Dossier.objects.get(organization__slug="ccsne")
    context = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 900})
    tab = context.new_page()
    log_in(tab, base_url, "executif", DEMO_PASSWORD)
    tab.goto(base_url + reverse("vpp:dossier_detail", args=["ccsne", dossier.pk]))
    still_there = stays_on_the_page(tab)
    work_plan = tab.locator("#plan")
    work_plan.get_by_role("link", name=re.compile("^Bulletin aux membres")).click()
    expect(work_plan.locator("textarea[name=description]")).to_be_focused()
    work_plan.locator("input[name=who]").fill("Comité de mobilisation")
    screenshot(tab, "dossier-task-form-390.png")
    work_plan.get_by_role("button", name="Enregistrer").click()
    expect(tab.locator("#plan")).to_contain_text("Comité de mobilisation")
    expect(tab.locator("#plan .inline-edit")).to_have_count(0)
    assert still_there()
    assert tab.evaluate("document.documentElement.scrollWidth") == 390
    assert Task.objects.get(dossier=dossier, description__startswith="Bulletin").who == (
        "Comité de mobilisation")
    context.close()
