from itertools import pairwise

from django import template

from plans.selectors import OUTCOME_COLORS

register = template.Library()


@register.filter
def outcome_color(outcome: str) -> str:
    """The Bootstrap colour of an outcome's badge and progress segment."""
    return OUTCOME_COLORS.get(outcome, "secondary")


@register.filter
def row_parts(action, breaks) -> list[dict]:
    """The PDF's row of `action`, cut where the pages cut it (`unionplans.pdf.page_breaks`:
    for each continued page, the first step "s" and follow-up "f" on it). Each part keeps
    its items' indices (the `data-part` marks); the parts after the first are continuations."""
    steps = list(enumerate(action.steps.all()))
    follow_ups = list(enumerate(action.follow_ups.all()))
    cuts = sorted({(cut.get("s", len(steps)), cut.get("f", len(follow_ups)))
                   for cut in (breaks or {}).get(f"a{action.pk}", [])})
    bounds = [(0, 0), *cuts, (len(steps), len(follow_ups))]
    return [
        {"continued": number > 0, "last": number == len(bounds) - 2,
         "steps": steps[s_from:s_to], "follow_ups": follow_ups[f_from:f_to]}
        for number, ((s_from, f_from), (s_to, f_to)) in enumerate(pairwise(bounds))
    ]
