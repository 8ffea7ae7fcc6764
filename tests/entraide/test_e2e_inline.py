"""End to end in Chromium: an entraide plan's rows edited where they are read (htmx), by
mouse, by keyboard alone and without JavaScript; the clicks, submissions and page loads
that typing the demo's rows (seed 002, Année 1 and Année 2) takes before and after; the
plan page and the dossier list at 390 px (screenshots in ARTIFACTS, not committed)."""

import re

import pytest
from django.urls import reverse

from entraide import seed_002, services
from entraide.models import EntraidePlan, EntraideRow
from tests.test_e2e import (  # noqa: F401 (fixtures)
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

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from playwright.sync_api import expect  # noqa: E402 (after test_e2e's skip for a missing browser)

State = EntraideRow.State
# The demo's rows: seed 002's Année 1 (with the demo's states) and Année 2.
YEAR_1_STATES = [State.DONE, State.DONE, State.IN_PROGRESS, State.IN_PROGRESS, State.TODO,
                 State.TODO]
DEMO = [(seed_002.YEAR_1, 2025, YEAR_1_STATES),
        (seed_002.YEAR_2, 2026, [State.TODO] * len(seed_002.YEAR_2["rows"]))]


def blank_plan(cc, year, data):
    blank = next(t for t in services.builtin_templates_ensure() if t.builtin_key == "vierge")
    return services.plan_create_from_template(template=blank, organization=cc, year=year,
                                              period_label=data["period_label"])


def plan_url(plan):
    return reverse("entraide:plan_detail", args=[plan.organization.slug, plan.pk])


class Counter:
    """The clicks a test makes, and the form submissions and page loads they cause."""

    def __init__(self, tab):
        self.clicks, self.posts, self.loads = 0, [], []
        tab.on("request", lambda r: self.posts.append(r.url) if r.method == "POST" else None)
        tab.on("framenavigated",
               lambda frame: self.loads.append(frame.url) if frame == tab.main_frame else None)

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def totals(self):
        return {"clicks": self.clicks, "submissions": len(self.posts),
                "page loads": len(self.loads)}


LIST_LABELS = {"results": "Résultats attendus", "means": "Moyens / actions / activités",
               "resources": "Ressources requises", "responsibles": "Responsables",
               "schedule": "Échéancier"}


STATE_LABELS = {State.TODO: "À faire", State.IN_PROGRESS: "En cours", State.DONE: "Fait"}


def fill_row(form, row):
    """Type a seed row into a row form (each of the demo's cells has at most one item)."""
    form.get_by_label("Objectif").fill(row["objective"])
    for name in seed_002.LIST_CELLS:
        for item in row.get(name, []):
            group = form.get_by_role("group", name=LIST_LABELS[name], exact=True)
            group.get_by_role("textbox").last.fill(item)


def assert_typed_as_the_demo(plans):
    for (data, _year, states), plan in zip(DEMO, plans, strict=True):
        rows = list(plan.rows.order_by("position"))
        # A browser sends a textarea's line breaks as CRLF.
        assert [(r.objective.replace("\r\n", "\n"), r.results, r.means, r.resources,
                 r.schedule, r.state) for r in rows] == [
            (row["objective"], row.get("results", []), row.get("means", []),
             row.get("resources", []), row.get("schedule", []), state)
            for row, state in zip(data["rows"], states, strict=True)]


def test_typing_the_demo_s_rows_before_and_after(browser, base_url, cc, executif):  # noqa: F811
    measured = {}
    for flow, javascript in (("before", False), ("after", True)):
        plans = [blank_plan(cc, year + (10 if javascript else 0), data)
                 for data, year, _states in DEMO]
        context = browser.new_context(java_script_enabled=javascript, locale="fr-CA",
                                      viewport={"width": 1366, "height": 900})
        tab = context.new_page()
        log_in(tab, base_url, "executif")
        counter = Counter(tab)
        for (data, _year, states), plan in zip(DEMO, plans, strict=True):
            tab.goto(base_url + plan_url(plan))
            counter.loads.pop()  # opening the plan is not typing it
            if javascript:
                # One click opens the add form; after each row it comes back open, empty.
                counter.click(tab.get_by_role("link", name="Ajouter une ligne"))
                for row in data["rows"]:
                    form = tab.locator("#add-row-form")
                    expect(form.get_by_label("Objectif")).to_be_focused()
                    fill_row(form, row)
                    count = tab.locator("#plan-rows tbody tr[id]").count()
                    counter.click(form.get_by_role("button", name="Ajouter la ligne"))
                    expect(tab.locator("#plan-rows tbody tr[id]")).to_have_count(count + 1)
            else:
                # The row's own page, then back to the plan: as every row was typed before.
                for row in data["rows"]:
                    counter.click(tab.get_by_role("link", name="Ajouter une ligne"))
                    fill_row(tab.locator("main form"), row)
                    counter.click(tab.get_by_role("button", name="Enregistrer"))
                    expect(tab.get_by_role("alert")).to_contain_text("La ligne a été ajoutée.")
            # A new row is « À faire »: the others' states, from the badge (after) or from
            # the row's page (before).
            for number, state in enumerate(states, start=1):
                if state == State.TODO:
                    continue
                row = tab.locator("#plan-rows tbody tr[id]").nth(number - 1)
                if javascript:
                    counter.click(row.get_by_role("link", name=f"État de la ligne {number} : "
                                                              "À faire"))
                    counter.click(row.get_by_role("button", name=STATE_LABELS[state],
                                                  exact=True))
                    expect(row.locator(".state-badge")).to_contain_text(STATE_LABELS[state])
                else:
                    counter.click(row.get_by_role("link", name=f"Modifier la ligne {number}"))
                    counter.click(tab.get_by_role("button", name=STATE_LABELS[state],
                                                  exact=True))
                    expect(tab.locator("#plan-rows tbody tr[id]").nth(number - 1)
                           ).to_contain_text(STATE_LABELS[state])
        measured[flow] = counter.totals()
        context.close()
        assert_typed_as_the_demo([EntraidePlan.objects.get(pk=p.pk) for p in plans])

    rows = sum(len(data["rows"]) for data, _year, _states in DEMO)
    started = sum(state != State.TODO for _data, _year, states in DEMO for state in states)
    assert (rows, started) == (9, 4)
    assert measured == {
        # Each row: its page, then back; each state: the row's page, then back.
        "before": {"clicks": 2 * rows + 2 * started, "submissions": rows + started,
                   "page loads": 2 * rows + 2 * started},
        # One click opens the add form of each plan; each state: its badge, its button.
        "after": {"clicks": len(DEMO) + rows + 2 * started, "submissions": rows + started,
                  "page loads": 0},
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "entraide-demo-rows.txt").write_text(
        "Typing the demo's entraide rows (9 rows, 4 of them started, 2 plans):\n"
        + "".join(f"  {flow}: {totals}\n" for flow, totals in measured.items()))


@pytest.fixture
def plan(cc, executif):
    """The CCSNE's Année 1 plan of seed 002, as the demo has it."""
    template = next(t for t in services.builtin_templates_ensure()
                    if t.builtin_key == "annee-1")
    return services.plan_create_from_template(template=template, organization=cc, year=2025)


def test_rows_are_edited_added_and_moved_on_in_place(page, base_url, broken_responses,  # noqa: F811
                                                     plan):
    log_in(page, base_url, "executif")
    page.goto(base_url + plan_url(plan))
    still_there = stays_on_the_page(page)
    rows = page.locator("#plan-rows tbody tr")
    second = rows.nth(1)

    page.get_by_role("link", name="Modifier la ligne 2").click()
    expect(second.get_by_label("Objectif")).to_be_focused()
    screenshot(page, "entraide-inline-form-1366.png")
    # The form sits beside row 1's merged objective and does not widen the table.
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    second.get_by_role("group", name="Échéancier").get_by_role("textbox").first.fill("Mars 2025")
    second.get_by_role("button", name="Enregistrer").click()
    expect(second).to_contain_text("Mars 2025")
    expect(second.locator("form")).to_have_count(0)
    expect(second.get_by_role("link", name="Modifier la ligne 2")).to_be_focused()

    # The state from its badge: one click to open, one to choose.
    third = rows.nth(2)
    third.get_by_role("link", name=re.compile("État de la ligne 3 : À faire")).click()
    third.get_by_role("button", name="En cours").click()
    expect(third.locator(".state-badge")).to_contain_text("En cours")

    # An objective filled in: the merged cells are laid out again.
    page.get_by_role("link", name="Modifier la ligne 4").click()
    rows.nth(3).get_by_label("Objectif").fill("Recruter")
    rows.nth(3).get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#plan-rows td[rowspan='3']")).to_have_text(
        ["Mise sur pied d'un Comité d'entraide", "Recruter"])

    # A row added below the table; its form comes back open for the next one.
    page.get_by_role("link", name="Ajouter une ligne").click()
    form = page.locator("#add-row-form")
    # htmx puts the cursor in the first field once the form is in: typing starts after.
    expect(form.get_by_label("Objectif")).to_be_focused()
    form.get_by_role("group", name="Résultats attendus").get_by_role("textbox").first.fill(
        "7. Faire le bilan de l'année")
    form.get_by_role("button", name="Ajouter la ligne").click()
    expect(rows).to_have_count(7)
    expect(page.locator("#rows").get_by_role("status")).to_have_text("La ligne a été ajoutée.")
    expect(page.locator("#add-row-form").get_by_label("Objectif")).to_be_focused()
    page.locator("#add-row-form").get_by_role("link", name="Fermer").click()
    expect(page.locator("#add-row-form")).to_have_count(0)
    assert still_there()
    assert broken_responses == []

    # A stale save gets the French conflict message in place, with what was typed.
    page.get_by_role("link", name="Modifier la ligne 5").click()
    fifth = rows.nth(4)
    expect(fifth.get_by_label("Objectif")).to_be_focused()
    fifth.get_by_role("group", name="Échéancier").get_by_role("textbox").first.fill("Octobre")
    services.row_update(row=plan.rows.get(position=5), **{"schedule": ["Novembre"]})
    fifth.get_by_role("button", name="Enregistrer").click()
    expect(fifth.get_by_role("alert")).to_contain_text("Quelqu'un d'autre a modifié")
    expect(fifth.get_by_role("group", name="Échéancier").get_by_role("textbox").first
           ).to_have_value("Octobre")
    assert [r.split(" ")[0] for r in broken_responses] == ["409"]
    fifth.get_by_role("link", name="Annuler").click()
    expect(fifth).to_contain_text("Novembre")
    assert still_there()

    saved = EntraidePlan.objects.get(pk=plan.pk).rows.order_by("position")
    assert [r.schedule for r in saved][1] == ["Mars 2025"]
    assert [r.state for r in saved][2] == State.IN_PROGRESS
    assert [r.objective for r in saved][3] == "Recruter"
    assert [r.results for r in saved][6] == ["7. Faire le bilan de l'année"]


def press_tab_until(tab, pattern: str, limit: int = 200) -> None:
    """Tab (keyboard only) until the focused element's value (a box), name or text
    matches `pattern`."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        text = tab.evaluate("""(e => (e.matches('input, textarea') ? e.value
            : e.getAttribute('aria-label') || e.textContent) || '')(document.activeElement)""")
        if re.search(pattern, " ".join(text.split())):
            return
    raise AssertionError(f"no focusable element reads {pattern!r}")


def assert_focus_is_visible(tab) -> None:
    style = tab.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth]; })()""")
    assert style == ["solid", "3px"], style


def test_the_rows_are_edited_by_keyboard_alone(page, base_url, plan):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + plan_url(plan))
    still_there = stays_on_the_page(page)
    press_tab_until(page, r"^Modifier la ligne 2$")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    second = page.locator("#plan-rows tbody tr").nth(1)
    expect(second.get_by_label("Objectif")).to_be_focused()
    press_tab_until(page, r"^Mars$")  # through the lists, to the schedule's item
    page.keyboard.press("Control+a")
    page.keyboard.type("Avril")
    press_tab_until(page, r"^Enregistrer$")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(second).to_contain_text("Avril")
    # The keyboard is back on the link it left from.
    expect(second.get_by_role("link", name="Modifier la ligne 2")).to_be_focused()

    # Onwards: the next row's state, from its badge.
    press_tab_until(page, r"^État de la ligne 3 : À faire")
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    third = page.locator("#plan-rows tbody tr").nth(2)
    expect(third.get_by_role("button", name="À faire")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(third.get_by_role("button", name="Fait")).to_be_focused()
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(third.locator(".state-badge")).to_contain_text("Fait")
    expect(third.locator(".state-badge")).to_be_focused()
    assert still_there()
    rows = EntraidePlan.objects.get(pk=plan.pk).rows.order_by("position")
    assert (rows[1].schedule, rows[2].state) == (["Avril"], State.DONE)


def test_the_rows_work_without_javascript(browser, base_url, plan):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="fr-CA")
    tab = context.new_page()
    log_in(tab, base_url, "executif")
    tab.goto(base_url + plan_url(plan))
    tab.get_by_role("link", name="Modifier la ligne 1").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Modifier la ligne")
    tab.get_by_role("group", name="Échéancier").get_by_role("textbox").first.fill("Janvier")
    tab.get_by_role("button", name="Enregistrer").click()
    expect(tab.locator("#plan-rows")).to_contain_text("Janvier")
    tab.get_by_role("link", name=re.compile("État de la ligne 2 : À faire")).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("État de la ligne")
    tab.get_by_role("button", name="En cours").click()
    expect(tab.locator("#plan-rows tbody tr").nth(1).locator(".state-badge")).to_contain_text(
        "En cours")
    context.close()
    assert EntraidePlan.objects.get(pk=plan.pk).rows.get(position=2).state == State.IN_PROGRESS


def test_the_plan_reads_as_cards_at_390_px_and_its_form_fits(browser, base_url, plan):  # noqa: F811
    context = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 900})
    tab = context.new_page()
    log_in(tab, base_url, "executif")
    tab.goto(base_url + plan_url(plan))
    first = tab.locator("#plan-rows tbody tr").first
    # A card: each cell under its column's name, one below the other.
    assert first.locator("td").first.evaluate(
        "td => getComputedStyle(td, '::before').content") == '"Objectif"'
    boxes = [cell.bounding_box() for cell in first.locator("td:visible").all()]
    assert len(boxes) == 6  # the empty Responsables cell is left out
    assert all(box["width"] > 300 for box in boxes)
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
    assert tab.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(tab, "entraide-plan-390.png")
    tab.get_by_role("link", name="Modifier la ligne 1").click()
    expect(first.get_by_label("Objectif")).to_be_focused()
    assert tab.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(tab, "entraide-inline-form-390.png")
    tab.goto(base_url + reverse("vpp:dossier_list", args=[plan.organization.slug]))
    assert tab.evaluate("document.documentElement.scrollWidth") == 390
    context.close()
