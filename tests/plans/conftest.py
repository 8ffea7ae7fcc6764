"""A small published plan of the conseil central `cc`, with one row of every kind."""

import pytest

from plans.models import Action, WorkPlan
from tests.plans.helpers import make_plan


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


@pytest.fixture
def foreign_plan(syndicat):
    """The syndicat's published plan: out of the cc's people's reach."""
    return make_plan(syndicat, title="Plan du SESSE 2019-2022", state=WorkPlan.State.PUBLISHED)
