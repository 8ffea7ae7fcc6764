import functools
import re

from django import template
from django.utils import formats, translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def long_date(value) -> str:
    """'18 novembre 2021'; the first of the month reads '1er novembre' as Quebec writes it."""
    if not value:
        return ""
    return _long_date(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _long_date(value, language: str) -> str:
    """Once per date and language: a plan page prints a thousand dates, few of them apart,
    and Django's date formatting costs a tenth of the page."""
    text = formats.date_format(value, "DATE_FORMAT")
    if value.day == 1 and language.startswith("fr"):
        text = "1er" + text.removeprefix("1")
    return text


@functools.lru_cache(maxsize=4096)
def _month_year(value, language: str) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def month_year(value) -> str:
    """« décembre 2019 », once per month and language (as `long_date`)."""
    return _month_year(value, translation.get_language())


@register.filter
def iso_date(value: str):
    """A date kept as text ("2020-02-28", as an import's preview carries it) → the date."""
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


_ORDINAL = re.compile(r"(?<![\w])1(er|re)(?![\w])")


@register.filter(needs_autoescape=True)
def ordinals(value, autoescape=True) -> str:
    """For print: « 1er mai » with its « er » raised, as the seed sets it (1<sup>er</sup>).
    The text is escaped first: only the <sup> is markup."""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(_ORDINAL.sub(r"1<sup>\1</sup>", text))  # noqa: S308 (escaped above)


@register.filter(name="time_of_day")
def time_of_day_filter(value) -> str:
    """« 10 h », « 14 h 35 » (unionplans.dates.time_of_day)."""
    from unionplans.dates import time_of_day

    return time_of_day(value) if value else ""


@register.filter
def date_and_time(value) -> str:
    """« 18 novembre 2021 à 10 h 05 »: a moment in local time, as the history pages say it."""
    if not value:
        return ""
    from django.utils import timezone
    from django.utils.translation import pgettext

    from unionplans.dates import time_of_day

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return pgettext("date and time", "%(date)s at %(time)s") % {
        "date": long_date(local), "time": time_of_day(local)}
