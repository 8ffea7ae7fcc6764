"""The printed documents of the comité d'entraide (`unionplans.pdf.Document`): a plan,
and the seed's two blank forms."""

from django.utils.text import format_lazy

from unionplans import pdf
from unionplans.models import Organization

from . import seed_002
from .exports import PLAN_TITLE
from .models import EntraidePlan, EntraideRow

PLAN_ROWS = [(EntraideRow, "plan"), (EntraideRow.responsible_users.through, "entraiderow__plan")]


def _plans():
    return EntraidePlan.objects.select_related("organization", "previous", "next_plan")


@pdf.document_kind("entraide.plan", _plans)
def plan_document(plan: EntraidePlan, *, with_states: bool = False) -> pdf.Document:
    """A plan as the Word document reads, with the rows' states only when asked."""
    from . import selectors

    found = pdf.fingerprint(EntraidePlan, plan.pk, children=PLAN_ROWS,
                            fields=("updated_at", "organization__updated_at"))

    def context() -> dict:
        return {"organization": plan.organization, "plan": plan,
                "rows": selectors.rows_of(plan), "with_states": with_states}

    return pdf.Document(
        kind="entraide.plan", obj=plan, options={"with_states": with_states},
        template_name="entraide/pdf/plan.html",
        title=format_lazy("{} — {}", PLAN_TITLE, plan.year or plan), context=context,
        key=found.key, last_modified=found.newest, size=found.rows,
    )


@pdf.document_kind("entraide.blank", Organization.objects.all)
def blank_document(organization: Organization) -> pdf.Document:
    """The seed's two blank forms, one a page: fixed text and the organization's name."""
    forms = [{**form, "line_range": range(form["lines"])} for form in seed_002.BLANK_FORMS]
    return pdf.Document(
        kind="entraide.blank", obj=organization, template_name="entraide/pdf/blank.html",
        title=forms[0]["title"],
        context=lambda: {"organization": organization, "rows": range(seed_002.BLANK_ROWS),
                         "forms": forms},
        key=(organization.updated_at,), last_modified=organization.updated_at,
    )
