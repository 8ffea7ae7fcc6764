"""Writes: every change to a plan goes through these functions (views only parse input)."""

import datetime
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from unionplans import notifications, restore
from unionplans.dates import LATEST_YEAR
from unionplans.import_flow import Problem, clean_problems, refuse
from unionplans.importing import pasted_lines
from unionplans.models import Organization
from unionplans.ordering import move_in
from unionplans.people import members_check, people_of
from unionplans.services import model_update, version_check
from unionplans.templatetags.dates import long_date

from .imports import read_follow_up, read_step
from .models import (
    Action,
    Delegation,
    FollowUp,
    Indicator,
    Measurement,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)
from .selectors import plan_of
from .tasks import render_plan_pdf

State = WorkPlan.State

# The only moves a plan's state may make, one step forward at a time.
TRANSITIONS = {
    State.DRAFT: State.ADOPTED,
    State.ADOPTED: State.PUBLISHED,
    State.PUBLISHED: State.CLOSED,
}

CLOSED_MESSAGE = _(
    "This plan is closed: its content can no longer be changed. Carry it over into the next "
    "mandate to keep working on its unfinished actions."
)


def _save(obj: models.Model) -> models.Model:
    obj.full_clean()
    obj.save()
    return obj


def _next_position(siblings: models.QuerySet) -> int:
    last = siblings.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def plan_ensure_open(plan: WorkPlan) -> None:
    """A closed plan is the record of a finished mandate: its content is locked.

    Every write below checks it, whoever calls (a page, the admin, an import); pages call
    it too before showing an edit form, so nobody types into a form that cannot be saved.
    """
    if plan.is_closed:
        raise ValidationError(CLOSED_MESSAGE, code="closed")


def _open_plan(obj: models.Model, version: str | None = None) -> WorkPlan:
    """The plan of `obj`, locked until the write ends, refused when closed; for the plan
    itself, refused first when it changed since `version`."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan_of(obj).pk)
    if isinstance(obj, WorkPlan):
        version_check(plan, version)
    plan_ensure_open(plan)
    return plan


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
    if adopted_on is not None:
        adoption_date_check(plan, adopted_on)
    return _save(plan)


@transaction.atomic
def plan_update(*, plan: WorkPlan, version: str | None = None, **fields) -> WorkPlan:
    """Change the header fields given, never the state (only `plan_transition` moves it)."""
    fields.pop("state", None)
    stored = _open_plan(plan, version)
    if fields.get("adopted_on") not in (None, stored.adopted_on):
        mandate = WorkPlan(mandate_start=fields.get("mandate_start", stored.mandate_start),
                           mandate_end=fields.get("mandate_end", stored.mandate_end))
        adoption_date_check(mandate, fields["adopted_on"])
    model_update(plan, fields, version=version)
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
def plan_delete(*, plan: WorkPlan, by=None) -> None:
    """Delete a plan that is not closed, with all it holds: restorable for a while
    (`unionplans.restore`)."""
    _open_plan(plan)
    _withdraw_publication(plan)
    restore.delete(plan, by=by)


def _withdraw_publication(plan: WorkPlan) -> None:
    """Members were told the plan is published: no longer, and its link would answer 404."""
    notifications.withdraw(organization=plan.organization, kind=notifications.Kind.PUBLISHED,
                           url=reverse("plans:detail", args=[plan.organization.slug, plan.pk]))


def adoption_date_check(plan: WorkPlan, day: datetime.date) -> None:
    """Refuse an adoption date that no assembly could have held (a field error)."""
    # The congress that adopts a plan may meet up to a year before its mandate starts (in
    # May for a mandate from June); never after the mandate ends, nor in the future.
    earliest = years_later(plan.mandate_start, -1)
    if day > timezone.localdate():
        message = _("The plan cannot be adopted at a future date: enter the date of the "
                    "meeting that adopted it.")
    elif day < earliest:
        message = _("The adoption date must be at most one year before the mandate starts "
                    "(%(date)s or later).") % {"date": long_date(earliest)}
    elif day > plan.mandate_end:
        message = _("The adoption date must be before the end of the mandate (%(date)s).") % {
            "date": long_date(plan.mandate_end)}
    else:
        return
    raise ValidationError({"adopted_on": message}, code="adoption_date")


@transaction.atomic
def plan_transition(
    *, plan: WorkPlan, to_state: str, adopted_on: datetime.date | None = None, by=None,
    version: str | None = None,
) -> WorkPlan:
    """Move a plan one state forward (brouillon → adopté → publié → clos), or refuse clearly.

    Adopting needs the date of the meeting that adopted the plan (`adoption_date_check`).
    Published, it notifies the organization's members who asked for it (not `by`). The
    row is locked and read again, and refused if it changed since `version` (the page the
    move was confirmed on): a header edit racing the move cannot both pass with it."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    version_check(plan, version)
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
        if adopted_on is None:
            raise ValidationError(
                {"adopted_on": _("Enter the date of the meeting that adopted the plan.")},
                code="adoption_date",
            )
        adoption_date_check(plan, adopted_on)
        plan.adopted_on = adopted_on
    plan.state = to_state
    plan._history_user = by
    _save(plan)
    if to_state == State.PUBLISHED:
        notifications.notify(
            users=notifications.published_plan_subscribers(plan.organization),
            organization=plan.organization, kind=notifications.Kind.PUBLISHED,
            subject=plan.title, by=by,
            url=reverse("plans:detail", args=[plan.organization.slug, plan.pk]),
        )
        # Members download it after the assembly: a worker renders it once, now.
        transaction.on_commit(lambda: render_plan_pdf.delay(plan.pk))
    return plan


# Reopening goes back one state: a closed plan can be changed again, a published one goes
# back to the executive (members no longer read it).
REOPENINGS = {State.CLOSED: State.PUBLISHED, State.PUBLISHED: State.ADOPTED}
# The length django-simple-history keeps of a change reason.
REASON_LENGTH = 100


@transaction.atomic
def plan_reopen(*, plan: WorkPlan, reason: str, by=None, version: str | None = None
                ) -> WorkPlan:
    """Send a published or closed plan back one state; the reason stays in its history."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    version_check(plan, version)
    reason = reason.strip()
    if plan.state not in REOPENINGS:
        raise ValidationError(
            _("Only a published or closed plan can be reopened; this one is « %(state)s ».")
            % {"state": plan.get_state_display()}, code="not_reopenable")
    if not reason:
        raise ValidationError({"reason": _("Say why the plan is reopened: the reason is kept "
                                           "in its history.")}, code="no_reason")
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("Keep the reason under %(count)s characters.")
                               % {"count": REASON_LENGTH}}, code="reason_too_long")
    plan.state = REOPENINGS[plan.state]
    plan._history_user = by
    plan._change_reason = reason
    if not plan.is_public:
        _withdraw_publication(plan)
    return _save(plan)


def plan_reopenings(plan: WorkPlan) -> list:
    """The plan's reopenings, newest first: its history records that carry a reason."""
    return list(plan.history.exclude(history_change_reason__isnull=True)
                .exclude(history_change_reason="").exclude(restore.marked())
                .select_related("history_user")
                .order_by("-history_date"))


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_mandate(plan: WorkPlan) -> dict:
    """What the next mandate's plan starts from: as long as this one, starting as it ends,
    its title with the new years (« Plan de travail 2022-2025 »).

    Nothing is proposed (an empty dict) when the next mandate would end after LATEST_YEAR,
    which only a date stored before that rule can give: the person enters the dates."""
    length = plan.mandate_end.year - plan.mandate_start.year
    if plan.mandate_end.year + length > LATEST_YEAR:
        return {}
    end = years_later(plan.mandate_end, length)
    return {
        "title": plan.title.replace(plan.mandate_label, f"{plan.mandate_end.year}-{end.year}"),
        "mandate_start": plan.mandate_end,
        "mandate_end": end,
    }


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
    with its QUI (its account only if still an active member), back to « à venir », linked
    to its original. Steps come along if asked:
    labels are kept, dates are cleared (they belong to the old mandate). Follow-ups stay
    with the original.
    """
    # Locked: two carry-overs of one plan at once would make two next-mandate plans.
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != State.CLOSED:
        raise ValidationError(
            _("Only a closed plan can be carried over into the next mandate."), code="not_closed"
        )
    carried = plan.next_plans.first()
    if carried is not None:
        raise ValidationError(
            _("This plan was already carried over into « %(title)s »: continue there, or "
              "delete that draft to start again.") % {"title": carried.title},
            code="already_carried_over",
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
    # The next mandate names only people still active in the organization.
    active = set(people_of(plan.organization).values_list("pk", flat=True))
    orientations = plan.orientations.order_by("position", "pk").prefetch_related(
        models.Prefetch("actions", queryset=Action.objects.order_by("position", "pk")),
        models.Prefetch("actions__steps", queryset=Step.objects.order_by("position", "pk")),
        models.Prefetch("actions__indicators",
                        queryset=Indicator.objects.order_by("position", "pk")),
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
                    responsible_user_id=action.responsible_user_id
                    if action.responsible_user_id in active else None,
                    carried_over_from=action,
                )
            )
            position += 1
            # Its targets come along, to be measured again in the new mandate.
            for indicator in action.indicators.all():
                _save(Indicator(action=carried, position=indicator.position,
                                name=indicator.name, target=indicator.target))
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
                            responsible_user_id=step.responsible_user_id
                            if step.responsible_user_id in active else None,
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
    _open_plan(plan)
    orientation = Orientation(plan=plan, **fields)
    orientation.position = _next_position(plan.orientations.all())
    return _save(orientation)


def _responsible_check(plan: WorkPlan, fields: dict) -> None:
    """QUI names an active member of the plan's organization, or nobody (free text only)."""
    if "responsible_user" in fields:
        members_check(plan.organization, [fields["responsible_user"]], field="responsible_user")


@transaction.atomic
def action_create(*, orientation: Orientation, **fields) -> Action:
    _responsible_check(_open_plan(orientation), fields)
    action = Action(orientation=orientation, **fields)
    action.position = _next_position(orientation.actions.all())
    return _save(action)


@transaction.atomic
def action_create_with_lines(*, orientation: Orientation, author, steps: str = "",
                             follow_ups: str = "", **fields) -> Action:
    """A new action with its steps and follow-ups pasted one per line, all or nothing."""
    action = action_create(orientation=orientation, **fields)
    for field, add in [("steps", lambda: steps_add_lines(action=action, text=steps)),
                       ("follow_ups", lambda: follow_ups_add_lines(
                           action=action, author=author, text=follow_ups))]:
        try:
            add()
        except ValidationError as error:
            raise ValidationError({field: error.error_list}) from error
    return action


@transaction.atomic
def step_create(*, action: Action, **fields) -> Step:
    _responsible_check(_open_plan(action), fields)
    step = Step(action=action, **fields)
    step.position = _next_position(action.steps.all())
    return _save(step)


@transaction.atomic
def follow_up_create(*, action: Action, author, **fields) -> FollowUp:
    _open_plan(action)
    follow_up = FollowUp(action=action, author=author, **fields)
    follow_up.position = _next_position(action.follow_ups.all())
    return _save(follow_up)


@transaction.atomic
def indicator_create(*, action: Action, name: str, target: int | None = None) -> Indicator:
    """A quantitative target of `action` (« un minimum de 30 délégué.es à chaque AG »)."""
    _open_plan(action)
    indicator = Indicator(action=action, name=name, target=target)
    indicator.position = _next_position(action.indicators.all())
    return _save(indicator)


@transaction.atomic
def measurement_create(
    *, indicator: Indicator, date: datetime.date, value: int, note: str = ""
) -> Measurement:
    """A dated value of `indicator`, inside the plan's mandate (`Measurement.clean`)."""
    _open_plan(indicator)
    return _save(Measurement(indicator=indicator, date=date, value=value, note=note))


@transaction.atomic
def indicator_save(*, row: Indicator | Measurement) -> Indicator | Measurement:
    """The admin's save of an indicator or a measurement: the plan must be open."""
    _open_plan(row)
    if isinstance(row, Indicator) and row.pk is None:
        row.position = _next_position(row.action.indicators.all())
    return _save(row)


@transaction.atomic
def steps_add_lines(*, action: Action, text: str) -> list[Step]:
    """One step per line of `text`, a date in parentheses read as an import from Word reads
    it ("Mettre sur pied l'unité (mars 2020)"). All or nothing: a refused line names its
    number and nothing is added."""
    steps = []
    for number, line in enumerate(pasted_lines(text), start=1):
        read = read_step(line)
        with _line_refusal(number):
            steps.append(step_create(
                action=action, text=read["text"], when_kind=read["when_kind"],
                when_date=datetime.date.fromisoformat(read["when_date"])
                if read["when_date"] else None,
                when_label=read["when_label"]))
    return steps


@transaction.atomic
def follow_ups_add_lines(*, action: Action, author, text: str) -> list[FollowUp]:
    """One follow-up per line of `text`, dated by the date written in it ("AG du 28 février
    2020"), as an import reads it. All or nothing, as `steps_add_lines`."""
    follow_ups = []
    for number, line in enumerate(pasted_lines(text), start=1):
        read = read_follow_up(line)
        with _line_refusal(number):
            follow_ups.append(follow_up_create(
                action=action, author=author, text=read["text"],
                date=datetime.date.fromisoformat(read["date"]) if read["date"] else None))
    return follow_ups


@contextmanager
def _line_refusal(number: int):
    """A refusal of one pasted line, told with its number."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError(
            [_("Line %(number)s: %(message)s") % {"number": number, "message": message}
             for message in error.messages], code="line") from error


@transaction.atomic
def list_item_create(*, model: type[StatutoryFile | Delegation], plan: WorkPlan, **fields):
    _open_plan(plan)
    item = model(plan=plan, **fields)
    item.position = _next_position(model.objects.filter(plan=plan))
    return _save(item)


@transaction.atomic
def row_update(*, row: models.Model, version: str | None = None, **fields) -> models.Model:
    """Change an orientation, action, step, follow-up or list item: only `fields`."""
    plan = _open_plan(row)
    # Only a new choice is checked: a person who left stays named on what they did.
    if fields.get("responsible_user") is not None and (
        fields["responsible_user"].pk != getattr(row, "responsible_user_id", None)
    ):
        _responsible_check(plan, fields)
    return model_update(row, fields, version=version)


@transaction.atomic
def row_delete(*, row: models.Model, by=None) -> None:
    """Delete a row with what it holds (an orientation's actions, their steps and
    follow-ups): one deletion, restorable for a while (`unionplans.restore`)."""
    _open_plan(row)
    restore.delete(row, by=by)


def siblings_of(row: models.Model) -> models.QuerySet:
    """The rows that share `row`'s parent, in which it moves."""
    parents = {
        Orientation: "plan",
        Action: "orientation",
        Step: "action",
        FollowUp: "action",
        Indicator: "action",
        Measurement: "indicator",
        StatutoryFile: "plan",
        Delegation: "plan",
    }
    parent = parents[type(row)]
    return type(row).objects.filter(**{f"{parent}_id": getattr(row, f"{parent}_id")})


@transaction.atomic
def row_move(*, row: models.Model, direction: str) -> None:
    """Swap `row` with its neighbour above or below (refused at either end of the list).

    Numbers (1.1, 1.2…) are derived from the positions, so they follow the move.
    """
    _open_plan(row)
    move_in(siblings_of(row), row, direction)


# Import from Word (the preview is read by plans.imports)


@transaction.atomic
def plan_import(
    *,
    organization: Organization,
    data: dict,
    title: str,
    mandate_start: datetime.date,
    mandate_end: datetime.date,
    by=None,
) -> WorkPlan:
    """A draft plan from an import's preview, whole or not at all.

    Refused with every message of `plan_import_problems`, if any. Rows are inserted in
    bulk, a constant number of queries per kind of row. A step dated outside the mandate
    keeps its date as a label, so that nothing written in the document is lost.
    """
    plan = plan_create(organization=organization, title=title,
                       mandate_start=mandate_start, mandate_end=mandate_end)
    rows = _imported_rows(plan, data, by)
    refuse(_import_problems(data, rows))
    for model in (Orientation, Action, Step, FollowUp, StatutoryFile, Delegation):
        objs = [obj for obj, _source in rows if type(obj) is model]
        # Parents first: each level's objects have their ids when the next one is saved.
        bulk_create_with_history(objs, model, batch_size=500, default_user=by)
    return plan


def plan_import_problems(
    *,
    organization: Organization,
    data: dict,
    title: str,
    mandate_start: datetime.date | None,
    mandate_end: datetime.date | None,
) -> list[Problem]:
    """Every reason `plan_import` would refuse this preview's rows, each with its row's
    source: they are built as it builds them and checked as it checks them. (Without a
    mandate yet, the steps' dates are not compared with it: outside it they would become
    labels, which refuses nothing.)"""
    plan = WorkPlan(organization=organization, title=title, mandate_start=mandate_start,
                    mandate_end=mandate_end)
    return _import_problems(data, _imported_rows(plan, data, None))


def _import_problems(data: dict, rows: list[tuple[models.Model, str]]) -> list[Problem]:
    problems = []
    if not data["orientations"]:
        problems.append(Problem("", _("There is nothing to import in this table: no "
                                      "orientation and no action were read in it.")))
    for obj, source in rows:
        # The foreign keys are the import's own objects: checking them would query each row.
        problems += clean_problems(obj, source,
                                   exclude=["plan", "orientation", "action", "author"])
    return problems


def _imported_rows(plan: WorkPlan, data: dict, by) -> list[tuple[models.Model, str]]:
    rows = []
    for o_position, o in enumerate(data["orientations"]):
        orientation = Orientation(
            plan=plan, position=o_position, numbered=o["numbered"], title=o["title"],
            statement=o["statement"], sub_statements="\n".join(o["sub_statements"]),
        )
        rows.append((orientation, o["source"]))
        for a_position, a in enumerate(o["actions"]):
            action = Action(
                orientation=orientation, position=a_position, what=a["what"],
                responsible=a["responsible"], outcome=a["outcome"],
                outcome_reason=a.get("outcome_reason", ""), outcome_text=a["outcome_text"],
            )
            rows.append((action, a["source"]))
            rows += [(_imported_step(plan, action, position, step), a["source"])
                     for position, step in enumerate(a["steps"])]
            rows += [
                (FollowUp(action=action, position=position, text=f["text"], author=by,
                          date=datetime.date.fromisoformat(f["date"]) if f["date"] else None),
                 a["source"])
                for position, f in enumerate(a["follow_ups"])
            ]
    for model, key in ((StatutoryFile, "statutory_files"), (Delegation, "delegations")):
        rows += [(model(plan=plan, position=position, name=item["name"],
                        responsible=item["responsible"]),
                  f"{capfirst(model._meta.verbose_name)} {position + 1}")
                 for position, item in enumerate(data[key])]
    return rows


def _imported_step(plan: WorkPlan, action: Action, position: int, data: dict) -> Step:
    step = Step(action=action, position=position, text=data["text"],
                when_kind=data["when_kind"], when_label=data["when_label"],
                when_date=datetime.date.fromisoformat(data["when_date"])
                if data["when_date"] else None)
    if step.when_date and plan.mandate_start and plan.mandate_end:
        try:
            step.check_within_mandate(plan)
        except ValidationError:
            step.when_kind, step.when_date = Step.When.LABEL, None
            step.when_label = data["when_text"]
    return step
