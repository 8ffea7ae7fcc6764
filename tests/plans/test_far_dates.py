"""Mandate dates stay within LATEST_YEAR, and a plan stored with a far mandate (before that
rule) still gets a carry-over page: 200 with a message, never a 500."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from plans import services
from plans.forms import WorkPlanForm
from plans.models import WorkPlan
from tests.plans.helpers import make_plan

NO_PROPOSAL = ("This plan's mandate ends too far off for the next one's dates to be proposed: "
               "enter them.")


@pytest.fixture
def far_plan(cc):
    plan = make_plan(cc)
    WorkPlan.objects.filter(pk=plan.pk).update(
        state=WorkPlan.State.CLOSED, mandate_start=datetime.date(9996, 7, 1),
        mandate_end=datetime.date(9999, 6, 30),
    )
    plan.refresh_from_db()
    return plan


def carry_over_url(plan):
    return reverse("plans:carry_over", args=[plan.organization.slug, plan.pk])


def test_next_mandate_proposes_nothing_past_the_latest_year(far_plan):
    assert services.next_mandate(far_plan) == {}


def test_the_carry_over_page_of_a_far_mandate_answers_with_a_message(login, executif, far_plan):
    response = login(executif).get(carry_over_url(far_plan))
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [_(NO_PROPOSAL)]


def test_a_far_next_mandate_is_a_form_error(login, executif, far_plan):
    response = login(executif).post(carry_over_url(far_plan), {
        "title": "Plan", "mandate_start": "9999-07-01", "mandate_end": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["form"].has_error("mandate_start", "too_far")
    assert response.context["form"].has_error("mandate_end", "too_far")
    assert WorkPlan.objects.count() == 1


def test_the_model_refuses_mandate_dates_past_the_latest_year(cc):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(organization=cc, title="Plan", mandate_start=datetime.date(2099, 7, 1),
                             mandate_end=datetime.date(2101, 6, 30))
    assert list(refused.value.error_dict) == ["mandate_end"]
    assert not WorkPlan.objects.exists()


def test_the_plan_form_refuses_mandate_dates_past_the_latest_year(cc):
    plan = make_plan(cc)
    form = WorkPlanForm({"title": plan.title, "mandate_start": "2019-06-01",
                         "mandate_end": "2101-06-30", "version": form_version(plan)},
                        instance=plan)
    assert form.has_error("mandate_end", "too_far")


def form_version(plan):
    return WorkPlanForm(instance=plan)["version"].value()
