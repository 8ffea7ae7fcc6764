"""Undo of a deletion (unionplans.restore): a deleted orientation comes back with its
actions, steps and follow-ups, as they were, for RESTORE_DAYS days; never into a closed
plan, never twice, never when what it belonged to is gone; positions stay unique."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from entraide import services as entraide_services
from entraide.models import EntraideRow
from plans import services
from plans.models import Action, FollowUp, Indicator, Measurement, Orientation, Step, WorkPlan
from tests.plans.helpers import make_plan
from unionplans import restore
from vpp.models import Deadline, DeadlineRule, Dossier, Task

PLAN_MODELS = (Orientation, Action, Step, FollowUp, Indicator, Measurement)


def rows_of(plan):
    """Every row of the plan's tree, every column but `updated_at` (the version)."""
    rows = {}
    for model in PLAN_MODELS:
        path = {Orientation: "plan", Action: "orientation__plan", Step: "action__orientation__plan",
                FollowUp: "action__orientation__plan", Indicator: "action__orientation__plan",
                Measurement: "indicator__action__orientation__plan"}[model]
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
        rows[model] = list(model.objects.filter(**{path: plan}).order_by("pk").values_list(*fields))
    return rows


def deletion_record(model, pk):
    """The last deletion record of row `pk` (a deleted instance's own pk is None)."""
    return restore.history_model(model).objects.filter(id=pk, history_type="-").latest(
        "history_date")


@pytest.fixture
def plan(cc):
    return make_plan(cc, orientations=2, actions=2)


def test_an_orientation_comes_back_with_its_actions_steps_and_follow_ups(plan, executif):
    before = rows_of(plan)
    pk = plan.orientations.order_by("position").first().pk
    services.row_delete(row=Orientation.objects.get(pk=pk), by=executif)
    assert Action.objects.filter(orientation=pk).count() == 0

    restored = restore.restore(record=deletion_record(Orientation, pk), by=executif)

    assert restored.pk == pk
    assert rows_of(plan) == before


def test_the_deletion_and_the_restore_are_in_history_with_who(plan, executif, conseiller):
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    record = deletion_record(Orientation, orientation.pk)
    assert record.history_user == executif
    restore.restore(record=record, by=conseiller)
    latest = orientation.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("+", conseiller)
    assert latest.history_change_reason.startswith(restore.RESTORED)
    step_history = Step.history.filter(action__orientation=orientation).latest("history_date")
    assert step_history.history_user == conseiller


def test_the_organization_lists_the_deletion_once_with_what_went_with_it(plan, executif, cc):
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    deleted = restore.deleted_in(cc, {"edit", "entraide"})
    assert [(d.restorable.model, d.record.id) for d in deleted] == [(Orientation, orientation.pk)]
    counts = dict(deleted[0].counts)
    assert (counts[Action], counts[Step], counts[FollowUp]) == (2, 4, 2)
    assert deleted[0].with_text == "2 actions, 4 étapes, 2 suivis, 1 indicateur et 1 mesure"


def test_a_restored_row_is_no_longer_listed_nor_restored_twice(plan, executif, cc):
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    record = deletion_record(Orientation, orientation.pk)
    restore.restore(record=record, by=executif)
    assert restore.deleted_in(cc, {"edit"}) == []
    with pytest.raises(ValidationError, match="déjà"):
        restore.restore(record=record, by=executif)


def test_after_the_period_it_is_refused(plan, executif, cc, settings):
    settings.RESTORE_DAYS = 30
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    record = deletion_record(Orientation, orientation.pk)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert restore.deleted_in(cc, {"edit"}) == []
        with pytest.raises(ValidationError, match="30 jours"):
            restore.restore(record=record, by=executif)
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


def test_a_closed_plan_refuses_it(plan, executif):
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    with pytest.raises(ValidationError, match="clos"):
        restore.restore(record=deletion_record(Orientation, orientation.pk), by=executif)
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


def test_a_step_whose_action_is_gone_is_refused(plan, executif):
    step = Step.objects.filter(action__orientation__plan=plan).first()
    action = step.action
    services.row_delete(row=Step.objects.get(pk=step.pk), by=executif)
    services.row_delete(row=Action.objects.get(pk=action.pk), by=executif)
    with pytest.raises(ValidationError, match="restaurez-le"):
        restore.restore(record=deletion_record(Step, step.pk), by=executif)
    # The action brings back its other step; the first, deleted alone, then can come back.
    restore.restore(record=deletion_record(Action, action.pk), by=executif)
    assert action.steps.count() == 1
    restore.restore(record=deletion_record(Step, step.pk), by=executif)
    assert action.steps.count() == 2


def test_positions_are_made_unique_again(plan, executif):
    first, second = plan.orientations.order_by("position")
    services.row_delete(row=Orientation.objects.get(pk=first.pk), by=executif)
    # Another orientation took the first place meanwhile.
    services.row_move(row=services.orientation_create(plan=plan, statement="Nouvelle"),
                      direction="up")
    assert list(plan.orientations.order_by("position").values_list("position", flat=True)) == [0, 1]

    restore.restore(record=deletion_record(Orientation, first.pk), by=executif)

    ordered = list(plan.orientations.order_by("position"))
    assert [o.pk for o in ordered][0] == first.pk
    assert [o.position for o in ordered] == [0, 1, 2]


def test_a_whole_plan_comes_back(plan, executif, cc):
    before = rows_of(plan)
    services.plan_delete(plan=WorkPlan.objects.get(pk=plan.pk), by=executif)
    assert [d.restorable.model for d in restore.deleted_in(cc, {"edit"})] == [WorkPlan]
    restore.restore(record=deletion_record(WorkPlan, plan.pk), by=executif)
    assert rows_of(plan) == before
    assert services.plan_reopenings(WorkPlan.objects.get(pk=plan.pk)) == []


def test_an_entraide_row_comes_back_with_its_people_in_its_place(cc, executif, membre):
    templates = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}
    plan = entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025)
    rows = list(plan.rows.order_by("position"))
    row = rows[1]
    entraide_services.row_update(row=row, responsible_users=[executif])
    entraide_services.row_delete(row=EntraideRow.objects.get(pk=row.pk), by=executif)
    assert restore.deleted_in(cc, {"edit"}) == []  # confidential: only with ENTRAIDE
    [deleted] = restore.deleted_in(cc, {"edit", "entraide"})
    restore.restore(record=deleted.record, by=executif)
    restored = EntraideRow.objects.get(pk=row.pk)
    assert list(restored.responsible_users.all()) == [executif]
    assert [r.pk for r in plan.rows.order_by("position")] == [r.pk for r in rows]
    assert sorted(plan.rows.values_list("position", flat=True)) == list(range(1, len(rows) + 1))


def test_a_closed_entraide_year_refuses_it(cc, executif):
    templates = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}
    plan = entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025)
    row = plan.rows.first()
    entraide_services.row_delete(row=EntraideRow.objects.get(pk=row.pk), by=executif)
    type(plan).objects.filter(pk=plan.pk).update(status="clos")
    with pytest.raises(ValidationError, match="close"):
        restore.restore(record=deletion_record(EntraideRow, row.pk), by=executif)


def test_vpp_tasks_and_deadlines_deleted_in_the_admin_come_back(cc, executif):
    dossier = Dossier.objects.create(organization=cc, title="Reprographie")
    task = Task.objects.create(dossier=dossier, element="documentation", description="Lire")
    rule = DeadlineRule.objects.create(organization=cc, name="Art. 29", days=30)
    deadline = Deadline.objects.create(dossier=dossier, rule=rule,
                                       trigger_date=datetime.date(2026, 1, 5),
                                       due_on=datetime.date(2026, 2, 4))
    Task.objects.get(pk=task.pk).delete()  # as the admin's inline does: no mark, alone
    restore.delete(Deadline.objects.get(pk=deadline.pk), by=executif)
    kinds = {d.restorable.model for d in restore.deleted_in(cc, {"edit"})}
    assert kinds == {Task, Deadline}
    restore.restore(record=deletion_record(Task, task.pk), by=executif)
    restore.restore(record=deletion_record(Deadline, deadline.pk), by=executif)
    assert Task.objects.get(pk=task.pk).description == "Lire"
    assert Deadline.objects.get(pk=deadline.pk).due_on == datetime.date(2026, 2, 4)


def test_another_organizations_deletions_are_not_listed(plan, executif, syndicat, cc):
    pk = plan.orientations.first().pk
    services.row_delete(row=Orientation.objects.get(pk=pk), by=executif)
    assert restore.deleted_in(syndicat, {"edit", "entraide"}) == []
    record = deletion_record(Orientation, pk)
    assert restore.deletion_for(syndicat, {"edit"}, "plans.orientation",
                                record.history_id) is None
