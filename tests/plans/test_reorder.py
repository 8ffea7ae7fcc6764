"""Numbers come from the order: after a move, 1.1, 1.2… are right at once."""

import re

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, Orientation, StatutoryFile, Step
from tests.helpers import at_once, needs_postgresql, page
from tests.plans.helpers import make_plan


@pytest.fixture
def plan(cc):
    return make_plan(cc, actions=3, orientations=2)


def numbered_actions(client, plan):
    text = page(client.get(reverse("plans:detail", args=[plan.organization.slug, plan.pk])))
    return re.findall(r"<strong>(\d+\.\d+)</strong> (Action \d-\d)", text)


def move(client, plan, kind, row, direction):
    url = reverse("plans:row_move", args=[plan.organization.slug, kind, row.pk])
    return client.post(url, {"direction": direction})


def test_moving_an_action_up_renumbers_it_and_its_neighbour(login, executif, plan):
    client = login(executif)
    third = Action.objects.get(what="Action 1-3")
    response = move(client, plan, "action", third, "up")
    assert response.status_code == 302
    assert response.url.endswith(f"#action-{third.pk}")
    assert numbered_actions(client, plan) == [
        ("1.1", "Action 1-1"), ("1.2", "Action 1-3"), ("1.3", "Action 1-2"),
        ("2.1", "Action 2-1"), ("2.2", "Action 2-2"), ("2.3", "Action 2-3"),
    ]


def test_moving_an_orientation_down_renumbers_every_action_in_it(login, executif, plan):
    client = login(executif)
    first = Orientation.objects.filter(plan=plan).order_by("position").first()
    move(client, plan, "orientation", first, "down")
    assert numbered_actions(client, plan) == [
        ("1.1", "Action 2-1"), ("1.2", "Action 2-2"), ("1.3", "Action 2-3"),
        ("2.1", "Action 1-1"), ("2.2", "Action 1-2"), ("2.3", "Action 1-3"),
    ]


def test_deleting_an_action_closes_the_gap_in_the_numbers(login, executif, plan):
    client = login(executif)
    middle = Action.objects.get(what="Action 1-2")
    url = reverse("plans:row_delete", args=[plan.organization.slug, "action", middle.pk])
    assert client.post(url).status_code == 302
    assert numbered_actions(client, plan)[:2] == [("1.1", "Action 1-1"), ("1.2", "Action 1-3")]


def test_moving_the_first_row_up_is_refused_with_a_message(login, executif, plan):
    client = login(executif)
    first = Action.objects.get(what="Action 1-1")
    response = move(client, plan, "action", first, "up")
    assert response.status_code == 302
    assert "Cette ligne est déjà la première." in page(client.get(response.url))
    last = Action.objects.get(what="Action 1-3")
    move(client, plan, "action", last, "down")
    assert numbered_actions(client, plan)[2] == ("1.3", "Action 1-3")


def test_an_unknown_direction_changes_nothing(login, executif, plan):
    client = login(executif)
    second = Action.objects.get(what="Action 1-2")
    move(client, plan, "action", second, "sideways")
    assert numbered_actions(client, plan)[1] == ("1.2", "Action 1-2")


def test_steps_and_list_items_move_within_their_parent(login, executif, plan):
    client = login(executif)
    action = Action.objects.get(what="Action 1-1")
    second_step = action.steps.order_by("position")[1]
    move(client, plan, "etape", second_step, "up")
    assert [s.text for s in action.steps.order_by("position")] == [
        "Mettre sur pied", "Définir le mandat"
    ]
    # The other actions' steps did not move.
    other = Action.objects.get(what="Action 1-2")
    assert [s.text for s in other.steps.order_by("position")] == [
        "Définir le mandat", "Mettre sur pied"
    ]
    services.list_item_create(model=StatutoryFile, plan=plan, name="Fondation")
    fondation = StatutoryFile.objects.get(name="Fondation")
    move(client, plan, "dossier-statutaire", fondation, "up")
    assert [f.name for f in plan.statutory_files.order_by("position")] == [
        "Fondation", "Santé et sécurité"
    ]


def test_a_move_keeps_an_open_edit_form_valid(login, executif, plan):
    """Only positions change: someone editing the neighbour is not told of a conflict."""
    client = login(executif)
    neighbour = Action.objects.get(what="Action 1-1")
    shown = client.get(reverse("plans:row_update", args=[plan.organization.slug, "action",
                                                         neighbour.pk]))
    version = shown.context["form"]["version"].value()
    move(client, plan, "action", Action.objects.get(what="Action 1-2"), "up")
    response = client.post(
        reverse("plans:row_update", args=[plan.organization.slug, "action", neighbour.pk]),
        {"what": "Action 1-1 revue", "outcome": "a_venir", "version": version},
    )
    assert response.status_code == 302
    assert Action.objects.filter(what="Action 1-1 revue").exists()
    assert Step.objects.count() == 12


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_actions_added_at_once_get_distinct_positions(cc):
    """Eight actions added to one orientation at once: the plan is locked for each write,
    so no two share a position."""

    plan = make_plan(cc, actions=1)
    orientation = plan.orientations.get()
    outcomes = at_once([lambda: services.action_create(orientation=orientation, what="x")] * 8)
    done = outcomes.count("done")
    assert set(outcomes) == {"done"}
    positions = list(orientation.actions.values_list("position", flat=True))
    assert len(positions) == 1 + done
    assert len(set(positions)) == len(positions)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_moves_at_once_neither_deadlock_nor_share_a_position(cc):
    """Ten ↑/↓ moves of neighbouring actions at once: each write locks the plan first, so
    they queue instead of deadlocking, and positions stay distinct. A move past an edge is
    refused ("edge")."""

    plan = make_plan(cc, actions=3)
    orientation = plan.orientations.get()
    rows = list(orientation.actions.order_by("position"))
    moves = iter([(rows[i % 3], "up" if i % 2 else "down") for i in range(10)])

    def move():
        row, direction = next(moves)
        services.row_move(row=row, direction=direction)

    outcomes = at_once([move] * 10)
    allowed = {"done", "edge"}
    assert len(outcomes) == 10 and set(outcomes) <= allowed
    positions = list(orientation.actions.values_list("position", flat=True))
    assert sorted(positions) == [0, 1, 2]
