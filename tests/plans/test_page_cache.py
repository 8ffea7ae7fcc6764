"""The plan page's body (progress, table, lists) is kept rendered under the version of its
PDF (`plans.views.plan_body`, `unionplans.fragments`): a second view reads none of the
plan's rows, and every change of what it shows is on the next view."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, Step, WorkPlan
from tests.plans.helpers import make_plan

ROW_TABLES = ("plans_orientation|plans_action|plans_step|plans_followup|plans_indicator|"
              "plans_measurement|plans_statutoryfile|plans_delegation")


@pytest.fixture
def plan(cc):
    return make_plan(cc, actions=3, state=WorkPlan.State.PUBLISHED)


def page(client, plan) -> str:
    response = client.get(reverse("plans:detail", args=[plan.organization.slug, plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def as_(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows_read(queries) -> list[str]:
    """The queries that select rows of the plan's tables (not the fingerprint, whose
    subqueries only count and sum them)."""
    return [q["sql"] for q in queries if re.match(rf'SELECT "({ROW_TABLES})"\.', q["sql"])]


def masked(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_second_view_reads_no_row_and_shows_the_same_page(executif, plan):
    client = as_(executif)
    with CaptureQueriesContext(connection) as cold:
        first = page(client, plan)
    assert rows_read(cold.captured_queries)  # the first view reads the rows
    with CaptureQueriesContext(connection) as warm:
        second = page(client, plan)
    assert rows_read(warm.captured_queries) == []
    assert len(warm) < len(cold)
    assert masked(second) == masked(first)


def first_action(plan) -> Action:
    return Action.objects.filter(orientation__plan=plan).order_by("position").first()


EDITS = {
    "an action edited": lambda plan, executif: services.row_update(
        row=first_action(plan), what="Une action toute neuve"),
    "a step edited": lambda plan, executif: services.row_update(
        row=Step.objects.filter(action=first_action(plan)).first(), text="Une action toute neuve"),
    "a follow-up added": lambda plan, executif: services.follow_up_create(
        action=first_action(plan), author=executif, text="Une action toute neuve"),
    "an orientation added": lambda plan, executif: services.orientation_create(
        plan=plan, statement="Une action toute neuve"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_every_change_is_on_the_next_view(executif, plan, edit):
    client = as_(executif)
    assert "Une action toute neuve" not in page(client, plan)
    EDITS[edit](plan, executif)
    assert "Une action toute neuve" in page(client, plan)


def test_a_deleted_or_moved_row_is_on_the_next_view(executif, plan):
    client = as_(executif)
    numbers = re.findall(r'id="action-(\d+)"', page(client, plan))
    last = Action.objects.get(pk=numbers[-1])
    services.row_move(row=last, direction="up")
    moved = re.findall(r'id="action-(\d+)"', page(client, plan))
    assert moved == [numbers[0], numbers[2], numbers[1]]
    services.row_delete(row=FollowUp.objects.filter(action=first_action(plan)).first())
    services.row_delete(row=last, by=executif)
    assert re.findall(r'id="action-(\d+)"', page(client, plan)) == [numbers[0], numbers[1]]


def test_the_executif_s_body_is_never_served_to_a_conseiller(executif, conseiller, plan):
    """Both see drafts; only the exécutif edits."""
    assert 'class="row-open"' in page(as_(executif), plan)
    other = page(as_(conseiller), plan)
    assert 'class="row-open"' not in other
    assert "Ajouter une action" not in other


def test_a_member_never_gets_the_body_naming_a_draft(executif, membre, cc):
    """The exécutif's body names the next plan while it is a draft; a membre's never."""
    plan = make_plan(cc, actions=3, state=WorkPlan.State.CLOSED)
    services.plan_carry_over(plan=plan, **services.next_mandate(plan))
    assert "Reprise dans" in page(as_(executif), plan)
    assert "Reprise dans" not in page(as_(membre), plan)


def test_moves_that_come_back_to_an_order_seen_before_show_the_true_order(executif, plan):
    """The fingerprint's order: 2-1-3 and 1-3-2 of three ids give one sum of id × position."""
    client = as_(executif)
    one, two, three = re.findall(r'id="action-(\d+)"', page(client, plan))
    services.row_move(row=Action.objects.get(pk=two), direction="up")
    assert re.findall(r'id="action-(\d+)"', page(client, plan)) == [two, one, three]
    services.row_move(row=Action.objects.get(pk=two), direction="down")
    services.row_move(row=Action.objects.get(pk=three), direction="up")
    assert re.findall(r'id="action-(\d+)"', page(client, plan)) == [one, three, two]


def test_a_renamed_person_is_on_the_next_view(executif, membre, plan):
    client = as_(executif)
    step = Step.objects.filter(action=first_action(plan)).first()
    services.row_update(row=step, responsible_user=membre)
    assert "Josée Côté" in page(client, plan)
    membre.first_name = "Josette"
    membre.save()
    assert "Josette Côté" in page(client, plan)


def test_a_step_falls_overdue_at_midnight_on_a_cached_page(executif, plan):
    """The steps are due in December 2019 (`make_plan`): « en retard » from January on."""
    client = as_(executif)
    with time_machine.travel(datetime.datetime(2019, 12, 31, 22, tzinfo=datetime.UTC)):
        assert "en retard" not in page(client, plan)
        assert "en retard" not in page(client, plan)
    with time_machine.travel(datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC)):
        assert "en retard" in page(client, plan)


def test_a_row_open_for_editing_is_rendered_with_its_controls(executif, plan):
    client = as_(executif)
    page(client, plan)  # the body is cached without controls
    action = first_action(plan)
    response = client.get(reverse("plans:detail", args=[plan.organization.slug, plan.pk]),
                          {"edit": action.pk})
    assert "Ajouter des étapes" in response.content.decode()
    assert "Ajouter des étapes" not in page(client, plan)  # closed again on a plain view


def test_an_action_deleted_in_the_previous_plan_leaves_no_link_to_it(executif, cc):
    """Deleting it empties the next plan's « Reprise de » by an UPDATE of that plan's
    actions which moves none of their fields the fingerprint reads, but its count."""
    previous = make_plan(cc, actions=1, state=WorkPlan.State.CLOSED)
    plan = services.plan_carry_over(plan=previous, **services.next_mandate(previous))
    services.plan_reopen(plan=previous, reason="Une action à retirer", by=executif)
    client = as_(executif)
    assert "Reprise de" in page(client, plan)
    services.row_delete(row=first_action(previous), by=executif)
    assert "Reprise de" not in page(client, plan)
