"""Reminders of VPP deadlines (see `unionplans.reminders`).

An unmet deadline of an open dossier is reminded to the dossier's conseiller, direction
and terrain people (those with an active membership in its organisation) when it is
within the organisation's first and last reminder (5 and 1 working days by default), and
on the first day it is overdue. The key carries the due date and the threshold
(`vpp.deadline:<pk>:<due>:<5|1|overdue>`): each is sent once, and a deadline moved to
another date is reminded anew, with its new date. A run that was missed catches up: the
nearest threshold already reached is sent, once.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionplans.models import Organization, Reminder
from unionplans.reminders import Content, Due, absolute, members_of
from unionplans.templatetags.dates import long_date

from .deadlines import DayKind, due_date, working_days_left
from .models import Deadline, Dossier, Stage

PREFIX = "vpp.deadline"
OVERDUE = "overdue"
# An overdue deadline is reminded once, on the first run after it fell; one older than
# this when reminders start (a new install, a dossier entered late) is not.
OVERDUE_WINDOW = datetime.timedelta(days=7)


def _open_deadlines():
    return Deadline.objects.filter(met=False).exclude(dossier__stage=Stage.CLOSED)


def due(*, today: datetime.date) -> list[Due]:
    """Five queries, whatever the number of deadlines and people."""
    thresholds = {
        pk: sorted({first, last} - {0})
        for pk, first, last in Organization.objects.values_list(
            "pk", "reminder_days_first", "reminder_days_last"
        )
    }
    days = {day for values in thresholds.values() for day in values}
    # The last date each threshold reaches today: due on or before it, not before today.
    reaches = {day: due_date(today, day, DayKind.WORKING) for day in days}
    horizon = max(reaches.values(), default=today)
    in_reach = _open_deadlines().filter(due_on__gte=today - OVERDUE_WINDOW, due_on__lte=horizon)
    deadlines = list(
        in_reach.values_list("pk", "due_on", "dossier_id", "dossier__organization_id",
                     "dossier__conseiller_id")
    )
    dossier_ids = {row[2] for row in deadlines}
    people: dict[int, set[int]] = {pk: set() for pk in dossier_ids}
    for through in (Dossier.direction_people.through, Dossier.terrain_people.through):
        for dossier_id, user_id in through.objects.filter(
            dossier_id__in=in_reach.values("dossier_id")
        ).values_list("dossier_id", "user_id"):
            people[dossier_id].add(user_id)
    members = members_of(row[3] for row in deadlines)
    found = []
    for pk, due_on, dossier_id, organization_id, conseiller_id in deadlines:
        if due_on < today:
            threshold = OVERDUE
        else:
            reached = [day for day in thresholds[organization_id] if due_on <= reaches[day]]
            if not reached:
                continue
            threshold = str(min(reached))
        named = people[dossier_id] | ({conseiller_id} if conseiller_id else set())
        key = f"{PREFIX}:{pk}:{due_on.isoformat()}:{threshold}"
        found += [Due(user_id, Reminder.DEADLINE, key) for user_id in sorted(named)
                  if (user_id, organization_id) in members]
    return found


def _side(dossier: Dossier, user) -> str | None:
    """Why `user` receives the reminder: how the dossier names them."""
    if dossier.conseiller_id == user.pk:
        return _("you are the dossier's assigned union adviser")
    if dossier.direction_people.filter(pk=user.pk).exists():
        return _("you are named on the dossier's direction side")
    if dossier.terrain_people.filter(pk=user.pk).exists():
        return _("you are named on the dossier's field side")
    return None


def content(*, key: str, user, today: datetime.date) -> Content | None:
    """The message, from today's data; None when the deadline was met, moved (its new date
    has its own reminder), removed, or no longer names `user`."""
    _prefix, pk, planned_due, threshold = key.split(":")
    deadline = (
        _open_deadlines().select_related("dossier__organization", "rule")
        .filter(pk=int(pk)).first()
    )
    if deadline is None or deadline.due_on.isoformat() != planned_due:
        return None
    dossier = deadline.dossier
    side = _side(dossier, user)
    if side is None:
        return None
    rule = deadline.rule
    name = f"{rule.reference} — {rule.name}"
    due_text = long_date(deadline.due_on)
    if threshold == OVERDUE:
        late = (today - deadline.due_on).days
        subject = _("Overdue: %(deadline)s (%(dossier)s)") % {
            "deadline": name, "dossier": dossier.title}
        when = ngettext("It fell on %(date)s: overdue by %(days)d day.",
                        "It fell on %(date)s: overdue by %(days)d days.", late) % {
            "date": due_text, "days": late}
    else:
        left = working_days_left(deadline.due_on, today)
        subject = ngettext(
            "Deadline in %(days)d working day: %(deadline)s (%(dossier)s)",
            "Deadline in %(days)d working days: %(deadline)s (%(dossier)s)", left,
        ) % {"days": left, "deadline": name, "dossier": dossier.title}
        if left == 0:
            subject = _("Deadline today: %(deadline)s (%(dossier)s)") % {
                "deadline": name, "dossier": dossier.title}
        when = ngettext("Due on %(date)s, in %(days)d working day.",
                        "Due on %(date)s, in %(days)d working days.", left) % {
            "date": due_text, "days": left}
    facts = [
        when,
        _("Rule: %(duration)s from %(trigger)s, counted from %(date)s.") % {
            "duration": rule.duration, "trigger": rule.trigger,
            "date": long_date(deadline.trigger_date)},
        _("Dossier: %(title)s — %(establishment)s, %(organization)s (stage: %(stage)s).") % {
            "title": dossier.title, "establishment": dossier.establishment,
            "organization": dossier.organization.short_name,
            "stage": dossier.get_stage_display()},
    ]
    if deadline.note:
        facts.append(deadline.note)
    return Content(
        subject=subject,
        title=name,
        facts=facts,
        reason=_("You receive this reminder because %(side)s.") % {"side": side},
        url=absolute(reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])),
    )

