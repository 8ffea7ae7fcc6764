import functools
from itertools import pairwise

from django import template
from django.urls import get_script_prefix, reverse

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


# A row id no database holds: the one reversal of each control's address stands it in.
_ANY_ROW = 999_999_999_999


@functools.lru_cache(maxsize=1024)
def _row_pattern(name: str, kind: str, slug: str, prefix: str) -> str:
    return reverse(f"plans:{name}", args=[slug, kind, _ANY_ROW])


@register.simple_tag(takes_context=True)
def row_url(context, name: str, kind: str, pk) -> str:
    """`{% url 'plans:<name>' organization.slug kind pk %}`, reversed once for each name,
    kind and organization (per process: addresses do not change while it runs), then given
    each row's id: the plan page has a few controls per step and follow-up, thousands on a
    real plan."""
    pattern = _row_pattern(name, kind, context["organization"].slug, get_script_prefix())
    return pattern.replace(f"/{_ANY_ROW}/", f"/{int(pk)}/", 1)
