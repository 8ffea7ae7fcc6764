"""Reads: what a user may see of the plans, with numbers derived from the order."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from unionplans import permissions
from unionplans.labels import cut
from unionplans.models import Organization

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

PUBLISHED = Q(state__in=WorkPlan.PUBLIC_STATES)

# The path from each model of a plan to its WorkPlan.
PLAN_PATH = {
    WorkPlan: "",
    Orientation: "plan",
    Action: "orientation__plan",
    Step: "action__orientation__plan",
    FollowUp: "action__orientation__plan",
    Indicator: "action__orientation__plan",
    Measurement: "indicator__action__orientation__plan",
    StatutoryFile: "plan",
    Delegation: "plan",
}


def plan_part_for(request, model: type, pk: int, ability: str = permissions.VIEW):
    """The plan, or the row of a plan, at `pk` in the request's organization, checked as its
    plan is: 404 out of reach or unpublished to this person, 403 without `ability`."""
    path = PLAN_PATH[model]
    prefix = f"{path}__" if path else ""
    return permissions.fetch(
        request,
        model.objects.select_related(f"{prefix}organization", *([] if path else ["previous"])),
        ability,
        via=f"{prefix}organization",
        published=Q(**{f"{prefix}state__in": WorkPlan.PUBLIC_STATES}),
        pk=pk,
    )


def plan_of(obj) -> WorkPlan:
    """The plan a plan's row belongs to (the plan itself for a plan)."""
    for attribute in filter(None, PLAN_PATH[type(obj)].split("__")):
        obj = getattr(obj, attribute)
    return obj


def plans_visible_to(*, user, organization: Organization) -> QuerySet[WorkPlan]:
    """The organization's plans `user` may read: all for the executive, published for members."""
    plans = WorkPlan.objects.filter(organization=organization)
    return permissions.scope_published(plans, user, PUBLISHED).annotate(
        action_count=Count("orientations__actions")
    )


def shows_drafts(request) -> bool:
    """Whether the person may open the organization's unpublished plans (its exécutif and
    conseillers), so that its pages and PDFs may name them."""
    return permissions.VIEW_INTERNAL in request.access


def linkable(request, plans: QuerySet[WorkPlan]) -> QuerySet[WorkPlan]:
    """The plans of `plans` the person may open: a page links to nothing that answers 404
    (a membre never sees the draft a closed plan was carried over into)."""
    if shows_drafts(request):
        return plans
    return plans.filter(PUBLISHED)


def previous_of(plan: WorkPlan, *, drafts: bool) -> WorkPlan | None:
    """The plan `plan` carries over, if it may be named (a closed plan reopened back to
    adopted is a draft again)."""
    previous = plan.previous
    return previous if previous is not None and (drafts or previous.is_public) else None


def plan_tree(plan: WorkPlan, *, drafts: bool = False) -> list[Orientation]:
    """The orientations with their actions, steps and follow-ups, numbered, in a fixed number
    of queries whatever the size of the plan.

    Each action has its steps and follow-ups in order as lists, `step_list` and
    `follow_up_list` (a list costs nothing to read; a prefetched manager builds a queryset
    per action), `carried_from` (the action it carries over, or None) and `carried_into`
    (the actions carrying it over, in later plans): without `drafts`, only those of
    published or closed plans, for whoever may not open the others (a membre, a conseil
    central reading an affiliate's plan), on the page as in the PDF.
    """
    later = Action.objects.select_related("orientation__plan").order_by("pk")
    if not drafts:
        later = later.filter(orientation__plan__state__in=WorkPlan.PUBLIC_STATES)
    actions = Action.objects.select_related(
        "carried_over_from__orientation__plan", "responsible_user"
    ).prefetch_related(
        Prefetch("steps", queryset=Step.objects.select_related("responsible_user")
                 .order_by("position", "pk"), to_attr="step_list"),
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("position", "pk"),
                 to_attr="follow_up_list"),
        Prefetch("carried_over_to", queryset=later, to_attr="carried_into"),
    ).order_by("position", "pk")
    orientations = list(
        plan.orientations.order_by("position", "pk").prefetch_related(
            Prefetch("actions", queryset=actions)
        )
    )
    for orientation in orientations:
        for action in orientation.actions.all():
            source = action.carried_over_from
            action.carried_from = source if source is not None and (
                drafts or source.orientation.plan.is_public) else None
    number_orientations(orientations)
    return orientations


def number_orientations(orientations: list[Orientation]) -> None:
    """Set `.number` on each orientation ("1", or "" when unnumbered) and its actions ("1.1").

    The orientations come in order, their actions prefetched in order.
    """
    counter = 0
    for orientation in orientations:
        if orientation.numbered:
            counter += 1
            orientation.number = str(counter)
        else:
            orientation.number = ""
        for index, action in enumerate(orientation.actions.all(), start=1):
            action.number = f"{orientation.number}.{index}" if orientation.number else ""


def plan_lists(plan: WorkPlan) -> tuple[list[StatutoryFile], list[Delegation]]:
    return (
        list(plan.statutory_files.order_by("position", "pk")),
        list(plan.delegations.order_by("position", "pk")),
    )


@dataclass
class Progress:
    """How far a set of actions went, by outcome."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, action: Action) -> None:
        self.counts[action.outcome] = self.counts.get(action.outcome, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts.get(Action.Outcome.DONE, 0)

    @property
    def percent_done(self) -> int:
        """The share of the actions that are done, as printed beside "3 of 4 done"."""
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def segments(self) -> list[dict]:
        """Per outcome present, in the order of the choices: value, label, count, percent."""
        return [
            {
                "outcome": value,
                "label": label,
                "count": self.counts[value],
                "percent": round(100 * self.counts[value] / self.total),
            }
            for value, label in Action.Outcome.choices
            if self.counts.get(value)
        ]


def progress_of(orientations: list[Orientation]) -> Progress:
    """Sets `.progress` on each orientation and returns the whole plan's."""
    overall = Progress()
    for orientation in orientations:
        orientation.progress = Progress()
        for action in orientation.actions.all():
            orientation.progress.add(action)
            overall.add(action)
    return overall


def overdue_steps(orientations: list[Orientation], today) -> int:
    """Flags `.overdue` on each step; returns how many are overdue."""
    count = 0
    for orientation in orientations:
        for action in orientation.actions.all():
            for step in action.step_list:
                step.overdue = step.is_overdue(today)
                count += step.overdue
    return count


@dataclass
class BilanGroup:
    outcome: str
    label: str
    actions: list[Action]


def plan_bilan(orientations: list[Orientation]) -> list[BilanGroup]:
    """The actions grouped by outcome, in the order of the choices, numbered."""
    groups = {value: BilanGroup(value, label, []) for value, label in Action.Outcome.choices}
    for orientation in orientations:
        for action in orientation.actions.all():
            action.orientation_label = orientation.number or orientation.title
            groups[action.outcome].actions.append(action)
    return list(groups.values())


OUTCOME_COLORS = {
    Action.Outcome.UPCOMING: "secondary",
    Action.Outcome.IN_PROGRESS: "info",
    Action.Outcome.DONE: "success",
    Action.Outcome.PARTLY_DONE: "warning",
    Action.Outcome.NOT_DONE: "danger",
    Action.Outcome.POSTPONED: "dark",
}


def answered_by(*, user, today) -> list:
    """« Mes actions »: the unsettled actions and steps of open plans that name `user` as
    QUI, in the plans `user` may read; three queries (`unionplans.my_actions`)."""
    from django.urls import reverse

    from unionplans.due import Item

    open_plans = ~Q(state=WorkPlan.State.CLOSED)

    def readable(queryset, path):
        return permissions.scope_published(
            queryset.filter(**{f"{path}__in": WorkPlan.objects.filter(open_plans)}),
            user, Q(**{f"{path}__state__in": WorkPlan.PUBLIC_STATES}),
            via=f"{path}__organization",
        )

    def url(plan, action_pk):
        return reverse("plans:detail", args=[plan.organization.slug, plan.pk]) + \
            f"#action-{action_pk}"

    actions = readable(
        Action.objects.filter(responsible_user=user).exclude(outcome__in=Action.SETTLED),
        "orientation__plan",
    ).select_related("orientation__plan__organization").prefetch_related(
        Prefetch("steps", queryset=Step.objects.order_by("position", "pk"))
    )
    steps = readable(
        Step.objects.filter(responsible_user=user)
        .exclude(action__outcome__in=Action.SETTLED),
        "action__orientation__plan",
    ).select_related("action__orientation__plan__organization")
    items = []
    for action in actions:
        plan = action.orientation.plan
        # Its most pressing step: the first one overdue, else the next one to come.
        dated = sorted((s for s in action.steps.all() if s.when_date), key=lambda s: s.when_date)
        late = [s for s in dated if s.is_overdue(today)]
        step = (late or dated or [None])[0]
        items.append(Item(
            kind=str(Action._meta.verbose_name).capitalize(), title=action.what,
            organization=plan.organization, url=url(plan, action.pk), context=plan.title,
            date=step.when_date if step else None, when=step.when_text if step else "",
            overdue=bool(late),
        ))
    for step in steps:
        plan = step.action.orientation.plan
        items.append(Item(
            kind=str(Step._meta.verbose_name).capitalize(), title=step.text,
            organization=plan.organization, url=url(plan, step.action_id),
            context=f"{plan.title} — {cut(step.action.what)}", date=step.when_date,
            when=step.when_text, overdue=step.is_overdue(today),
        ))
    return items


def due_items(*, user, today, until, organizations=None) -> list:
    """The dated steps of open plans' unsettled actions, falling due by `until` or overdue
    (`unionplans.due`); one query. A step answers to its own QUI, else to its action's;
    without `organization`, only the steps `user` answers for."""
    from django.urls import reverse

    from unionplans.due import Item, end_of_month

    steps = permissions.scope_published(
        Step.objects.filter(when_kind__in=(Step.When.MONTH, Step.When.DATE),
                            when_date__isnull=False)
        .exclude(action__outcome__in=Action.SETTLED)
        .exclude(action__orientation__plan__state=WorkPlan.State.CLOSED),
        user, Q(action__orientation__plan__state__in=WorkPlan.PUBLIC_STATES),
        via="action__orientation__plan__organization",
    )
    if organizations is not None:
        steps = steps.filter(action__orientation__plan__organization__in=organizations)
    else:
        steps = steps.filter(Q(responsible_user=user) | Q(
            responsible_user__isnull=True, action__responsible_user=user))
    if until is not None:  # a month step is kept if its month begins by then
        steps = steps.filter(Q(when_date__lte=until) | Q(when_date__lt=today))
    steps = steps.select_related(
        "action__orientation__plan__organization", "responsible_user",
        "action__responsible_user",
    )
    items = []
    for step in steps:
        due = end_of_month(step.when_date) if step.when_kind == Step.When.MONTH \
            else step.when_date
        overdue = step.is_overdue(today)
        if until is not None and due > until and not overdue:
            continue
        action, plan = step.action, step.action.orientation.plan
        if organizations is not None:
            why = step.who or action.who
        elif step.responsible_user_id == user.pk:
            why = _("You are in charge of this step.")
        else:
            why = _("You are QUI of its action.")
        items.append(Item(
            kind=str(Step._meta.verbose_name).capitalize(), title=step.text,
            organization=plan.organization,
            url=reverse("plans:detail", args=[plan.organization.slug, plan.pk])
            + f"#action-{action.pk}",
            context=f"{plan.title} — {cut(action.what)}", date=due, when=step.when_text,
            overdue=overdue, why=str(why), key=f"step:{step.pk}",
        ))
    return items


def plan_indicators(plan: WorkPlan, orientations: list[Orientation] | None = None) -> list:
    """The plan's indicators in the plan's order, each with its measurements (date order)
    and its action's number (from `orientations`, the numbered `plan_tree`), in 2 queries."""
    numbers = {}
    for orientation in orientations if orientations is not None else plan_tree(plan):
        for action in orientation.actions.all():
            numbers[action.pk] = action.number or orientation.title
    indicators = list(
        Indicator.objects.filter(action__orientation__plan=plan)
        .select_related("action__orientation")
        .prefetch_related(Prefetch("measurements",
                                   queryset=Measurement.objects.order_by("date", "pk")))
        .order_by("action__orientation__position", "action__position", "position", "pk")
    )
    for indicator in indicators:
        indicator.action_number = numbers.get(indicator.action_id, "")
    return indicators


def last_follow_up_date(plan: WorkPlan):
    """The plan's last update as its SUIVI log dates it: the latest follow-up date."""
    return FollowUp.objects.filter(action__orientation__plan=plan).aggregate(
        last=models.Max("date"))["last"]
