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
