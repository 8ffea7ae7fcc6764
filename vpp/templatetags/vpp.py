from django import template

register = template.Library()


@register.filter
def stage_changes(events):
    """The events that moved the dossier, leaving out its creation (already fetched: no query)."""
    return [event for event in events if event.is_stage_change]
