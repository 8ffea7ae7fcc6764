"""A small published plan of the conseil central `cc`, with one row of every kind."""

import datetime

import pytest

from plans import services
from plans.models import Action, Delegation, StatutoryFile, Step, WorkPlan

START, END = datetime.date(2019, 6, 1), datetime.date(2022, 6, 30)


def make_plan(organization, *, title="Plan de travail 2019-2022", state=WorkPlan.State.DRAFT,
              actions=1, orientations=1):
    plan = services.plan_create(
        organization=organization, title=title, mandate_start=START, mandate_end=END
    )
    for o in range(orientations):
        orientation = services.orientation_create(
            plan=plan, statement=f"Le CCSNE développe la solidarité {o + 1}."
        )
        for a in range(actions):
            action = services.action_create(
                orientation=orientation, what=f"Action {o + 1}-{a + 1}", responsible="Denis"
            )
            services.step_create(
                action=action, text="Définir le mandat", when_kind=Step.When.MONTH,
                when_date=datetime.date(2019, 12, 1),
            )
            services.step_create(
                action=action, text="Mettre sur pied", when_kind=Step.When.LABEL,
                when_label="mandat complet",
            )
            services.follow_up_create(action=action, author=None, text="Travail préparatoire")
    services.list_item_create(model=StatutoryFile, plan=plan, name="Santé et sécurité",
                              responsible="Julie")
    services.list_item_create(model=Delegation, plan=plan, name="Centraide")
    WorkPlan.objects.filter(pk=plan.pk).update(state=state)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(cc):
    """Published: members may read it."""
    return make_plan(cc, state=WorkPlan.State.PUBLISHED)


@pytest.fixture
def draft(cc):
    return make_plan(cc, title="Brouillon 2022-2025")


@pytest.fixture
def action(plan):
    return Action.objects.get(orientation__plan=plan)
