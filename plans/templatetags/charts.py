"""SVG charts of a plan (plans.charts), each with its numbers written beside it:
{% progress_bar progress %}, {% orientation_chart orientations progress %},
{% outcome_chart groups progress %}."""

from django import template

from plans import charts

register = template.Library()


@register.inclusion_tag("plans/charts/_bar.html")
def progress_bar(progress, label=""):
    """A compact stacked bar of one set of actions, by outcome."""
    return {"progress": progress, "segments": charts.segments(progress) if progress.total
            else [], "label": label}


@register.inclusion_tag("plans/charts/_orientations.html")
def orientation_chart(orientations, progress):
    """One stacked bar an orientation, a legend with the plan's counts, and the numbers."""
    labelled = [(str(o.number or o.title or o.statement[:40]), o.progress) for o in orientations]
    return {"rows": charts.rows(labelled), "legend": charts.legend(progress)}


@register.inclusion_tag("plans/charts/_outcomes.html")
def outcome_chart(groups, progress):
    """The bilan's actions by outcome as bars, each with its count."""
    return {"bars": charts.outcome_bars(groups), "total": progress.total}
