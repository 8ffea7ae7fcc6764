"""Writes: every change to a plan goes through these functions (views only parse input)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionplans.models import Organization

from .models import (
    Action,
    Delegation,
    FollowUp,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)

State = WorkPlan.State

# The only moves a plan's state may make, one step forward at a time.
TRANSITIONS = {
    State.DRAFT: State.ADOPTED,
    State.ADOPTED: State.PUBLISHED,
    State.PUBLISHED: State.CLOSED,
}

UP, DOWN = "up", "down"


def _save(obj: models.Model) -> models.Model:
    obj.full_clean()
    obj.save()
    return obj


def _next_position(siblings: models.QuerySet) -> int:
    last = siblings.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _set(obj: models.Model, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# Plans


@transaction.atomic
def plan_create(
    *,
    organization: Organization,
    title: str,
    mandate_start: datetime.date,
    mandate_end: datetime.date,
    adopted_on: datetime.date | None = None,
    previous: WorkPlan | None = None,
) -> WorkPlan:
    plan = WorkPlan(
        organization=organization,
        title=title,
        mandate_start=mandate_start,
        mandate_end=mandate_end,
        adopted_on=adopted_on,
        previous=previous,
    )
    return _save(plan)


@transaction.atomic
def plan_update(*, plan: WorkPlan, **fields) -> WorkPlan:
    _set(plan, fields)
    _save(plan)
    # A shorter mandate must not leave dated steps outside it.
    for step in Step.objects.filter(action__orientation__plan=plan, when_date__isnull=False):
        try:
            step.check_within_mandate(plan)
        except ValidationError as error:
            raise ValidationError(
                _("Step « %(step)s » would fall outside the new mandate: change it first.")
                % {"step": step.text[:60]},
                code="outside_mandate",
            ) from error
    return plan


@transaction.atomic
def plan_delete(*, plan: WorkPlan) -> None:
    plan.delete()


@transaction.atomic
def plan_transition(
    *, plan: WorkPlan, to_state: str, adopted_on: datetime.date | None = None
) -> WorkPlan:
    """Move a plan one state forward (brouillon → adopté → publié → clos), or refuse clearly."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if to_state not in State.values:
        raise ValidationError(_("Unknown state."), code="unknown_state")
    if TRANSITIONS.get(plan.state) != to_state:
        raise ValidationError(
            _("A plan that is « %(current)s » cannot become « %(target)s ».")
            % {"current": plan.get_state_display(), "target": State(to_state).label},
            code="transition",
        )
    if to_state == State.ADOPTED:
        if not Action.objects.filter(orientation__plan=plan).exists():
            raise ValidationError(
                _("A plan without any action cannot be adopted."), code="empty_plan"
            )
        plan.adopted_on = adopted_on or plan.adopted_on or timezone.localdate()
    plan.state = to_state
    return _save(plan)


@transaction.atomic
def plan_carry_over(
    *,
    plan: WorkPlan,
    title: str,
    mandate_start: datetime.date,
    mandate_end: datetime.date,
    with_steps: bool = False,
) -> WorkPlan:
    """Start the next mandate's plan (a draft) with the actions of `plan` that were not done.

    Every orientation is copied; each action whose outcome is not « réalisée » is copied
    with its QUI, back to « à venir », linked to its original. Steps come along if asked:
    labels are kept, dates are cleared (they belong to the old mandate). Follow-ups stay
    with the original.
    """
    if plan.state != State.CLOSED:
        raise ValidationError(
            _("Only a closed plan can be carried over into the next mandate."), code="not_closed"
        )
    if mandate_start <= plan.mandate_start:
        raise ValidationError(
            {"mandate_start": _("The next mandate must start after the start of this one.")},
            code="mandate",
        )
    new_plan = plan_create(
        organization=plan.organization,
        title=title,
        mandate_start=mandate_start,
        mandate_end=mandate_end,
        previous=plan,
    )
    orientations = plan.orientations.order_by("position", "pk").prefetch_related(
        models.Prefetch("actions", queryset=Action.objects.order_by("position", "pk")),
        models.Prefetch("actions__steps", queryset=Step.objects.order_by("position", "pk")),
    )
    for orientation in orientations:
        copy = _save(
            Orientation(
                plan=new_plan,
                position=orientation.position,
                numbered=orientation.numbered,
                title=orientation.title,
                statement=orientation.statement,
                sub_statements=orientation.sub_statements,
            )
        )
        position = 0
        for action in orientation.actions.all():
            if action.outcome == Action.Outcome.DONE:
                continue
            carried = _save(
                Action(
                    orientation=copy,
                    position=position,
                    what=action.what,
                    responsible=action.responsible,
                    responsible_user=action.responsible_user,
                    carried_over_from=action,
                )
            )
            position += 1
            if with_steps:
                for step in action.steps.all():
                    labelled = step.when_kind == Step.When.LABEL
                    _save(
                        Step(
                            action=carried,
                            position=step.position,
                            text=step.text,
                            when_kind=Step.When.LABEL if labelled else Step.When.NONE,
                            when_label=step.when_label if labelled else "",
                        )
                    )
    for model in (StatutoryFile, Delegation):
        for item in model.objects.filter(plan=plan).order_by("position", "pk"):
            _save(
                model(
                    plan=new_plan,
                    position=item.position,
                    name=item.name,
                    responsible=item.responsible,
                )
            )
    return new_plan


# Rows of a plan


@transaction.atomic
def orientation_create(*, plan: WorkPlan, **fields) -> Orientation:
    orientation = Orientation(plan=plan, **fields)
    orientation.position = _next_position(plan.orientations.all())
    return _save(orientation)


@transaction.atomic
def action_create(*, orientation: Orientation, **fields) -> Action:
    action = Action(orientation=orientation, **fields)
    action.position = _next_position(orientation.actions.all())
    return _save(action)


@transaction.atomic
def step_create(*, action: Action, **fields) -> Step:
    step = Step(action=action, **fields)
    step.position = _next_position(action.steps.all())
    return _save(step)


@transaction.atomic
def follow_up_create(*, action: Action, author, **fields) -> FollowUp:
    follow_up = FollowUp(action=action, author=author, **fields)
    follow_up.position = _next_position(action.follow_ups.all())
    return _save(follow_up)


@transaction.atomic
def list_item_create(*, model: type[StatutoryFile | Delegation], plan: WorkPlan, **fields):
    item = model(plan=plan, **fields)
    item.position = _next_position(model.objects.filter(plan=plan))
    return _save(item)


@transaction.atomic
def row_update(*, row: models.Model, **fields) -> models.Model:
    """Change an orientation, action, step, follow-up or list item."""
    _set(row, fields)
    return _save(row)


@transaction.atomic
def row_delete(*, row: models.Model) -> None:
    row.delete()


def siblings_of(row: models.Model) -> models.QuerySet:
    """The rows that share `row`'s parent, in which it moves."""
    parents = {
        Orientation: "plan",
        Action: "orientation",
        Step: "action",
        FollowUp: "action",
        StatutoryFile: "plan",
        Delegation: "plan",
    }
    parent = parents[type(row)]
    return type(row).objects.filter(**{f"{parent}_id": getattr(row, f"{parent}_id")})


@transaction.atomic
def row_move(*, row: models.Model, direction: str) -> None:
    """Swap `row` with its neighbour above or below; positions become 0, 1, 2… again.

    Numbers (1.1, 1.2…) are derived from these positions, so they follow the move.
    """
    if direction not in (UP, DOWN):
        raise ValidationError(_("Unknown direction."), code="direction")
    rows = list(siblings_of(row).select_for_update().order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(rows) if sibling.pk == row.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(rows):
        raise ValidationError(
            _("This row is already first.") if direction == UP else _("This row is already last."),
            code="edge",
        )
    rows[index], rows[other] = rows[other], rows[index]
    for position, sibling in enumerate(rows):
        if sibling.position != position:
            sibling.position = position
            # Only the position: an edit form open on the row stays valid.
            sibling.save(update_fields=["position"])
