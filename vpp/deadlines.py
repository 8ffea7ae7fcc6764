"""Deadline arithmetic: pure functions, no database.

Working days skip Saturdays, Sundays and Quebec's statutory holidays (from the `holidays`
library, Canada / QC). Days left count from today's date in Montreal
(`timezone.localdate()`, TIME_ZONE = America/Montreal), never from the UTC date, so the
count does not slip by one in the evening or around a change of time.
"""

from datetime import date, datetime, timedelta
from functools import cache

import holidays
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    CALENDAR = "calendrier", _("calendar days")
    WORKING = "ouvrables", _("working days")


@cache
def _quebec_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Canada(subdiv="QC", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _quebec_holidays(day.year)


def due_date(trigger: date, days: int, kind: str) -> date:
    """`days` calendar or working days after `trigger` (the trigger day itself not counted).

    A due date past the calendar is `date.max`, never an OverflowError: the models refuse
    trigger dates after LATEST_YEAR, but a deadline stored before that rule must not stop
    its rule from being saved.
    """
    try:
        if kind == DayKind.CALENDAR:
            return trigger + timedelta(days=days)
        day, counted = trigger, 0
        while counted < days:
            day += timedelta(days=1)
            if is_working_day(day):
                counted += 1
        return day
    except OverflowError:
        return date.max


def today(now: datetime | None = None) -> date:
    """Today in Montreal."""
    return timezone.localdate(now)


def days_left(due: date, on: date | None = None) -> int:
    """Days from `on` (default: today in Montreal) to `due`; negative when overdue."""
    return (due - (on or today())).days


def working_days_left(due: date, on: date) -> int:
    """Working days from `on` (not counted) to `due` (counted): 1 when `due` is the next
    working day, 0 when it is `on` or before."""
    counted, day = 0, on
    while day < due:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return counted
