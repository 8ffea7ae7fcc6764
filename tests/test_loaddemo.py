import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from entraide import services as entraide_services
from entraide.models import EntraidePlan
from unionplans import permissions
from unionplans.management.commands.loaddemo import DEMO_PASSWORD
from unionplans.models import Membership, Organization

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
def test_loaddemo_repairs_a_changed_demo_account():
    load()
    user = get_user_model().objects.get(username="membre")
    user.set_password("autre-chose")
    user.first_name = "Quelqu'un"
    user.save()
    load()
    user.refresh_from_db()
    assert user.first_name == "Josée"
    assert authenticate(username="membre", password=DEMO_PASSWORD) is not None


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
