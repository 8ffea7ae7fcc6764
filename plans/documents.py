"""The printed documents of a plan (`unionplans.pdf.Document`): the plan and its bilan,
each versioned by one query over the rows it shows, rendered by the web request or, when
large, by a worker (`unionplans.pdf.rebuild` finds them here)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from unionplans import pdf

from . import selectors
from .models import Action, WorkPlan

# Everything a plan's documents print: its rows, the actions carried over from it into
# the next plan (« Reconduite dans … ») and that next plan (its title is printed).
PLAN_ROWS = [
    *((model, path) for model, path in selectors.PLAN_PATH.items() if model is not WorkPlan),
    (Action, "carried_over_from__orientation__plan"),
    # The previous plan's actions this one carries over (« Reprise de … »): deleting one
    # empties this plan's link by an UPDATE that moves none of this plan's rows.
    (Action, "carried_over_to__orientation__plan"),
    (WorkPlan, "previous"),
]
PLAN_FIELDS = ("updated_at", "organization__updated_at", "previous__updated_at")


def plan_fingerprint(plan: WorkPlan) -> pdf.Fingerprint:
    """The version of everything a plan's documents and its page's body show."""
    return pdf.fingerprint(WorkPlan, plan.pk, fields=PLAN_FIELDS, children=PLAN_ROWS)


def _plans():
    return WorkPlan.objects.select_related("organization", "previous")


@pdf.document_kind("plans.plan", _plans)
def plan_document(plan: WorkPlan, *, drafts: bool = False) -> pdf.Document:
    """A plan's PDF: the view serves it, a worker renders it when large or published.
    Without `drafts` (members, affiliates, the published render) it names no unpublished
    plan."""
    from .views import plan_context

    found = plan_fingerprint(plan)
    return pdf.Document(
        kind="plans.plan", obj=plan, options={"drafts": drafts},
        template_name="plans/pdf/plan.html", title=plan.title,
        context=lambda: plan_context(plan, drafts=drafts), key=found.key,
        last_modified=found.newest, size=found.rows, split_rows=True,
    )


@pdf.document_kind("plans.bilan", _plans)
def bilan_document(plan: WorkPlan) -> pdf.Document:
    from .views import bilan_context

    found = plan_fingerprint(plan)
    return pdf.Document(
        kind="plans.bilan", obj=plan, template_name="plans/pdf/bilan.html",
        title=format_lazy("{} — {}", _("Assessment"), plan.title),
        context=lambda: bilan_context(plan), key=found.key, last_modified=found.newest,
        size=found.rows,
    )
