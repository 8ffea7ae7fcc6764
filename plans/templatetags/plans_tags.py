from django import template

from plans.selectors import OUTCOME_COLORS

register = template.Library()


@register.filter
def outcome_color(outcome: str) -> str:
    """The Bootstrap colour of an outcome's badge and progress segment."""
    return OUTCOME_COLORS.get(outcome, "secondary")
