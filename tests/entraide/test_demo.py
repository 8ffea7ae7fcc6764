"""loaddemo brings the Année 1 and Année 2 plans of seed 002 to the demo conseil central."""

import pytest
from django.core.management import call_command

from entraide import seed_002
from entraide.models import EntraidePlan, EntraideRow


def load():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    models = [EntraidePlan, EntraideRow, EntraidePlan.history.model, EntraideRow.history.model]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_demo_has_the_two_plans_of_the_seed_and_reruns_add_nothing():
    load()
    first = counts()
    load()
    assert counts() == first
    plans = EntraidePlan.objects.filter(organization__slug="ccsne", is_template=False)
    assert [p.period_label for p in plans.order_by("year")] == [
        seed_002.YEAR_1["period_label"], seed_002.YEAR_2["period_label"]
    ]
    year_1 = plans.get(period_label=seed_002.YEAR_1["period_label"])
    assert [r.results for r in year_1.rows.order_by("position")] == [
        r["results"] for r in seed_002.YEAR_1["rows"]
    ]
    assert EntraidePlan.objects.filter(is_template=True, organization=None).count() == 3
