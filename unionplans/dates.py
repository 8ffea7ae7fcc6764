"""The dates the app takes: far enough for any mandate or deadline, near enough that every
date computed from them (the next mandate, a due date in working days) stays on the calendar.

The rule is in the models' `clean()` (so the pages, the admin, the demo and the imports all
get it) and in the plain forms that ask for such dates before a service is called.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

LATEST_YEAR = 2100


def too_far(day: datetime.date | None) -> bool:
    return day is not None and day.year > LATEST_YEAR


def far_date_error() -> ValidationError:
    return ValidationError(
        _("This date is too far off: enter a date in %(year)s or before."),
        code="too_far", params={"year": LATEST_YEAR},
    )


def check_date(day: datetime.date | None) -> None:
    """A form field validator: refuses a date after LATEST_YEAR."""
    if too_far(day):
        raise far_date_error()


def check_dates(**dates: datetime.date | None) -> None:
    """For a model's `clean()`: one error on each field whose date is after LATEST_YEAR."""
    errors = {name: far_date_error() for name, day in dates.items() if too_far(day)}
    if errors:
        raise ValidationError(errors)


def time_of_day(moment: datetime.datetime) -> str:
    """A time in the active language's TIME_FORMAT, local time: « 14 h 35 », « 10 h » (a whole
    hour without its minutes, as English "P" writes "10 a.m."), "2:35 p.m."."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if local.minute == 0 and translation.get_language().startswith("fr"):
        return date_format(local, "G\xa0\\h")
    return date_format(local, "TIME_FORMAT")
