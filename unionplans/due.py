"""What falls due: the one place that lists what a person answers for, and by when.

This package imports no app (see `unionplans.demo`): each app that names people in its
rows gives, in its `selectors.py`,

- `answered_by(*, user, today) -> list[Item]`: everything open that names `user` (« Mes
  actions »: actions, steps, dossiers, entraide rows, dated or not);
- `due_items(*, user, today, until, organization=None) -> list[Item]`: the dated things
  that fall due by `until` (None: whenever) and everything overdue — the steps of plans,
  the deadlines and tasks of VPP dossiers, the entraide rows with a date. Without
  `organization`, those `user` answers for across their organizations; with one, all of
  that organization's that `user` may open.

Both are found through the app registry, as `loaddemo` finds each `demo.py`. Each app's
reader scopes its rows with `unionplans.permissions` exactly as its pages do (VIEW and
published for plans, the dossier rule of `vpp.selectors`, ENTRAIDE — confidential — for
the comité d'entraide) and runs a fixed number of queries, whatever the number of rows.
The reminders, the dashboard, the calendars and « Mes actions » all read from here.
"""

import calendar
import datetime
from dataclasses import dataclass, replace
from importlib import import_module

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from .models import Organization

WINDOW_DAYS = 30  # « À échéance »: the next 30 days, and everything overdue


@dataclass(frozen=True)
class Item:
    """One thing to answer for, as the pages, the reminders and the calendars show it."""

    kind: str  # "Action", "Étape", "Échéance VPP"… (translated)
    title: str
    organization: Organization
    url: str
    context: str = ""  # where it belongs: the plan, the dossier's stage…
    date: datetime.date | None = None  # when it falls due; None sorts last
    when: str = ""  # the date as the item's page writes it (« mars 2020 », a schedule)
    overdue: bool = False
    why: str = ""  # why it is listed: « Vous êtes QUI de l'action », the person in charge
    key: str = ""  # stable and unique: "step:12", "deadline:3" (reminders' log, calendars)
    days_left: int | None = None  # from today to `date`, negative when overdue (`due_for`)
    # The comité d'entraide's rows: shown in the app only, never sent out of it (calendars).
    confidential: bool = False

    @property
    def days_late(self) -> int:
        return -self.days_left if self.days_left is not None else 0


def end_of_month(day: datetime.date) -> datetime.date:
    """A step planned for a month falls due on its last day."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _readers(name: str) -> list:
    readers = []
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(
            config.module, "selectors"
        ):
            continue
        module = import_module(f"{config.name}.selectors")
        if hasattr(module, name):
            readers.append(getattr(module, name))
    return readers


def _by_date(items) -> list[Item]:
    return sorted(items, key=lambda item: (
        item.date is None, item.date or datetime.date.max, item.organization.short_name,
        item.title, item.key,
    ))


def items_for(*, user, today: datetime.date | None = None) -> list[Item]:
    """« Mes actions »: everything `user` answers for, nearest date first; undated items
    (an entraide row's schedule is often a season, not a date) last."""
    today = today or timezone.localdate()
    return _by_date(item for read in _readers("answered_by") for item in read(user=user,
                                                                              today=today))


def due_for(
    *, user, today: datetime.date | None = None, days: int | None = WINDOW_DAYS,
    organizations=None,
) -> list[Item]:
    """What falls due within `days` (None: whenever) and everything overdue, by date.

    Without `organizations`: what `user` answers for, in every organization. With some
    (a list or a queryset): everything of those organizations that `user` may open (the
    dashboard's cards, an organization's calendar), whoever answers for it.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    today = today or timezone.localdate()
    until = None if days is None else today + datetime.timedelta(days=days)
    return _by_date(
        replace(item, days_left=(item.date - today).days) for read in _readers("due_items")
        for item in read(user=user, today=today, until=until, organizations=organizations)
    )


def due_in(*, organization: Organization, user, today: datetime.date | None = None,
           days: int | None = WINDOW_DAYS) -> list[Item]:
    """The per-organization variant: everything of `organization` falling due that `user`
    may open."""
    return due_for(user=user, today=today, days=days, organizations=[organization])


def due_by_organization(*, user, organizations, today: datetime.date | None = None,
                        days: int | None = WINDOW_DAYS) -> dict[int, list[Item]]:
    """`due_in` for several organizations at once, in the same number of queries as one:
    organization pk → its items, by date."""
    grouped: dict[int, list[Item]] = {organization.pk: [] for organization in organizations}
    for item in due_for(user=user, today=today, days=days, organizations=list(organizations)):
        grouped.setdefault(item.organization.pk, []).append(item)
    return grouped
