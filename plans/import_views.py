"""Importing a plan de travail from Word: upload, preview, then one confirmation.

The upload is read in the request that brings it and never stored: the preview travels
to the confirmation signed in a hidden field (`unionplans.importing.sign_preview`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from unionplans.forms import WordUploadForm
from unionplans.importing import read_preview, sign_preview, upload_refusal
from unionplans.permissions import EDIT, organization_view
from unionplans.shortcuts import form_refusal

from . import imports, services
from .forms import PlanImportForm


def _salt(request: HttpRequest) -> str:
    """A preview is good only for the organization and the person it was made for."""
    return f"plans.import:{request.organization.pk}:{request.user.pk}"


@organization_view(EDIT, methods=("GET", "POST"))
def plan_import(request: HttpRequest) -> HttpResponse:
    form = WordUploadForm(request.POST or None, request.FILES or None)
    refusal = upload_refusal(request)
    if refusal:
        return _render(request, upload=WordUploadForm(), errors=[refusal], status=413)
    if request.method == "POST" and form.is_valid():
        try:
            data = imports.read_plan(form.document)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            return _preview(request, data)
    return _render(request, upload=form, status=400 if form.errors else 200)


@organization_view(EDIT, methods=("POST",))
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    form = _confirm_form(request, data=request.POST)
    try:
        data = read_preview(request.POST.get("preview", ""), _salt(request))
    except ValidationError as error:
        return _render(request, upload=WordUploadForm(), errors=error.messages, status=400)
    if form.is_valid():
        fields = {name: form.cleaned_data[name]
                  for name in ("title", "mandate_start", "mandate_end")}
        try:
            plan = services.plan_import(organization=request.organization, data=data,
                                        by=request.user, **fields)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The plan was imported as a draft: check it, then "
                                        "adopt it."))
            return redirect("plans:detail", request.organization.slug, plan.pk)
    return _render(request, data=data, confirm=form, status=400)


def _preview(request: HttpRequest, data: dict) -> HttpResponse:
    form = _confirm_form(request, initial={
        "preview": sign_preview(data, _salt(request)),
        "title": data["title"],
        "mandate_start": data["mandate_start"] or None,
        "mandate_end": data["mandate_end"] or None,
    })
    return _render(request, data=data, confirm=form)


def _confirm_form(request: HttpRequest, **kwargs) -> PlanImportForm:
    form = PlanImportForm(**kwargs)
    form.helper.form_action = reverse("plans:import_confirm", args=[request.organization.slug])
    return form


def _render(request, *, upload=None, data=None, confirm=None, errors=(), status=200):
    errors = [*errors, *(imports.check_lengths(data) if data else [])]
    context = {
        "upload": upload, "data": data, "confirm": confirm, "errors": errors,
        "counts": imports.counts(data) if data else None,
        "back": reverse("plans:list", args=[request.organization.slug]),
    }
    return render(request, "plans/import.html", context, status=status)
