"""Quantitative targets of seed 004 (« Cible 2019-2022 : un minimum de 30 délégué.es à chaque
AG », « plus de 125 activités ») are indicators with a target and dated measurements,
shown on the plan, in the bilan and in their PDFs."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from plans import services
from plans.models import Indicator, Measurement, WorkPlan
from plans.selectors import plan_indicators
from tests.helpers import page, poppler

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(action):
    """The plan's action without the indicator the plan helpers give it."""
    Indicator.objects.filter(action=action).delete()
    return action


@pytest.fixture
def draft(draft):
    Indicator.objects.filter(action__orientation__plan=draft).delete()
    return draft


def test_an_indicator_is_reached_when_its_latest_measurement_meets_the_target(action):
    indicator = services.indicator_create(action=action, name="délégué.es par AG", target=30)
    assert indicator.reached is None
    services.measurement_create(indicator=indicator, date=datetime.date(2021, 11, 18), value=34)
    services.measurement_create(indicator=indicator, date=datetime.date(2020, 2, 28), value=22)
    (listed,) = plan_indicators(action.orientation.plan)
    assert [m.value for m in listed.measurements.all()] == [22, 34]  # date order
    assert listed.latest.value == 34 and listed.reached is True
    assert listed.action_number == "1.1"
    services.measurement_create(indicator=indicator, date=datetime.date(2022, 4, 28), value=25)
    assert plan_indicators(action.orientation.plan)[0].reached is False


def test_a_measurement_outside_the_mandate_is_refused(action):
    indicator = services.indicator_create(action=action, name="activités", target=None)
    with pytest.raises(ValidationError) as refusal:
        services.measurement_create(indicator=indicator, date=datetime.date(2023, 1, 5), value=3)
    assert "date" in refusal.value.message_dict
    assert Measurement.objects.count() == 0


def test_a_closed_plan_refuses_new_indicators_and_measurements(action):
    indicator = services.indicator_create(action=action, name="activités", target=None)
    WorkPlan.objects.filter(pk=action.orientation.plan_id).update(state=WorkPlan.State.CLOSED)
    with pytest.raises(ValidationError):
        services.indicator_create(action=action, name="autre", target=1)
    with pytest.raises(ValidationError):
        services.measurement_create(indicator=indicator, date=datetime.date(2021, 1, 5), value=3)
    assert (Indicator.objects.count(), Measurement.objects.count()) == (1, 0)


def test_carrying_over_keeps_the_targets_not_the_measurements(action):
    indicator = services.indicator_create(action=action, name="délégué.es par AG", target=30)
    services.measurement_create(indicator=indicator, date=datetime.date(2021, 11, 18), value=34)
    plan = action.orientation.plan
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    new = services.plan_carry_over(plan=plan, title="Plan 2022-2025",
                                   mandate_start=datetime.date(2022, 7, 1),
                                   mandate_end=datetime.date(2025, 6, 30))
    (copy,) = plan_indicators(new)
    assert (copy.name, copy.target, copy.measurements.count()) == ("délégué.es par AG", 30, 0)


@pytest.fixture
def demo_plan():
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())  # idempotent
    return WorkPlan.objects.get(organization__slug="ccsne", title="Plan de travail 2019-2022")


def test_the_demo_has_seed_004_s_two_quantitative_targets(demo_plan):
    assert [(i.action_number, i.name, i.target, [(m.date, m.value) for m in i.measurements.all()])
            for i in plan_indicators(demo_plan)] == [
        ("1.4", "délégué.es à chaque assemblée générale", 30, []),
        ("3.1", "activités différentes sur le terrain", None, [(datetime.date(2022, 6, 30), 125)]),
    ]


def test_the_plan_and_the_bilan_show_the_indicators(client, demo_plan, tmp_path):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre"))
    args = ["ccsne", demo_plan.pk]
    for name in ["plans:detail", "plans:bilan"]:
        text = page(client.get(reverse(name, args=args)))
        assert "Indicateurs" in text and "au moins 30" in text
        assert "30 juin 2022 : 125 (plus de 125)" in text
    for name in ["plans:pdf", "plans:bilan_pdf"]:
        body = " ".join(poppler("pdftotext", client.get(reverse(name, args=args)).content,
                                tmp_path).split())
        assert "Indicateurs" in body and "délégué.es à chaque assemblée générale" in body
        assert "au moins 30" in body and "125 (plus de 125)" in body
        assert "dernier suivi le 18 novembre 2021" in body


def test_the_executif_adds_an_indicator_and_its_measurements_on_the_plan_s_pages(
        login, executif, draft):
    client = login(executif)
    action = draft.orientations.get().actions.get()
    response = client.post(reverse("plans:row_create", args=[draft.organization.slug,
                                                             "indicateur", action.pk]),
                           {"name": "délégué.es par AG", "target": "30"})
    assert response.status_code == 302
    indicator = action.indicators.get(name="délégué.es par AG")
    url = reverse("plans:row_create", args=[draft.organization.slug, "mesure", indicator.pk])
    assert client.post(url, {"date": "2021-11-18", "value": "34"}).status_code == 302
    refused = client.post(url, {"date": "2023-01-05", "value": "40"})
    assert refused.status_code == 200
    assert "Cette date est en dehors du mandat du plan (du 1er juin 2019" in page(refused)
    assert [(m.date, m.value) for m in indicator.measurements.all()] == [
        (datetime.date(2021, 11, 18), 34)]
    text = page(client.get(reverse("plans:detail", args=[draft.organization.slug, draft.pk])))
    assert "18 novembre 2021 : 34" in text and "Ajouter une mesure" in text
