from django import template

from vpp import selectors
from vpp.deadlines import today

register = template.Library()


@register.inclusion_tag("vpp/_upcoming_deadlines.html", takes_context=True)
def vpp_upcoming_deadlines(context):
    """The dashboard's section: the user's open intervention dossiers, nearest deadline first."""
    user = context["request"].user
    dossiers = selectors.upcoming_deadlines(user=user)
    on = today()
    for dossier in dossiers:
        dossier.left = (dossier.next_due - on).days
        dossier.late = -dossier.left
    return {"dossiers": dossiers}


@register.filter
def stage_changes(events):
    """The events that moved the dossier, leaving out its creation (already fetched: no query)."""
    return [event for event in events if event.is_stage_change]
