"""« Mes actions » (/mes-actions/): what a person answers for, across their organizations,
by nearest date, each with its organization and a link; only what they may see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from entraide import services as entraide_services
from entraide.models import EntraideRow
from plans import services as plan_services
from plans.models import Action, Step, WorkPlan
from tests import matrix
from tests.helpers import page
from tests.matrix import ANONYMOUS
from tests.plans.helpers import make_plan
from unionplans.my_actions import items_for
from vpp import services as vpp_services
from vpp.models import DeadlineRule, Dossier

URL = "/mes-actions/"
TODAY = datetime.date(2021, 3, 15)


@pytest.fixture
def templates(db):
    return {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}


def make_action(organization, person, *, title="Plan 2019-2022", state=WorkPlan.State.PUBLISHED,
                steps=((2021, 1), (2021, 6))):
    """A plan of `organization` whose action names `person`, with steps in those months."""
    plan = make_plan(organization, title=title, state=WorkPlan.State.DRAFT, actions=1)
    action = Action.objects.get(orientation__plan=plan)
    action.steps.all().delete()
    Action.objects.filter(pk=action.pk).update(responsible_user=person, what=f"Action {title}")
    for year, month in steps:
        plan_services.step_create(action=action, text=f"Étape {year}-{month}",
                                  when_kind=Step.When.MONTH,
                                  when_date=datetime.date(year, month, 1))
    WorkPlan.objects.filter(pk=plan.pk).update(state=state)
    return Action.objects.get(pk=action.pk)


def make_dossier(organization, person, *, title="Reprographie", trigger=datetime.date(2021, 3, 1)):
    dossier = vpp_services.dossier_create(
        organization=organization, by=None, title=title, establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, m2m={"direction_people": [person]},
    )
    rule, _created = DeadlineRule.objects.get_or_create(
        organization=organization, reference="art. 29",
        defaults={"name": "Réponse", "days": 30, "trigger": "Avis"},
    )
    vpp_services.deadline_set(dossier=dossier, rule=rule, trigger_date=trigger)
    return dossier


def make_row(organization, person, templates, *, year=2025):
    plan = entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=organization, year=year
    )
    row = plan.rows.order_by("position").first()
    entraide_services.row_update(row=row, responsible_users=[person])
    return row


def titles(items):
    return [item.title for item in items]


# What is listed, in which order


def test_it_lists_actions_steps_dossiers_and_rows_by_nearest_date(executif, cc, templates):
    row = make_row(cc, executif, templates)
    action = make_action(cc, executif)
    step = action.steps.get(text="Étape 2021-6")
    plan_services.row_update(row=step, responsible_user=executif)
    dossier = make_dossier(cc, executif)  # due on 31 March 2021
    with translation.override("en"):
        items = items_for(user=executif, today=TODAY)
    assert [(item.kind, item.date) for item in items] == [
        ("Action", datetime.date(2021, 1, 1)),  # its overdue step, January 2021
        ("VPP dossier", datetime.date(2021, 3, 31)),
        ("Step", datetime.date(2021, 6, 1)),
        ("Entraide plan", None),  # a schedule is no date: last
    ]
    assert titles(items) == [action.what, dossier.title, step.text, row.objective]
    assert [item.overdue for item in items] == [True, False, False, False]
    assert {item.organization for item in items} == {cc}
    assert items[0].url == reverse("plans:detail", args=["ccsne", action.orientation.plan_id]) \
        + f"#action-{action.pk}"
    assert items[1].url == reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    assert items[3].url.endswith(f"#row-{row.pk}")


def test_an_action_whose_steps_are_all_ahead_is_not_overdue(executif, cc):
    make_action(cc, executif, steps=((2021, 4), (2021, 9)))
    (item,) = items_for(user=executif, today=TODAY)
    assert (item.date, item.overdue) == (datetime.date(2021, 4, 1), False)


def test_settled_actions_closed_plans_closed_dossiers_and_done_rows_are_left_out(
    executif, cc, templates
):
    done = make_action(cc, executif, title="Fait")
    Action.objects.filter(pk=done.pk).update(outcome=Action.Outcome.DONE)
    make_action(cc, executif, title="Clos", state=WorkPlan.State.CLOSED)
    dossier = make_dossier(cc, executif)
    Dossier.objects.filter(pk=dossier.pk).update(stage="clos")
    row = make_row(cc, executif, templates)
    EntraideRow.objects.filter(pk=row.pk).update(state=EntraideRow.State.DONE)
    assert items_for(user=executif, today=TODAY) == []


def test_the_page_shows_each_item_with_its_organization_and_link(login, executif, cc):
    action = make_action(cc, executif)
    response = login(executif).get(URL)
    text = page(response)
    assert response.status_code == 200
    assert action.what in text
    assert "CCSNE" in text
    assert f"#action-{action.pk}" in text
    assert "overdue" in text or "en retard" in text


def test_the_page_says_what_it_is_when_empty(login, membre):
    text = page(login(membre).get(URL))
    assert "Mes actions" in text or "My actions" in text
    assert 'class="empty-state"' in text


def test_the_dashboard_and_the_navigation_link_to_it(login, membre):
    text = page(login(membre).get(reverse("dashboard")))
    assert text.count(f'href="{URL}"') == 2


# Never what the person may not see


def test_another_organization_s_items_never_show(executif2, membre, cc, templates):
    """Named on the CCSNE's rows (written past the services), executif2 belongs to SESSE."""
    make_action(cc, executif2)
    make_dossier(cc, membre).direction_people.set([executif2])
    make_row(cc, membre, templates).responsible_users.set([executif2])
    assert Dossier.objects.filter(direction_people=executif2).exists()
    assert EntraideRow.objects.filter(responsible_users=executif2).exists()
    assert items_for(user=executif2, today=TODAY) == []


def test_a_membre_does_not_see_a_draft_plan_s_action(membre, cc):
    make_action(cc, membre, title="Brouillon", state=WorkPlan.State.DRAFT)
    published = make_action(cc, membre, title="Publié")
    assert titles(items_for(user=membre, today=TODAY)) == [published.what]


def test_entraide_rows_only_with_entraide(membre, cc, templates, login):
    row = make_row(cc, membre, templates)
    assert items_for(user=membre, today=TODAY) == []
    assert row.objective not in page(login(membre).get(URL))
    membre.memberships.update(on_entraide_committee=True)
    assert titles(items_for(user=membre, today=TODAY)) == [row.objective]


def test_an_inactive_membership_shows_nothing(executif, cc, templates):
    make_action(cc, executif)
    make_dossier(cc, executif)
    make_row(cc, executif, templates)
    executif.memberships.update(is_active=False)
    assert items_for(user=executif, today=TODAY) == []


def test_it_lists_every_organization_of_the_person(executif, syndicat, cc):
    from unionplans.models import Membership

    Membership.objects.create(user=executif, organization=syndicat, role="membre")
    make_action(cc, executif, title="CC")
    make_action(syndicat, executif, title="SESSE")
    items = items_for(user=executif, today=TODAY)
    assert sorted(item.organization.short_name for item in items) == ["CCSNE", "SESSE"]


# A fixed number of queries


def queries_for(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_1_and_10_items(login, executif, cc, templates):
    client = login(executif)
    make_action(cc, executif, title="A0")
    make_dossier(cc, executif, title="D0")
    make_row(cc, executif, templates, year=2020)
    plan_services.row_update(row=Step.objects.first(), responsible_user=executif)
    one = queries_for(client)
    for i in range(1, 10):
        make_action(cc, executif, title=f"A{i}")
        make_dossier(cc, executif, title=f"D{i}")
        make_row(cc, executif, templates, year=2020 + i)
        plan_services.row_update(row=Step.objects.filter(responsible_user=None).last(),
                                 responsible_user=executif)
    assert len(items_for(user=executif)) == 40
    assert queries_for(client) == one


# The permission matrix of the route (outside /o/<slug>/, listed here in its style)


@pytest.fixture
def world(request, db):
    return matrix.World(request)


def no_args(_world):
    return []


CASES = [
    *matrix.cases("my_actions", no_args, "GET", {
        ANONYMOUS: 302, "executif": 200, "conseiller": 200, "membre": 200, "executif2": 200,
        "outsider": 200, "superuser": 200,
    }),
    *matrix.wrong_methods("my_actions", no_args, {"GET"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


def test_the_matrix_tries_every_person_and_a_wrong_method():
    assert matrix.gaps(CASES, matrix.PERSONS) == []
