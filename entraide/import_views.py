"""Importing comité d'entraide plans from Word: upload, preview, then one confirmation.

The same ability as starting a plan from a template (ENTRAIDE: the exécutif and the
comité; everyone else gets a 404). The upload is read in the request that brings it and
never stored: the preview travels to the confirmation signed in a hidden field, good only
for the organization and the person it was made for.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from unionplans import permissions
from unionplans.forms import WordUploadForm
from unionplans.importing import read_preview, sign_preview, upload_refusal
from unionplans.permissions import organization_view
from unionplans.shortcuts import form_refusal

from . import imports, services
from .forms import PlanImportForm

ENTRAIDE = permissions.ENTRAIDE


def _salt(request: HttpRequest) -> str:
    """A preview is good only for the organization and the person it was made for."""
    return f"entraide.import:{request.organization.pk}:{request.user.pk}"


@organization_view(ENTRAIDE, methods=("GET", "POST"))
def plan_import(request: HttpRequest) -> HttpResponse:
    refusal = upload_refusal(request)
    if refusal:  # the file was skipped while it came: the form has nothing to check
        return _render(request, upload=WordUploadForm(), errors=[refusal], status=413)
    form = WordUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = imports.read_entraide(form.document)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            return _preview(request, data)
    return _render(request, upload=form, status=400 if form.errors else 200)


@organization_view(ENTRAIDE, methods=("POST",))
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    form = _confirm_form(request, data=request.POST)
    try:
        data = read_preview(request.POST.get("preview", ""), _salt(request))
    except ValidationError as error:
        return _render(request, upload=WordUploadForm(), errors=error.messages, status=400)
    if form.is_valid():
        try:
            plans = services.plan_import(organization=request.organization, data=data,
                                         year=form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, ngettext(
                "The plan was imported.", "The %(count)d plans were imported, one per year.",
                len(plans),
            ) % {"count": len(plans)})
            return redirect("entraide:plan_detail", request.organization.slug, plans[0].pk)
    return _render(request, data=data, confirm=form, status=400)


def _preview(request: HttpRequest, data: dict) -> HttpResponse:
    form = _confirm_form(request, initial={
        "preview": sign_preview(data, _salt(request)),
        "year": timezone.localdate().year,
    })
    return _render(request, data=data, confirm=form)


def _confirm_form(request: HttpRequest, **kwargs) -> PlanImportForm:
    form = PlanImportForm(**kwargs)
    form.helper.form_action = reverse("entraide:import_confirm",
                                      args=[request.organization.slug])
    return form


def _render(request, *, upload=None, data=None, confirm=None, errors=(), status=200):
    problems = imports.check(data) if data else []
    context = {
        "upload": upload, "data": data, "confirm": confirm,
        "errors": [*errors, *(f"{source} : {message}" for source, message in problems)],
        "refused_sources": {source for source, _message in problems},
        "counts": imports.counts(data) if data else None,
        "back": reverse("entraide:index", args=[request.organization.slug]),
    }
    return render(request, "entraide/import.html", context, status=status)
