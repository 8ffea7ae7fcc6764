"""`unionplans.due`: what falls due in a window (and everything overdue) across plans'
steps, VPP deadlines and tasks, and entraide rows — for a person and for an organization,
never what the person could not open, in a fixed number of queries."""

import datetime

import pytest

from entraide import services as entraide_services
from entraide.models import EntraideRow
from plans import services as plan_services
from plans.models import Action, WorkPlan
from tests.test_my_actions import make_action, make_dossier, make_row, templates  # noqa: F401
from unionplans.due import due_for, due_in
from unionplans.models import Membership
from vpp import services as vpp_services
from vpp.models import Dossier, Task

TODAY = datetime.date(2021, 3, 15)  # the dossier's art. 29 deadline: 31 March 2021


def keys(items):
    return [item.key.split(":")[0] for item in items]


def test_it_lists_steps_deadlines_tasks_and_rows_within_30_days_and_overdue(
    executif, cc, templates  # noqa: F811
):
    action = make_action(cc, executif, steps=((2021, 1), (2021, 3), (2021, 6)))
    dossier = make_dossier(cc, executif)
    vpp_services.task_create(dossier=dossier, element="documentation", description="Lettre",
                             due_on=datetime.date(2021, 4, 10))
    vpp_services.task_create(dossier=dossier, element="documentation", description="Plus tard",
                             due_on=datetime.date(2021, 5, 10))
    row = make_row(cc, executif, templates)
    entraide_services.row_update(row=row, schedule=["20 mars 2021"])
    items = due_for(user=executif, today=TODAY)
    assert [(item.key.split(":")[0], item.date, item.overdue) for item in items] == [
        ("step", datetime.date(2021, 1, 31), True),  # January, overdue
        ("entraide-row", datetime.date(2021, 3, 20), False),
        ("deadline", datetime.date(2021, 3, 31), False),  # same day: by title
        ("step", datetime.date(2021, 3, 31), False),  # March falls due on its last day
        ("task", datetime.date(2021, 4, 10), False),
    ]
    assert {item.organization for item in items} == {cc}
    assert items[0].url.endswith(f"#action-{action.pk}")
    assert items[2].url.endswith(f"/vpp/{dossier.pk}/#deadlines")
    assert items[2].context == dossier.title
    assert all(item.why for item in items)
    # Without a window: the June step and the May task too.
    assert len(due_for(user=executif, today=TODAY, days=None)) == 7


def test_a_step_answers_to_its_own_qui_else_to_its_action_s(executif, membre, cc):
    action = make_action(cc, executif, steps=((2021, 3), (2021, 4)))
    own = action.steps.get(text="Étape 2021-4")
    plan_services.row_update(row=own, responsible_user=membre)
    assert [item.title for item in due_for(user=executif, today=TODAY)] == ["Étape 2021-3"]
    # April's step falls due on 30 April, past the 30 days.
    assert due_for(user=membre, today=TODAY) == []
    assert [item.title for item in due_for(user=membre, today=TODAY, days=None)] == [
        "Étape 2021-4"]


def test_settled_done_met_and_closed_things_are_left_out(executif, cc, templates):  # noqa: F811
    action = make_action(cc, executif, steps=((2021, 1),))
    Action.objects.filter(pk=action.pk).update(outcome=Action.Outcome.DONE)
    make_action(cc, executif, title="Clos", state=WorkPlan.State.CLOSED, steps=((2021, 1),))
    dossier = make_dossier(cc, executif)
    dossier.deadlines.update(met=True)
    task = vpp_services.task_create(dossier=dossier, element="documentation",
                                    description="Fait", due_on=TODAY)
    Task.objects.filter(pk=task.pk).update(done=True)
    closed = make_dossier(cc, executif, title="Clos")
    Dossier.objects.filter(pk=closed.pk).update(stage="clos")
    row = make_row(cc, executif, templates)
    EntraideRow.objects.filter(pk=row.pk).update(state=EntraideRow.State.DONE,
                                                 schedule=["1 mars 2021"])
    assert due_for(user=executif, today=TODAY) == []


def test_an_undated_row_or_a_season_is_no_due_date(executif, cc, templates):  # noqa: F811
    row = make_row(cc, executif, templates)
    entraide_services.row_update(row=row, schedule=["Printemps-été"])
    assert due_for(user=executif, today=TODAY) == []
    entraide_services.plan_update(plan=row.plan, target_date=datetime.date(2021, 4, 1))
    assert [item.date for item in due_for(user=executif, today=TODAY)] == [
        datetime.date(2021, 4, 1)]


# The organization's variant


def test_the_organization_variant_lists_everything_of_it_whoever_answers(
    executif, conseiller, membre, cc, syndicat
):
    make_action(cc, membre, steps=((2021, 3),))  # published, QUI: the membre
    make_dossier(cc, executif)
    items = due_in(organization=cc, user=conseiller, today=TODAY)
    assert keys(items) == ["deadline", "step"]  # both on 31 March, by title
    assert items[1].why.startswith("Josée Côté")  # the action's QUI
    assert due_in(organization=syndicat, user=conseiller, today=TODAY) == []


def test_a_membre_sees_of_the_organization_only_what_its_pages_show_it(
    executif, membre, cc, templates  # noqa: F811
):
    make_action(cc, executif, title="Brouillon", state=WorkPlan.State.DRAFT, steps=((2021, 3),))
    make_action(cc, executif, title="Publié", steps=((2021, 3),))
    make_dossier(cc, executif)  # not naming the membre
    row = make_row(cc, executif, templates)
    entraide_services.row_update(row=row, schedule=["20 mars 2021"])
    items = due_in(organization=cc, user=membre, today=TODAY)
    assert [item.context.split(" — ")[0] for item in items] == ["Publié"]
    Membership.objects.filter(user=membre).update(on_entraide_committee=True)
    assert keys(due_in(organization=cc, user=membre, today=TODAY)) == ["entraide-row", "step"]


# Never what the person could not open


def test_named_elsewhere_shows_nothing(executif2, membre, cc, templates):  # noqa: F811
    """Named on the CCSNE's rows (past the services), executif2 belongs to the SESSE only."""
    make_action(cc, executif2, steps=((2021, 3),))
    make_dossier(cc, membre).direction_people.set([executif2])
    row = make_row(cc, membre, templates)
    EntraideRow.objects.filter(pk=row.pk).update(schedule=["20 mars 2021"])
    row.responsible_users.set([executif2])
    assert due_for(user=executif2, today=TODAY) == []
    assert due_in(organization=cc, user=executif2, today=TODAY) == []


def test_a_membre_named_on_a_confidential_row_without_entraide_sees_nothing(
    membre, cc, templates  # noqa: F811
):
    row = make_row(cc, membre, templates)
    entraide_services.row_update(row=row, schedule=["20 mars 2021"])
    assert due_for(user=membre, today=TODAY) == []
    Membership.objects.filter(user=membre).update(on_entraide_committee=True)
    assert keys(due_for(user=membre, today=TODAY)) == ["entraide-row"]


def test_a_membre_named_in_a_draft_plan_sees_nothing(membre, cc):
    make_action(cc, membre, state=WorkPlan.State.DRAFT, steps=((2021, 3),))
    assert due_for(user=membre, today=TODAY) == []


def test_an_inactive_membership_shows_nothing(executif, cc):
    make_action(cc, executif, steps=((2021, 3),))
    make_dossier(cc, executif)
    executif.memberships.update(is_active=False)
    assert due_for(user=executif, today=TODAY) == []
    assert due_in(organization=cc, user=executif, today=TODAY) == []


# A fixed number of queries


def fill(organization, person, templates, n):  # noqa: F811
    for i in range(n):
        action = make_action(organization, person, title=f"P{i}", steps=((2021, 3), (2021, 2)))
        plan_services.row_update(row=action.steps.first(), responsible_user=person)
        dossier = make_dossier(organization, person, title=f"D{i}")
        vpp_services.task_create(dossier=dossier, element="documentation",
                                 description=f"T{i}", due_on=TODAY)
        row = make_row(organization, person, templates, year=2000 + i)
        entraide_services.row_update(row=row, schedule=["20 mars 2021"])


@pytest.mark.parametrize("size", [1, 12])
def test_the_person_s_list_runs_a_fixed_number_of_queries(
    size, executif, cc, templates, django_assert_num_queries  # noqa: F811
):
    fill(cc, executif, templates, size)
    with django_assert_num_queries(4):
        items = due_for(user=executif, today=TODAY)
    assert len(items) == 5 * size


@pytest.mark.parametrize("size", [1, 12])
def test_the_organization_s_list_runs_a_fixed_number_of_queries(
    size, executif, cc, templates, django_assert_num_queries  # noqa: F811
):
    fill(cc, executif, templates, size)
    with django_assert_num_queries(5):  # and one for the rows' responsables
        items = due_in(organization=cc, user=executif, today=TODAY)
    assert len(items) == 5 * size


def test_several_organizations_at_once_are_grouped_by_organization(
    executif, cc, syndicat, django_assert_num_queries
):
    from unionplans.due import due_by_organization

    Membership.objects.create(user=executif, organization=syndicat, role="executif")
    make_action(cc, executif, title="CC", steps=((2021, 3),))
    make_action(syndicat, executif, title="SESSE", steps=((2021, 2),))
    with django_assert_num_queries(4):  # no entraide row: no prefetch of responsables
        grouped = due_by_organization(user=executif, organizations=[cc, syndicat], today=TODAY)
    assert [item.context.split(" — ")[0] for item in grouped[cc.pk]] == ["CC"]
    assert [item.context.split(" — ")[0] for item in grouped[syndicat.pk]] == ["SESSE"]
