import functools
import html
from itertools import pairwise

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

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
    steps = list(enumerate(action.step_list))
    follow_ups = list(enumerate(action.follow_up_list))
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
    return _with_pk(_pattern(context, name, kind), pk)


def _pattern(context, name: str, kind: str) -> str:
    """The address of `plans:<name>` for `kind` in the page's organization, `_ANY_ROW` for
    the row's id."""
    return _row_pattern(name, kind, context["organization"].slug, get_script_prefix())


def _with_pk(pattern: str, pk) -> str:
    return pattern.replace(f"/{_ANY_ROW}/", f"/{int(pk)}/", 1)


# The steps and follow-ups of the plan page, and each row's « Modifier », are built here,
# as the admin builds its changelist's cells (`items_for_result`): a real plan has
# thousands, and the template engine spent most of the page's time on them. Each value
# goes through `_escape`, the standard library's `html.escape` that Django's `escape`
# calls: Django's first checks every argument for a lazy string, most of the cost here.


def _escape(value) -> str:
    return html.escape(str(value))


def _lines(text: str) -> str:
    """`text` escaped, each line break a `<br>` (as `linebreaksbr`)."""
    return _escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


@register.simple_tag(takes_context=True)
def step_items(context, action) -> SafeString:
    """The `<li>` of each step of `action` (of `selectors.plan_tree`; COMMENT et QUAND):
    in red with a badge when overdue (`selectors.overdue_steps`), with its « Modifier »
    while the row is edited."""
    edit = _edit_pattern(context, action, "etape")
    return mark_safe("".join(_step_item(step, edit) for step in action.step_list))  # noqa: S308


@register.simple_tag(takes_context=True)
def follow_up_items(context, action) -> SafeString:
    """The `<li>` of each follow-up of `action` (of `selectors.plan_tree`; SUIVI), its date
    first unless its text says it, with its « Modifier » while the row is edited."""
    edit = _edit_pattern(context, action, "suivi")
    return mark_safe("".join(_follow_up_item(f, edit)  # noqa: S308
                             for f in action.follow_up_list))


@register.simple_tag(takes_context=True)
def row_open_link(context, action, focus: str = "") -> SafeString:
    """« Modifier » of a row not being edited, the one control of each row on the
    exécutif's page: `?edit=` shows the row's controls without JavaScript, htmx fetches
    them in place (`plans:row_editing`)."""
    pk = int(action.pk)
    url = row_url(context, "row_editing", "action", pk)
    autofocus = " autofocus" if focus == "modifier" else ""
    name = _escape(action.number or Truncator(action.what).chars(40))
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<a class="row-open" href="?edit={pk}#action-{pk}" hx-get="{_escape(url)}"{autofocus}>'
        f'{_escape(_("Edit"))}<span class="visually-hidden"> : {_escape(_("action"))} {name}'
        "</span></a>")


def _edit_pattern(context, action, kind: str) -> str:
    return _pattern(context, "row_update", kind) if action.editing else ""


def _step_item(step, edit_pattern: str) -> str:
    overdue = getattr(step, "overdue", False)
    when = f" ({_escape(step.when_text)})" if step.when_text else ""
    who = f' <span class="text-muted">— {_escape(step.who)}</span>' \
        if step.responsible_user_id else ""
    badge = f' <span class="badge text-bg-danger">{_escape(_("overdue"))}</span>' \
        if overdue else ""
    return (f'<li class="{"text-danger" if overdue else ""}">- {_lines(step.text)}{when}{who}'
            f"{badge}{_edit_link(edit_pattern, step)}</li>")


def _follow_up_item(follow_up, edit_pattern: str) -> str:
    prefix = follow_up.date_prefix
    date = f'<span class="text-muted">{_escape(prefix)} :</span> ' if prefix else ""
    return f"<li>- {date}{_lines(follow_up.text)}{_edit_link(edit_pattern, follow_up)}</li>"


def _edit_link(pattern: str, line) -> str:
    if not pattern:
        return ""
    url = _escape(_with_pk(pattern, line.pk))
    return (f' <a class="row-edit" href="{url}" hx-get="{url}">{_escape(_("Edit"))}'
            f'<span class="visually-hidden"> : {_escape(Truncator(line.text).chars(40))}'
            "</span></a>")
