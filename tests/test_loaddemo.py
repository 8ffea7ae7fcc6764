import datetime
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from entraide import services as entraide_services
from entraide.models import EntraidePlan, EntraideRow
from plans import services as plans_services
from plans.models import Action, FollowUp, Step, WorkPlan
from unionplans import members, permissions
from unionplans.management.commands.loaddemo import DEMO_PASSWORD
from unionplans.models import DemoRecord, Membership, Organization
from vpp import services as vpp_services
from vpp.models import Dossier, Task, VeilleItem

Role = Membership.Role

MODELS = [Organization, Membership, get_user_model()]


def counts():
    history = [Organization.history.model, Membership.history.model]
    return {model.__name__: model.objects.count() for model in [*MODELS, *history]}


def load():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_loaddemo_twice_creates_nothing_twice():
    load()
    first = counts()
    load()
    assert counts() == first
    assert first["Organization"] == 2
    assert first["User"] == 4


@pytest.mark.django_db
def test_the_demo_people_hold_the_roles_of_the_issue():
    load()
    ccsne = Organization.objects.get(short_name="CCSNE")
    syndicat = Organization.objects.get(parent=ccsne)
    assert ccsne.kind == Organization.Kind.REGIONAL_COUNCIL
    assert syndicat.kind == Organization.Kind.UNION
    memberships = {(m.user.username, m.organization, m.role) for m in Membership.objects.all()}
    assert memberships == {
        ("executif", ccsne, Role.EXECUTIVE),
        ("conseiller", ccsne, Role.ADVISER),
        ("membre", ccsne, Role.MEMBER),
        ("executif2", syndicat, Role.EXECUTIVE),
    }


@pytest.mark.django_db
def test_the_printed_logins_work():
    load()
    for username in ["executif", "conseiller", "membre", "executif2"]:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None
    assert permissions.can_use_admin(get_user_model().objects.get(username="conseiller"))


@pytest.mark.django_db
def test_loaddemo_leaves_a_changed_demo_account_alone_and_reset_restores_it():
    load()
    user = get_user_model().objects.get(username="membre")
    user.set_password("autre-chose-encore")
    user.first_name = "Quelqu'un"
    user.save()
    load()
    user.refresh_from_db()
    assert user.first_name == "Quelqu'un"
    assert authenticate(username="membre", password="autre-chose-encore") is not None
    call_command("loaddemo", allow_production=True, reset=True, interactive=False,
                 stdout=io.StringIO())
    user = get_user_model().objects.get(username="membre")
    assert user.first_name == "Josée"
    assert authenticate(username="membre", password=DEMO_PASSWORD) is not None


def make_run_steps():
    """What `make run` does before serving: migrate, then load the demo."""
    call_command("migrate", interactive=False, verbosity=0)
    load()


@pytest.mark.django_db(transaction=True)
def test_make_run_twice_around_people_s_edits_keeps_every_edit():
    make_run_steps()
    ccsne = Organization.objects.get(slug="ccsne")
    executif = get_user_model().objects.get(username="executif")
    # A dossier's description, through the service the page uses.
    dossier = Dossier.objects.get(organization=ccsne)
    vpp_services.dossier_update(dossier=dossier, description="Notre description.",
                                title="Reprographie (renommé)")
    # The demo plan is closed (the seed's bilan): its next mandate is where people work.
    demo_plan = WorkPlan.objects.get(organization=ccsne)
    next_plan = plans_services.plan_carry_over(
        plan=demo_plan, title="Plan de travail 2022-2025", mandate_start=datetime.date(2022, 6, 1),
        mandate_end=datetime.date(2025, 5, 31), with_steps=True)
    action = Action.objects.filter(orientation__plan=next_plan).order_by("pk").first()
    plans_services.row_update(row=action, what="Notre texte de l'action.")
    deleted_step = Step.objects.filter(action__orientation__plan=next_plan).first()
    plans_services.row_delete(row=deleted_step)
    # A second plan of the same mandate, under the demo's own title.
    twin = plans_services.plan_create(
        organization=ccsne, title=demo_plan.title, mandate_start=demo_plan.mandate_start,
        mandate_end=demo_plan.mandate_end)
    # What only a reopened plan allows: the demo's own rows changed and deleted.
    demo_action = Action.objects.filter(orientation__plan=demo_plan).order_by("pk").first()
    Action.objects.filter(pk=demo_action.pk).update(what="Réécrite.")
    demo_step = Step.objects.filter(action__orientation__plan=demo_plan).order_by("pk").first()
    demo_step.delete()
    # Another entraide plan for the demo's year (a period of its own: allowed).
    template = EntraidePlan.objects.get(builtin_key="annee-1")
    entraide_services.plan_create_from_template(
        template=template, organization=ccsne, year=2025, period_label="Année 1 bis")
    row = EntraideRow.objects.filter(plan__organization=ccsne, plan__year=2025,
                                     position=1).order_by("pk").first()
    entraide_services.row_update(row=row, objective="Notre objectif.")
    # The membre became exécutif; the veille item was deleted.
    membre = Membership.objects.get(user__username="membre")
    members.membership_change(membership=membre, by=executif, role=Role.EXECUTIVE)
    VeilleItem.objects.filter(organization=ccsne).delete()
    before = all_counts()

    make_run_steps()

    assert all_counts() == before
    dossier.refresh_from_db()
    assert (dossier.title, dossier.description) == ("Reprographie (renommé)",
                                                    "Notre description.")
    action.refresh_from_db()
    demo_action.refresh_from_db()
    assert (action.what, demo_action.what) == ("Notre texte de l'action.", "Réécrite.")
    assert not Step.objects.filter(pk__in=[deleted_step.pk, demo_step.pk]).exists()
    assert WorkPlan.objects.filter(pk=twin.pk).exists()
    row.refresh_from_db()
    assert row.objective == "Notre objectif."
    assert Membership.objects.get(user__username="membre").role == Role.EXECUTIVE
    assert not VeilleItem.objects.filter(organization=ccsne).exists()


def all_counts():
    models = [Organization, Membership, get_user_model(), WorkPlan, Action, Step, FollowUp,
              EntraidePlan, EntraideRow, Dossier, Task, VeilleItem, DemoRecord]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_loaddemo_into_a_database_loaded_before_it_kept_records_adds_nothing():
    load()
    DemoRecord.objects.all().delete()
    before = all_counts()
    load()
    assert all_counts() == {**before, "DemoRecord": 7}


@pytest.mark.django_db
def test_reset_starts_over_after_asking(monkeypatch):
    load()
    ccsne = Organization.objects.get(slug="ccsne")
    Dossier.objects.filter(organization=ccsne).update(description="Notre description.")
    fresh = all_counts()
    Step.objects.filter(action__orientation__plan__organization=ccsne).first().delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("loaddemo", allow_production=True, reset=True, stdout=io.StringIO())
    assert Dossier.objects.get(organization=ccsne).description == "Notre description."
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("loaddemo", allow_production=True, reset=True, stdout=io.StringIO())
    assert Dossier.objects.get(organization__slug="ccsne").description.startswith(
        "Projet d'impartition")
    assert all_counts() == fresh


@pytest.mark.django_db
def test_loaddemo_prints_the_logins(capsys):
    call_command("loaddemo", allow_production=True)
    out = capsys.readouterr().out
    for username in ["executif", "conseiller", "membre", "executif2"]:
        assert username in out
    assert DEMO_PASSWORD in out


@pytest.mark.django_db
def test_loaddemo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("loaddemo")
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_loaddemo_copes_with_a_plan_that_people_added_like_the_demo_s(cc_demo_twin):
    """A second « Année 1 » plan for 2025 (the app accepted one before it refused a second
    plan of the same year and period) must not break the next run."""
    load()
    assert EntraidePlan.objects.filter(pk=cc_demo_twin.pk).exists()
    assert EntraidePlan.objects.filter(
        organization__slug="ccsne", year=2025, is_template=False
    ).count() == 2


@pytest.fixture
def cc_demo_twin(db):
    load()
    template = EntraidePlan.objects.get(builtin_key="annee-1")
    organization = Organization.objects.get(slug="ccsne")
    # As a database from before the rule holds it: made with 2024, then moved to 2025.
    twin = entraide_services.plan_create_from_template(
        template=template, organization=organization, year=2024
    )
    EntraidePlan.objects.filter(pk=twin.pk).update(year=2025)
    return twin


@pytest.mark.django_db
def test_the_app_refuses_a_second_plan_of_the_same_year_and_period():
    load()
    template = EntraidePlan.objects.get(builtin_key="annee-1")
    organization = Organization.objects.get(slug="ccsne")
    demo_plan = EntraidePlan.objects.get(organization=organization, year=2025,
                                         is_template=False)
    with pytest.raises(ValidationError) as refused:
        entraide_services.plan_create_from_template(
            template=template, organization=organization, year=2025,
            period_label=demo_plan.period_label.upper(),
        )
    assert refused.value.code == "duplicate_period"
    assert EntraidePlan.objects.filter(organization=organization, year=2025,
                                       is_template=False).count() == 1
