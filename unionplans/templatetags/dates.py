from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter
def long_date(value) -> str:
    """'18 novembre 2021'; the first of the month reads '1er novembre' as Quebec writes it."""
    if not value:
        return ""
    text = formats.date_format(value, "DATE_FORMAT")
    if value.day == 1 and translation.get_language().startswith("fr"):
        text = "1er" + text.removeprefix("1")
    return text


@register.filter
def iso_date(value: str):
    """A date kept as text ("2020-02-28", as an import's preview carries it) → the date."""
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
