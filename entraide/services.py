"""Every write to entraide plans and templates (HackSoft services).

Copies (plan from template, template from plan, next year's plan) all go through
`_copy_rows`, which creates new rows with new lists: a plan and its source never share a
row or a cell, so editing one can never change the other.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from unionplans import restore
from unionplans.import_flow import Problem, clean_problems, refuse
from unionplans.models import Organization
from unionplans.ordering import move_in, renumber
from unionplans.people import members_check, people_of
from unionplans.services import model_update, version_check

from . import seed_002
from .models import EntraidePlan, EntraideRow

PLAN_FIELDS = ["period_label", "year", "need", "expected_results", "target_date"]
# What a row's edit form writes; its state changes by its own buttons (`row_set_state`).
ROW_CELLS = ["objective", *seed_002.LIST_CELLS]
ROW_FIELDS = [*ROW_CELLS, "state"]

CLOSED_PLAN = _("This plan's year is closed: it can no longer be changed.")


@transaction.atomic
def builtin_templates_ensure() -> list[EntraidePlan]:
    """The built-in templates of seed 002, created the first time they are needed.

    Created on first use rather than by a data migration: they then survive the database
    flushes of transactional tests, and a superuser's edits in the admin are kept (an
    existing template is never overwritten).
    """
    existing = {
        plan.builtin_key: plan
        for plan in EntraidePlan.objects.filter(is_template=True).exclude(builtin_key="")
    }
    templates = []
    for data in seed_002.BUILTIN_TEMPLATES:
        template = existing.get(data["key"])
        if template is None:
            template = EntraidePlan(
                is_template=True,
                builtin_key=data["key"],
                name=data["name"],
                period_label=data["period_label"],
                need=data["need"],
                expected_results=data["expected_results"],
            )
            template.full_clean()
            template.save()
            for position, row in enumerate(data["rows"], start=1):
                _create_row(plan=template, position=position, data=row)
        templates.append(template)
    return templates


@transaction.atomic
def plan_create_from_template(
    *, template: EntraidePlan, organization: Organization, year: int, period_label: str = ""
) -> EntraidePlan:
    """A new plan of `organization` with a copy of the template's header and rows."""
    if not template.is_template:
        raise ValidationError(_("Choose a template to start from."))
    if template.organization_id not in (None, organization.pk):
        raise ValidationError(_("This template belongs to another organization."))
    plan = EntraidePlan(
        organization=organization,
        year=year,
        period_label=period_label.strip() or template.period_label,
        need=template.need,
        expected_results=template.expected_results,
        target_date=template.target_date,
    )
    plan.full_clean()
    ensure_new_period(organization, [plan])
    plan.save()
    _copy_rows(source=template, target=plan, reset_state=True)
    return plan


def ensure_new_period(organization: Organization, plans: list[EntraidePlan]) -> None:
    """Refuse a plan whose year and period the organization already has ("Année 1 : mise
    sur pied", 2025, twice). The organization is locked first, so that two requests at
    once cannot both pass the check."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    existing = EntraidePlan.objects.filter(organization=organization, is_template=False)
    for plan in plans:
        clash = existing.filter(year=plan.year, period_label__iexact=plan.period_label.strip())
        if clash.exists():
            raise ValidationError(
                _("The organization already has a plan « %(period)s » for %(year)s: open it, "
                  "or choose another period or year.")
                % {"period": plan.period_label, "year": plan.year},
                code="duplicate_period",
            )


@transaction.atomic
def plan_save_as_template(*, plan: EntraidePlan, name: str) -> EntraidePlan:
    """A template of the plan's organization holding a copy of its header and rows."""
    if plan.is_template:
        raise ValidationError(_("This is already a template."))
    template = EntraidePlan(
        organization=plan.organization,
        is_template=True,
        name=name.strip(),
        period_label=plan.period_label,
        need=plan.need,
        expected_results=plan.expected_results,
    )
    template.full_clean()
    template.save()
    _copy_rows(source=plan, target=template, reset_state=True)
    return template


@transaction.atomic
def plan_update(*, plan: EntraidePlan, version: str | None = None, **fields) -> EntraidePlan:
    """Change the header fields given (and only those: never the status)."""
    _lock(plan, version=version)
    changes = {name: fields[name] for name in PLAN_FIELDS if name in fields}
    return model_update(plan, changes, version=version)


def _responsibles_check(plan: EntraidePlan, people, *, keeping=()) -> list:
    """Responsables with an account are active members of the plan's organization (those
    a row already names may stay after they left)."""
    people = list(people)
    new = [person for person in people if person.pk not in set(keeping)]
    if plan.organization is None:
        if new:  # a built-in template belongs to no organization: it names nobody
            raise ValidationError({"responsible_users": _(
                "A built-in template names nobody.")}, code="not_a_member")
        return people
    members_check(plan.organization, new, field="responsible_users")
    return people


@transaction.atomic
def row_add(*, plan: EntraidePlan, **fields) -> EntraideRow:
    _lock(plan)
    last = plan.rows.aggregate(last=Max("position"))["last"] or 0
    return _create_row(plan=plan, position=last + 1, data=fields)


@transaction.atomic
def row_update(*, row: EntraideRow, version: str | None = None, **fields) -> EntraideRow:
    """Change the cells given (and only those: never the state, nor the position); each
    list cell gets a list of its own."""
    _lock(row.plan)
    changes = {name: _copied(fields[name]) for name in ROW_CELLS if name in fields}
    if "responsible_users" in fields:
        named = row.responsible_users.values_list("pk", flat=True)
        changes["responsible_users"] = _responsibles_check(
            row.plan, fields["responsible_users"], keeping=list(named))
    return model_update(row, changes, version=version)


@transaction.atomic
def row_set_state(*, row: EntraideRow, state: str, version: str | None = None) -> EntraideRow:
    """The row's state (its buttons), refused if the row changed since `version`."""
    if state not in EntraideRow.State.values:
        raise ValidationError(_("Choose a state: to do, in progress or done."))
    _lock(row.plan)
    return model_update(row, {"state": state}, version=version)


@transaction.atomic
def row_delete(*, row: EntraideRow, by=None) -> None:
    """Remove the row; if it headed a merged objective, the next row of the group heads it."""
    plan = _lock(row.plan)
    rows = list(plan.rows.order_by("position", "pk"))
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    following = rows[index + 1] if index + 1 < len(rows) else None
    if row.objective and following is not None and not following.objective:
        following.objective = row.objective
        following.save(update_fields=["objective", "updated_at"])
    restore.delete(row, by=by)
    renumber(list(plan.rows.order_by("position", "pk")), start=1)


@transaction.atomic
def row_move(*, row: EntraideRow, direction: str) -> None:
    """Swap the row with its neighbour above ("up") or below ("down"), refused at the ends.

    Inside a merged objective (the lower row's objective is empty), the objective stays on
    the group's first row: the rows move, the group keeps its head.
    """
    plan = _lock(row.plan)
    move_in(plan.rows.all(), row, direction, start=1, before_swap=_keep_group_head)


def _keep_group_head(above: EntraideRow, below: EntraideRow) -> None:
    if not below.objective and above.objective:
        below.objective, above.objective = above.objective, ""
        for changed in (above, below):
            changed.save(update_fields=["objective", "updated_at"])


@transaction.atomic
def plan_close(*, plan: EntraidePlan, review: str, version: str | None = None) -> EntraidePlan:
    """End the plan's year with its review; the plan is read-only afterwards.

    The row is locked and read again (refused if it changed since `version`); only the
    review, the status and the date are written, never the header as the caller read it.
    """
    locked = _lock(plan, version=version)
    if locked.is_template:
        raise ValidationError(_("A template has no year to close."))
    if not review.strip():
        raise ValidationError({"review": _("Write a short review before closing the year.")})
    return model_update(plan, {"review": review, "status": EntraidePlan.Status.CLOSED,
                               "closed_on": timezone.localdate()})


@transaction.atomic
def plan_start_next_year(*, plan: EntraidePlan, period_label: str) -> EntraidePlan:
    """Next year's plan: the same header, and a copy of the rows that are not done."""
    plan = _lock(plan, open_only=False)
    if not plan.is_closed:
        raise ValidationError(_("Close this year with its review before starting the next one."))
    if EntraidePlan.objects.filter(previous=plan).exists():
        raise ValidationError(_("Next year's plan has already been started."))
    following = EntraidePlan(
        organization=plan.organization,
        year=plan.year + 1,
        period_label=period_label.strip(),
        need=plan.need,
        expected_results=plan.expected_results,
        previous=plan,
    )
    following.full_clean()
    ensure_new_period(plan.organization, [following])
    following.save()
    _copy_rows(source=plan, target=following, unfinished_only=True)
    return following


# Import from Word (the preview is read by entraide.imports)


@transaction.atomic
def plan_import(
    *, organization: Organization, data: dict, year: int, by=None
) -> list[EntraidePlan]:
    """Every plan of an import's preview, whole or not at all: the first in `year`, each
    next one the year after, all in progress.

    Refused with every message of `plan_import_problems`, if any; the rows are then
    inserted in bulk, a constant number of queries whatever their number.
    """
    plans, rows = _imported_plans(organization, data, year)
    refuse(_import_problems(plans, rows))
    ensure_new_period(organization, [plan for plan, _source in plans])
    for plan, _source in plans:
        plan._history_user = by
        plan.save()  # the rows take their plan's id from it when they are inserted
    bulk_create_with_history([row for row, _source in rows], EntraideRow, batch_size=500,
                             default_user=by)
    return [plan for plan, _source in plans]


def plan_import_problems(*, organization: Organization, data: dict, year: int
                         ) -> list[Problem]:
    """Every reason `plan_import` would refuse this preview, each with its plan's or its
    row's source: they are built as it builds them and checked as it checks them."""
    return _import_problems(*_imported_plans(organization, data, year))


def _imported_plans(organization: Organization, data: dict, year: int):
    """The unsaved plans of a preview and their rows, each with its source."""
    plans, rows = [], []
    for offset, source in enumerate(data["plans"]):
        plan = EntraidePlan(
            organization=organization, year=year + offset,
            period_label=source["period_label"].strip(), need=source["need"],
            expected_results=source["expected_results"],
            target_date=datetime.date.fromisoformat(source["target_date"])
            if source.get("target_date") else None,
        )
        plans.append((plan, source["source"]))
        for position, row_data in enumerate(source["rows"], start=1):
            row = EntraideRow(plan=plan, position=position, objective=row_data["objective"],
                              **{name: list(row_data[name]) for name in seed_002.LIST_CELLS})
            rows.append((row, row_data["source"]))
    return plans, rows


def _import_problems(plans: list, rows: list) -> list[Problem]:
    problems = []
    if not plans:
        problems.append(Problem("", _("There is no plan to import in this document.")))
    for obj, source in [*plans, *rows]:
        problems += clean_problems(obj, source, exclude=[
            "organization" if isinstance(obj, EntraidePlan) else "plan"])
    return problems


def _create_row(*, plan: EntraidePlan, position: int, data: dict) -> EntraideRow:
    _ensure_open(plan)
    row = EntraideRow(plan=plan, position=position)
    for name in ROW_FIELDS:
        if name in data:
            setattr(row, name, _copied(data[name]))
    people = _responsibles_check(plan, data.get("responsible_users") or ())
    row.full_clean()
    row.save()
    if people:
        row.responsible_users.set(people)
    return row


def _copy_rows(
    *, source: EntraidePlan, target: EntraidePlan, reset_state=False, unfinished_only=False
) -> None:
    position, objective, group_copied = 0, "", False
    # Responsables with an account follow the row into a plan of the same organization,
    # if still active there.
    active = set(people_of(target.organization).values_list("pk", flat=True)) \
        if target.organization_id == source.organization_id and target.organization else set()
    for row in source.rows.prefetch_related("responsible_users").order_by("position", "pk"):
        if row.objective:
            objective, group_copied = row.objective, False
        if unfinished_only and row.is_done:
            continue
        data = {name: getattr(row, name) for name in ROW_FIELDS}
        if not group_copied:
            # The first row copied of a merged objective cell carries the objective.
            data["objective"] = objective
            group_copied = True
        if reset_state:
            data["state"] = EntraideRow.State.TODO
        data["responsible_users"] = [
            user for user in row.responsible_users.all() if user.pk in active
        ]
        position += 1
        _create_row(plan=target, position=position, data=data)


def _copied(value):
    """A new list for a list cell, so no two rows ever hold the same list object."""
    return list(value) if isinstance(value, list) else value


def _lock(plan: EntraidePlan, *, open_only=True, version: str | None = None) -> EntraidePlan:
    """The plan's row, locked until the transaction ends, so positions change one at a time;
    refused if it changed since `version` (before saying it is closed: the page is old)."""
    locked = EntraidePlan.objects.select_for_update().get(pk=plan.pk)
    version_check(locked, version)
    if open_only:
        _ensure_open(locked)
    return locked


def _ensure_open(plan: EntraidePlan) -> None:
    if plan.is_closed:
        raise ValidationError(CLOSED_PLAN, code="closed")
