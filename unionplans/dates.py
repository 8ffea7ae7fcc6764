"""The dates the app takes: far enough for any mandate or deadline, near enough that every
date computed from them (the next mandate, a due date in working days) stays on the calendar.

The rule is in the models' `clean()` (so the pages, the admin, the demo and the imports all
get it) and in the plain forms that ask for such dates before a service is called.
"""

import datetime

from django.core.exceptions import ValidationError
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
