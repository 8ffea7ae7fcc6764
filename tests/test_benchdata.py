"""`manage.py benchdata`: the counts asked, rows the services accept, the same data for the
same seed, and a database holding other data refused unless --force."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from entraide.models import EntraidePlan, EntraideRow
from plans.models import Action, FollowUp, Orientation, Step, WorkPlan
from unionplans.models import Membership, Organization
from vpp.models import Deadline, Dossier, DossierEvent, Task, VeilleItem
from vpp.services import dossier_links_check

SMALL = {"organizations": 3, "plans": 4, "actions": 5, "dossiers": 7, "veille": 6,
         "entraide_rows": 8, "seed": 17, "verbosity": 0}
MADE = [Organization, Membership, WorkPlan, Orientation, Action, Step, FollowUp, Dossier,
        DossierEvent, Deadline, Task, VeilleItem, EntraidePlan, EntraideRow]
# Fields that differ from run to run whatever the seed: keys, clocks, salted hashes.
VOLATILE = {"id", "created_at", "updated_at", "at", "password", "last_login", "date_joined"}


def snapshot() -> dict:
    return {model.__name__: [
        {k: v for k, v in row.items() if k not in VOLATILE and not k.endswith("_id")}
        for row in model.objects.order_by("pk").values()]
        for model in [*MADE, get_user_model()]}


@pytest.mark.django_db
def test_a_small_run_makes_the_counts_asked():
    call_command("benchdata", **SMALL)
    assert Organization.objects.count() == 3
    assert sorted(Membership.objects.values_list("role", flat=True)) == sorted(
        [Membership.Role.EXECUTIVE, Membership.Role.MEMBER, Membership.Role.ADVISER] * 3)
    assert WorkPlan.objects.count() == 4
    assert Action.objects.count() == 4 * 5
    assert Dossier.objects.count() == 7
    assert DossierEvent.objects.count() == 7
    assert VeilleItem.objects.count() == 6
    assert EntraidePlan.objects.filter(is_template=False).count() == 3
    assert EntraideRow.objects.filter(plan__is_template=False).count() == 8


@pytest.mark.django_db
def test_the_rows_pass_the_models_and_the_services_validation():
    call_command("benchdata", **SMALL)
    for model in MADE:
        for row in model.objects.order_by("pk")[:10]:
            row.full_clean()
    for dossier in Dossier.objects.all():
        dossier_links_check(organization=dossier.organization, conseiller=dossier.conseiller,
                            direction_people=list(dossier.direction_people.all()),
                            terrain_people=list(dossier.terrain_people.all()),
                            veille_items=list(dossier.veille_items.all()), dossier=dossier)


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_data():
    made = []
    for _run in range(2):
        with transaction.atomic():
            call_command("benchdata", **SMALL)
            made.append(snapshot())
            transaction.set_rollback(True)
    assert made[0] == made[1]
    assert made[0]["Action"]


@pytest.mark.django_db
def test_another_seed_makes_other_data():
    made = []
    for seed in (1, 2):
        with transaction.atomic():
            call_command("benchdata", **{**SMALL, "seed": seed})
            made.append(snapshot())
            transaction.set_rollback(True)
    assert made[0]["Action"] != made[1]["Action"]


@pytest.mark.django_db
def test_a_database_with_other_data_is_refused_unless_forced(cc):
    with pytest.raises(CommandError, match="--force"):
        call_command("benchdata", **SMALL)
    assert list(Organization.objects.all()) == [cc]
    assert not WorkPlan.objects.exists()
    call_command("benchdata", force=True, **SMALL)
    assert Organization.objects.count() == 4


@pytest.mark.django_db
def test_a_second_run_adds_organisations_after_the_first():
    call_command("benchdata", **SMALL)
    call_command("benchdata", **SMALL)
    assert Organization.objects.filter(slug="bench-006").exists()
    assert Organization.objects.count() == 6


def test_each_apps_generator_is_found_through_the_registry():
    from unionplans import benchdata

    names = [module.__name__ for module in benchdata.app_modules()]
    assert names == ["plans.benchdata", "vpp.benchdata", "entraide.benchdata"]
