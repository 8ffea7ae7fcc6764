import re

from django import template

register = template.Library()

_NUMBERED = re.compile(r"^\d+[.)]\s")


@register.filter
def numbered(item: str) -> bool:
    """"1. Identifier un responsable…": the seed prints a numbered result without a bullet."""
    return bool(_NUMBERED.match(str(item)))
