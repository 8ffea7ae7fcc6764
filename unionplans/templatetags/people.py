from django import template

from unionplans.people import display_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """`{{ user|person_name }}`: the full name, or the username (see `display_name`)."""
    if not user:
        return ""
    return display_name(user)
