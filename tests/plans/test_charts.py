"""Progress and outcomes as SVG charts made on the server (plans.charts): on the plan's
page, its bilan and the bilan's PDF, each with its numbers written beside it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import charts, services
from plans.models import Action, WorkPlan
from plans.selectors import Progress, plan_bilan, plan_tree
from tests.helpers import page, poppler
from tests.plans.helpers import make_plan


def progress(**counts) -> Progress:
    return Progress(counts=dict(counts))


def test_segments_stack_in_the_order_of_the_outcomes_and_fill_the_bar():
    found = charts.segments(progress(reportee=1, realisee=2, en_cours=1))
    assert [s.outcome for s in found] == ["en_cours", "realisee", "reportee"]
    assert [(s.x, s.width) for s in found] == [(0, 25), (25, 50), (75, 25)]
    assert charts.segments(Progress()) == []


def test_outcome_bars_are_measured_against_the_longest(cc):
    plan = make_plan(cc, actions=3)
    first, *_rest = Action.objects.filter(orientation__plan=plan).order_by("position")
    services.row_update(row=first, outcome=Action.Outcome.DONE)
    bars = {bar.outcome: bar for bar in charts.outcome_bars(plan_bilan(plan_tree(plan)))}
    assert (bars["a_venir"].count, bars["a_venir"].width) == (2, 100)
    assert (bars["realisee"].count, bars["realisee"].width) == (1, 50)
    assert bars["reportee"].width == 0


def test_the_bilan_page_draws_both_charts_with_their_numbers(login, executif, cc):
    plan = make_plan(cc, orientations=2, actions=2, state=WorkPlan.State.PUBLISHED)
    action = Action.objects.filter(orientation__plan=plan).first()
    services.row_update(row=action, outcome=Action.Outcome.DONE)
    text = page(login(executif).get(reverse("plans:bilan", args=["ccsne", plan.pk])))
    assert "<script" not in text.split("<main", 1)[1].split("</main>")[0]
    assert "Progression par orientation" in text and "Actions par résultat" in text
    assert 'fill="#198754"' in text  # « Réalisée » drawn
    # Orientation 1: « à venir » then « réalisée », half the bar each.
    assert re.search(r'<rect x="50(\.0)?" y="0" width="50(\.0)?" height="8" fill="#198754"/>', text)
    assert "Réalisées : 1 sur 2 (50 %)" in text  # orientation 1, beside its bar
    assert "Réalisées : 0 sur 2 (0 %)" in text  # orientation 2


def test_the_plan_page_shows_a_bar_per_orientation(login, membre, cc):
    plan = make_plan(cc, orientations=3, state=WorkPlan.State.PUBLISHED)
    text = page(login(membre).get(reverse("plans:detail", args=["ccsne", plan.pk])))
    assert text.count('class="chart-bar-svg"') == 4  # the plan's, and one per orientation
    assert text.count('aria-label="Réalisées : 0 sur 1 (0 %)"') == 3


@pytest.mark.django_db
def test_the_demo_bilan_pdf_prints_the_charts_and_their_numbers(client, tmp_path):
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre"))
    plan = WorkPlan.objects.get()
    response = client.get(reverse("plans:bilan_pdf", args=["ccsne", plan.pk]))
    text = re.sub(r"\s+", " ", poppler("pdftotext", response.content, tmp_path))
    assert "Progression par orientation" in text
    assert "Réalisées : 3 sur 4 (75 %)" in text  # orientation 1 of seed 004
    assert "Dossier spécial" in text
    assert re.search(r"Réalisée 8 ", text)  # the bar of « Réalisée », its count beside it


@pytest.mark.django_db
def test_no_orientation_heading_is_left_alone_at_the_foot_of_a_page(client, tmp_path):
    """The demo's plan carried over (with its steps): « 3. » fell alone at the foot of page
    1. Each page's last line of text before its footer is never an orientation's."""
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    closed = WorkPlan.objects.get()
    plan = services.plan_carry_over(plan=closed, with_steps=True,
                                    **services.next_mandate(closed))
    client.force_login(get_user_model().objects.get(username="executif"))
    headings = [re.sub(r"\s+", " ", f"{o.number}. {o.statement}" if o.numbered else o.title)[:40]
                for o in plan_tree(plan)]
    pdf = client.get(reverse("plans:pdf", args=["ccsne", plan.pk])).content
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf, tmp_path))[1])
    assert pages >= 2
    for number in range(1, pages + 1):
        lines = [line.strip() for line in poppler(
            "pdftotext", pdf, tmp_path, "-layout", "-f", str(number), "-l", str(number)
        ).splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Imprimé le")]
        last = re.sub(r"\s+", " ", body[-1])
        assert not any(last.startswith(heading[:25]) for heading in headings), (number, last)
