"""Importing comité d'entraide plans from Word: upload, preview, then one confirmation.

The same ability as starting a plan from a template (ENTRAIDE: the exécutif and the
comité; everyone else gets a 404). The flow is `unionplans.import_flow.WordImport`'s;
what is entraide's own is here.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from unionplans.import_flow import WordImport
from unionplans.permissions import ENTRAIDE, organization_view

from . import imports, services
from .forms import PlanImportForm


def _create(request: HttpRequest, data: dict, cleaned_data: dict) -> tuple[str, str]:
    plans = services.plan_import(organization=request.organization, data=data,
                                 year=cleaned_data["year"], by=request.user)
    message = ngettext("The plan was imported.",
                       "The %(count)d plans were imported, one per year.",
                       len(plans)) % {"count": len(plans)}
    return reverse("entraide:plan_detail", args=[request.organization.slug, plans[0].pk]), message


ENTRAIDE_IMPORT = WordImport(
    name="entraide.import",
    read=imports.read_entraide,
    # Checked for this year, the confirmation's first; the year itself is the form's.
    problems=lambda request, data: services.plan_import_problems(
        organization=request.organization, data=data, year=timezone.localdate().year),
    counts=imports.counts,
    template="entraide/import.html",
    confirm_form=PlanImportForm,
    initial=lambda data: {"year": timezone.localdate().year},
    confirm_url="entraide:import_confirm",
    back_url="entraide:index",
    create=_create,
)


@organization_view(ENTRAIDE, methods=("GET", "POST"))
def plan_import(request: HttpRequest) -> HttpResponse:
    return ENTRAIDE_IMPORT.upload(request)


@organization_view(ENTRAIDE, methods=("POST",))
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    return ENTRAIDE_IMPORT.confirm(request)
