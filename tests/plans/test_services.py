"""The plan rules at the service level, where the admin, the demo and imports meet them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.models import Action, Delegation, FollowUp, Orientation, Step, WorkPlan
from unionplans.services import version_of

from .conftest import make_plan


@pytest.fixture
def closed(cc):
    plan = make_plan(cc)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    plan.refresh_from_db()
    return plan


def every_write(plan):
    """Each write a service offers on a plan's content, as a callable."""
    orientation = Orientation.objects.get(plan=plan)
    action = Action.objects.get(orientation=orientation)
    step = Step.objects.filter(action=action).first()
    follow_up = FollowUp.objects.get(action=action)
    delegation = Delegation.objects.get(plan=plan)
    return {
        "plan_update": lambda: services.plan_update(plan=plan, title="Autre"),
        "plan_delete": lambda: services.plan_delete(plan=plan),
        "orientation_create": lambda: services.orientation_create(plan=plan, statement="x"),
        "action_create": lambda: services.action_create(orientation=orientation, what="x"),
        "step_create": lambda: services.step_create(action=action, text="x"),
        "follow_up_create": lambda: services.follow_up_create(action=action, author=None,
                                                              text="x"),
        "list_item_create": lambda: services.list_item_create(model=Delegation, plan=plan,
                                                              name="x"),
        "row_update": lambda: services.row_update(row=action, what="Changé"),
        "row_update_follow_up": lambda: services.row_update(row=follow_up, text="Changé"),
        "row_delete": lambda: services.row_delete(row=delegation),
        "row_move": lambda: services.row_move(row=step, direction="down"),
    }


@pytest.mark.parametrize("write", [
    "plan_update", "plan_delete", "orientation_create", "action_create", "step_create",
    "follow_up_create", "list_item_create", "row_update", "row_update_follow_up",
    "row_delete", "row_move",
])
def test_every_write_to_a_closed_plan_is_refused_by_the_service(closed, write):
    before = (WorkPlan.objects.count(), Orientation.objects.count(), Action.objects.count(),
              Step.objects.count(), FollowUp.objects.count(), Delegation.objects.count(),
              list(Action.objects.values_list("what", flat=True)),
              list(Step.objects.order_by("pk").values_list("position", flat=True)))
    with pytest.raises(ValidationError) as error:
        every_write(closed)[write]()
    assert error.value.code == "closed"
    after = (WorkPlan.objects.count(), Orientation.objects.count(), Action.objects.count(),
             Step.objects.count(), FollowUp.objects.count(), Delegation.objects.count(),
             list(Action.objects.values_list("what", flat=True)),
             list(Step.objects.order_by("pk").values_list("position", flat=True)))
    assert after == before


def test_the_same_writes_pass_on_a_published_plan(plan):
    writes = every_write(plan)
    writes["row_update"]()
    writes["row_move"]()
    writes["follow_up_create"]()
    assert Action.objects.get(orientation__plan=plan).what == "Changé"


def test_the_next_mandate_is_as_long_and_starts_as_this_one_ends(cc):
    plan = services.plan_create(organization=cc, title="Plan de travail 2019-2022",
                                mandate_start=datetime.date(2019, 6, 1),
                                mandate_end=datetime.date(2022, 6, 30))
    assert services.next_mandate(plan) == {
        "title": "Plan de travail 2022-2025",
        "mandate_start": datetime.date(2022, 6, 30),
        "mandate_end": datetime.date(2025, 6, 30),
    }


def test_an_update_writes_only_its_fields_not_a_stale_state(plan):
    """An edit form loaded before a transition must not put the old state back."""
    stale = WorkPlan.objects.get(pk=plan.pk)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    stale_action = Action.objects.get(orientation__plan=plan)
    Action.objects.filter(pk=stale_action.pk).update(position=7)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.PUBLISHED)
    services.row_update(row=stale_action, what="Nouveau libellé")
    assert Action.objects.get(pk=stale_action.pk).position == 7
    stale.state = WorkPlan.State.DRAFT  # what an old copy of the row says
    services.plan_update(plan=stale, title="Nouveau titre")
    stored = WorkPlan.objects.get(pk=plan.pk)
    assert (stored.title, stored.state) == ("Nouveau titre", WorkPlan.State.PUBLISHED)


def test_an_update_from_an_old_version_is_refused_and_changes_nothing(plan):
    action = Action.objects.get(orientation__plan=plan)
    shown = version_of(action)
    services.row_update(row=action, version=shown, what="Première modification")
    with pytest.raises(ValidationError) as error:
        services.row_update(row=Action.objects.get(pk=action.pk), version=shown,
                            what="Seconde, depuis la même page")
    assert error.value.code == "edit_conflict"
    assert Action.objects.get(pk=action.pk).what == "Première modification"
