"""People, not strings: QUI of actions and steps, the people of a dossier and an entraide
row's responsables are picked among the organization's active members; services refuse
anyone else; pages and PDFs show the person's name."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from entraide import services as entraide_services
from entraide.forms import RowForm
from plans import services as plan_services
from plans.forms import ActionForm, StepForm
from plans.models import Action, Step, WorkPlan
from tests.helpers import Role, make_person, page, poppler
from tests.plans.helpers import make_plan
from unionplans.people import people_of, printed_who, who
from vpp import services as vpp_services
from vpp.forms import DossierForm
from vpp.models import Dossier


@pytest.fixture
def former(cc):
    """Was a membre of the CCSNE: the membership is inactive."""
    user = make_person("ancienne", cc, Role.MEMBER, first_name="Alice", last_name="Ancienne")
    user.memberships.update(is_active=False)
    return user


@pytest.fixture
def people(executif, conseiller, membre, executif2, former, outsider):
    return {"executif": executif, "conseiller": conseiller, "membre": membre,
            "executif2": executif2, "former": former, "outsider": outsider}


@pytest.fixture
def plan(cc):
    return make_plan(cc, state=WorkPlan.State.PUBLISHED)


@pytest.fixture
def action(plan):
    return Action.objects.get(orientation__plan=plan)


@pytest.fixture
def entraide_plan(cc, db):
    templates = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}
    return entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025
    )


def usernames(queryset):
    return list(queryset.values_list("username", flat=True))


CCSNE_ACTIVE = ["conseiller", "membre", "executif"]  # Bélanger, Côté, Gagnon


# The one helper


def test_people_of_are_the_active_members_by_name(cc, people):
    assert usernames(people_of(cc)) == CCSNE_ACTIVE


def test_people_of_leave_out_a_disabled_account(cc, people):
    people["membre"].is_active = False
    people["membre"].save()
    assert usernames(people_of(cc)) == ["conseiller", "executif"]


# Forms offer the organization's active members only


def test_the_action_form_offers_only_active_members(cc, people, action):
    form = ActionForm(instance=action, organization=cc)
    assert usernames(form.fields["responsible_user"].queryset) == CCSNE_ACTIVE
    labels = [label for _value, label in form.fields["responsible_user"].choices]
    assert labels[1:] == ["Mario Bélanger", "Josée Côté", "Denis Gagnon"]


def test_the_step_form_offers_only_active_members(cc, people, action):
    form = StepForm(instance=Step(action=action))
    assert usernames(form.fields["responsible_user"].queryset) == CCSNE_ACTIVE


def test_the_dossier_form_offers_only_active_members(cc, people):
    form = DossierForm(organization=cc)
    for name in ("direction_people", "terrain_people"):
        assert usernames(form.fields[name].queryset) == CCSNE_ACTIVE


def test_the_entraide_row_form_offers_only_active_members(cc, people, entraide_plan):
    form = RowForm(organization=cc)
    assert usernames(form.fields["responsible_users"].queryset) == CCSNE_ACTIVE


def test_the_action_page_lists_the_choices_by_name(login, cc, people, action):
    url = reverse("plans:row_update", args=[cc.slug, "action", action.pk])
    text = page(login(people["executif"]).get(url))
    assert "Denis Gagnon" in text
    assert "Hélène Roy" not in text
    assert "Alice Ancienne" not in text


def test_a_person_who_left_stays_a_choice_on_the_row_naming_them(cc, people, action):
    Action.objects.filter(pk=action.pk).update(responsible_user=people["former"])
    action.refresh_from_db()
    form = ActionForm(instance=action, organization=cc)
    assert "ancienne" in usernames(form.fields["responsible_user"].queryset)
    other = Action(orientation=action.orientation)
    assert "ancienne" not in usernames(
        ActionForm(instance=other, organization=cc).fields["responsible_user"].queryset
    )


# Services refuse anyone but an active member of the organization


@pytest.mark.parametrize("person", ["executif2", "former", "outsider"])
def test_an_action_cannot_name_someone_outside_the_organization(people, action, person):
    with pytest.raises(ValidationError) as refused:
        plan_services.action_create(orientation=action.orientation, what="Quoi",
                                    responsible_user=people[person])
    assert "responsible_user" in refused.value.message_dict
    assert Action.objects.filter(orientation=action.orientation).count() == 1


@pytest.mark.parametrize("person", ["executif2", "former", "outsider"])
def test_a_step_cannot_name_someone_outside_the_organization(people, action, person):
    with pytest.raises(ValidationError) as refused:
        plan_services.step_create(action=action, text="Comment", when_kind=Step.When.NONE,
                                  responsible_user=people[person])
    assert refused.value.error_dict["responsible_user"][0].code == "not_a_member"
    assert action.steps.count() == 2


def test_an_update_cannot_name_someone_outside_the_organization(people, action):
    with pytest.raises(ValidationError):
        plan_services.row_update(row=action, responsible_user=people["executif2"])
    action.refresh_from_db()
    assert action.responsible_user is None


def test_an_active_member_is_accepted(people, action):
    plan_services.row_update(row=action, responsible_user=people["membre"])
    step = plan_services.step_create(action=action, text="Comment", when_kind=Step.When.NONE,
                                     responsible_user=people["conseiller"])
    action.refresh_from_db()
    assert action.responsible_user == people["membre"]
    assert step.responsible_user == people["conseiller"]


def test_the_page_refuses_another_organization_s_person(login, cc, people, action):
    url = reverse("plans:row_update", args=[cc.slug, "action", action.pk])
    client = login(people["executif"])
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, {"what": "Quoi", "responsible": "", "outcome": "a_venir",
                                 "responsible_user": people["executif2"].pk,
                                 "version": version})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.responsible_user is None


def test_carrying_over_leaves_out_a_person_who_left(people, cc):
    plan = make_plan(cc, state=WorkPlan.State.CLOSED)
    Action.objects.filter(orientation__plan=plan).update(responsible_user=people["former"])
    new_plan = plan_services.plan_carry_over(
        plan=plan, title="Plan 2022-2025", mandate_start=datetime.date(2022, 7, 1),
        mandate_end=datetime.date(2025, 6, 30),
    )
    carried = Action.objects.get(orientation__plan=new_plan)
    assert carried.responsible_user is None
    assert carried.responsible == "Denis"


@pytest.mark.parametrize("person", ["executif2", "former", "outsider"])
def test_a_dossier_cannot_name_someone_outside_the_organization(cc, people, person):
    with pytest.raises(ValidationError) as refused:
        vpp_services.dossier_create(
            organization=cc, by=None, title="T", establishment="E", service="S",
            mode=Dossier.Mode.PREVENTION, domain=Dossier.Domain.ORGANISATION,
            m2m={"direction_people": [people[person]]},
        )
    assert "direction_people" in refused.value.message_dict
    assert not Dossier.objects.exists()


def test_a_dossier_keeps_a_person_who_left_but_takes_no_new_one(cc, people):
    dossier = vpp_services.dossier_create(
        organization=cc, by=None, title="T", establishment="E", service="S",
        mode=Dossier.Mode.PREVENTION, domain=Dossier.Domain.ORGANISATION,
        m2m={"terrain_people": [people["membre"]]},
    )
    people["membre"].memberships.update(is_active=False)
    vpp_services.dossier_update(dossier=dossier, title="T2",
                                m2m={"terrain_people": [people["membre"]]})
    with pytest.raises(ValidationError) as refused:
        vpp_services.dossier_update(dossier=dossier,
                                    m2m={"terrain_people": [people["membre"],
                                                            people["former"]]})
    assert "Alice Ancienne" in refused.value.message_dict["terrain_people"][0]
    assert usernames(dossier.terrain_people.all()) == ["membre"]


@pytest.mark.parametrize("person", ["executif2", "former", "outsider"])
def test_an_entraide_row_cannot_name_someone_outside_the_organization(
    people, entraide_plan, person
):
    count = entraide_plan.rows.count()
    with pytest.raises(ValidationError) as refused:
        entraide_services.row_add(plan=entraide_plan, results=["R"],
                                  responsible_users=[people[person]])
    assert "responsible_users" in refused.value.message_dict
    assert entraide_plan.rows.count() == count
    row = entraide_plan.rows.first()
    with pytest.raises(ValidationError):
        entraide_services.row_update(row=row, responsible_users=[people[person]])
    assert not row.responsible_users.exists()


def test_an_entraide_row_names_members_and_keeps_names_without_account(people, entraide_plan):
    row = entraide_services.row_add(plan=entraide_plan, results=["R"],
                                    responsibles=["Lucie"],
                                    responsible_users=[people["membre"]])
    assert usernames(row.responsible_users.all()) == ["membre"]
    assert row.responsibles == ["Lucie"]
    assert row.responsible_names == ["Josée Côté", "Lucie"]


def test_next_year_s_plan_keeps_the_accounts_of_unfinished_rows(people, entraide_plan):
    row = entraide_plan.rows.first()
    entraide_services.row_update(row=row, responsible_users=[people["membre"]])
    entraide_services.plan_close(plan=entraide_plan, review="Bilan")
    following = entraide_services.plan_start_next_year(plan=entraide_plan, period_label="An 2")
    assert usernames(following.rows.first().responsible_users.all()) == ["membre"]


# Pages and PDFs show the person's name


def test_qui_reads_the_account_s_name_and_the_free_text_beside_it(people):
    denis = people["executif"]
    assert who(denis, "") == "Denis Gagnon"
    assert who(denis, "Denis") == "Denis Gagnon"
    assert who(denis, "Julie") == "Denis Gagnon, Julie"
    assert who(None, "Julie") == "Julie"
    assert printed_who(denis, "Denis") == "Denis"
    assert printed_who(denis, "") == "Denis Gagnon"
    assert printed_who(denis, "Julie") == "Denis Gagnon, Julie"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_plan_page_and_pdf_show_the_people_in_charge(login, cc, people, plan, action,
                                                         tmp_path):
    plan_services.row_update(row=action, responsible="", responsible_user=people["conseiller"])
    step = action.steps.first()
    plan_services.row_update(row=step, responsible_user=people["membre"])
    client = login(people["membre"])
    text = page(client.get(reverse("plans:detail", args=[cc.slug, plan.pk])))
    assert '<td data-label="QUI">Mario Bélanger</td>' in text
    assert "— Josée Côté" in text
    pdf = flat(poppler("pdftotext", client.get(reverse("plans:pdf", args=[cc.slug, plan.pk]))
                       .content, tmp_path))
    assert "Mario Bélanger" in pdf
    assert "(décembre 2019) — Josée Côté" in pdf


def test_the_printed_qui_reads_like_the_seed(login, cc, people, plan, action, tmp_path):
    plan_services.row_update(row=action, responsible="Denis", responsible_user=people["executif"])
    client = login(people["membre"])
    text = page(client.get(reverse("plans:detail", args=[cc.slug, plan.pk])))
    assert '<td data-label="QUI">Denis Gagnon</td>' in text
    pdf = poppler("pdftotext", client.get(reverse("plans:pdf", args=[cc.slug, plan.pk])).content,
                  tmp_path)
    assert "Denis" in pdf
    assert "Gagnon" not in pdf


def test_the_entraide_page_and_pdf_show_the_responsables(login, cc, people, entraide_plan,
                                                         tmp_path):
    row = entraide_plan.rows.first()
    entraide_services.row_update(row=row, responsibles=["Lucie"],
                                 responsible_users=[people["conseiller"]])
    client = login(people["executif"])
    text = page(client.get(reverse("entraide:plan_detail", args=[cc.slug, entraide_plan.pk])))
    assert "Mario Bélanger" in text and "Lucie" in text
    pdf = flat(poppler("pdftotext", client.get(
        reverse("entraide:plan_pdf", args=[cc.slug, entraide_plan.pk])).content, tmp_path))
    # The names as written, then the accounts, one a line without a bullet (as seed 002).
    assert "Lucie Mario Bélanger" in pdf


def test_the_entraide_row_page_saves_the_accounts(login, cc, people, entraide_plan):
    row = entraide_plan.rows.first()
    url = reverse("entraide:row_edit", args=[cc.slug, entraide_plan.pk, row.pk])
    client = login(people["executif"])
    form = client.get(url).context["form"]
    data = {"version": form["version"].value(), "objective": row.objective,
            "results": row.results, "means": row.means, "resources": row.resources,
            "responsibles": ["Lucie"], "schedule": row.schedule, "state": row.state,
            "responsible_users": [people["membre"].pk]}
    assert client.post(url, data).status_code == 302
    assert usernames(row.responsible_users.all()) == ["membre"]
    data["responsible_users"] = [people["executif2"].pk]
    data["version"] = client.get(url).context["form"]["version"].value()
    assert client.post(url, data).status_code == 200
    assert usernames(row.responsible_users.all()) == ["membre"]


# The demo links the seed's names to the demo accounts


def load_demo():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_the_demo_links_the_seed_s_denis_to_the_demo_executif():
    load_demo()
    denis = Action.objects.filter(responsible="Denis")
    assert denis.count() == 10
    assert set(denis.values_list("responsible_user__username", flat=True)) == {"executif"}
    others = Action.objects.exclude(responsible="Denis")
    assert not others.filter(responsible_user__isnull=False).exists()


@pytest.mark.django_db
def test_the_demo_reruns_without_change_and_keeps_a_person_s_choice():
    load_demo()
    action = Action.objects.filter(responsible="Denis").order_by("pk").first()
    conseiller = people_of(action.orientation.plan.organization).get(username="conseiller")
    action.responsible_user = conseiller
    action.save()
    history = Action.history.count()
    load_demo()
    action.refresh_from_db()
    assert action.responsible_user == conseiller
    assert Action.history.count() == history
