"""Reminders of the steps of a plan de travail (see `unionplans.reminders`).

A dated step of an unsettled action, in an adopted or published plan, is reminded to its
QUI (the step's person, else the action's) in the month it falls (a step dated by month:
from the 1st; a step with a date: the same month, before the date), and once when it is
overdue (the run after its month, or its date, has passed). A membre is reminded only of
published plans, the ones they can read. Keys: `plans.step:<pk>:<when_date>:<month|overdue>`,
so a step moved to another month is reminded again.
"""

import datetime

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from unionplans.labels import cut
from unionplans.models import Membership, Reminder
from unionplans.reminders import Content, Due, absolute, members_of

from .models import Action, Step, WorkPlan

PREFIX = "plans.step"
MONTH, OVERDUE = "month", "overdue"
REMINDED_STATES = (WorkPlan.State.ADOPTED, WorkPlan.State.PUBLISHED)
# Overdue steps are reminded in the month after they fell; older ones are not (the
# weekly digest still lists them).
OVERDUE_WINDOW = datetime.timedelta(days=31)


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _steps():
    return Step.objects.filter(
        when_kind__in=(Step.When.MONTH, Step.When.DATE), when_date__isnull=False,
        action__orientation__plan__state__in=REMINDED_STATES,
    ).exclude(action__outcome__in=Action.SETTLED).annotate(
        who_id=Coalesce("responsible_user_id", "action__responsible_user_id")
    )


def _moment(kind: str, when: datetime.date, today: datetime.date) -> str | None:
    this_month = _first_of_month(today)
    if kind == Step.When.MONTH:
        if when == this_month:
            return MONTH
        previous = _first_of_month(this_month - datetime.timedelta(days=1))
        return OVERDUE if when == previous else None
    if today <= when and _first_of_month(when) == this_month:
        return MONTH
    if today - OVERDUE_WINDOW <= when < today:
        return OVERDUE
    return None


def _may_read(role: str, state: str) -> bool:
    return role != Membership.Role.MEMBER or state in WorkPlan.PUBLIC_STATES


def due(*, today: datetime.date) -> list[Due]:
    """Two queries, whatever the number of steps and people."""
    earliest = _first_of_month(_first_of_month(today) - datetime.timedelta(days=1))
    steps = list(
        _steps().filter(who_id__isnull=False,
                        when_date__gte=min(earliest, today - OVERDUE_WINDOW),
                        when_date__lt=_first_of_month(_first_of_month(today)
                                                      + datetime.timedelta(days=32)))
        .values_list("pk", "when_kind", "when_date", "who_id",
                     "action__orientation__plan__organization_id",
                     "action__orientation__plan__state")
    )
    members = members_of(row[4] for row in steps)
    found = []
    for pk, kind, when, who_id, organization_id, state in steps:
        moment = _moment(kind, when, today)
        role = members.get((who_id, organization_id))
        if moment and role and _may_read(role, state):
            key = f"{PREFIX}:{pk}:{when.isoformat()}:{moment}"
            found.append(Due(who_id, Reminder.STEP, key))
    return found


def content(*, key: str, user, today: datetime.date) -> Content | None:
    """The message, from today's data; None when the step moved, was settled or deleted,
    or is no longer `user`'s."""
    _prefix, pk, planned, moment = key.split(":")
    step = (
        _steps().filter(pk=int(pk), who_id=user.pk)
        .select_related("action__orientation__plan__organization").first()
    )
    if step is None or step.when_date.isoformat() != planned:
        return None
    action = step.action
    plan = action.orientation.plan
    if moment == OVERDUE:
        subject = _("Overdue step: %(step)s") % {"step": cut(step.text)}
        when = _("Planned: %(when)s; the action is not settled yet.") % {
            "when": step.when_text}
    else:
        subject = _("This month: %(step)s") % {"step": cut(step.text)}
        when = _("Planned: %(when)s.") % {"when": step.when_text}
    mine = step.responsible_user_id == user.pk
    return Content(
        subject=subject,
        title=step.text,
        facts=[
            when,
            _("Action: %(what)s") % {"what": action.what[:300]},
            _("Plan: %(plan)s (%(organization)s)") % {
                "plan": plan.title, "organization": plan.organization.short_name},
        ],
        reason=(_("You receive this reminder because you are named as QUI of this step.")
                if mine else
                _("You receive this reminder because you are named as QUI of this action.")),
        url=absolute(reverse("plans:detail", args=[plan.organization.slug, plan.pk])
                     + f"#action-{action.pk}"),
    )

