"""Importing a plan de travail from Word: upload, preview, then one confirmation.

The flow is `unionplans.import_flow.WordImport`'s; what is the plans' own is here.
"""

import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from unionplans.import_flow import WordImport
from unionplans.permissions import EDIT, organization_view

from . import imports, services
from .forms import PlanImportForm


def _dates(data: dict) -> dict:
    return {name: datetime.date.fromisoformat(data[name]) if data[name] else None
            for name in ("mandate_start", "mandate_end")}


def _create(request: HttpRequest, data: dict, cleaned_data: dict) -> tuple[str, str]:
    plan = services.plan_import(
        organization=request.organization, data=data, by=request.user,
        **{name: cleaned_data[name] for name in ("title", "mandate_start", "mandate_end")},
    )
    return (reverse("plans:detail", args=[request.organization.slug, plan.pk]),
            _("The plan was imported as a draft: check it, then adopt it."))


PLAN_IMPORT = WordImport(
    name="plans.import",
    read=imports.read_plan,
    problems=lambda request, data: services.plan_import_problems(
        organization=request.organization, data=data, title=data["title"], **_dates(data)),
    counts=imports.counts,
    template="plans/import.html",
    confirm_form=PlanImportForm,
    initial=lambda data: {"title": data["title"], **_dates(data)},
    confirm_url="plans:import_confirm",
    back_url="plans:list",
    create=_create,
)


@organization_view(EDIT, methods=("GET", "POST"))
def plan_import(request: HttpRequest) -> HttpResponse:
    return PLAN_IMPORT.upload(request)


@organization_view(EDIT, methods=("POST",))
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    return PLAN_IMPORT.confirm(request)
