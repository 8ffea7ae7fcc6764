"""Labels of rows for lists, the history and the admin: long text cut, and said cut."""

from django.utils.text import Truncator

LABEL = 80


def cut(text: str, length: int = LABEL) -> str:
    """`text` on one line, at most `length` characters, ending in « … » when cut."""
    return Truncator(" ".join((text or "").split())).chars(length)
