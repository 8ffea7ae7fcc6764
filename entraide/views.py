"""Pages and PDFs of the comité d'entraide; every one needs the ENTRAIDE ability (else 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from unionplans import office, once, pdf, permissions, restore_views
from unionplans.permissions import organization_view
from unionplans.shortcuts import form_refusal, form_status, show_refusal

from . import documents, exports, selectors, services
from .exports import PLAN_TITLE
from .forms import (
    CloseYearForm,
    NextYearForm,
    PlanCreateForm,
    PlanHeaderForm,
    RowForm,
    RowMoveForm,
    RowStateForm,
    SaveAsTemplateForm,
)
from .models import EntraidePlan, EntraideRow
from .tables import PlanTable

GET_POST = ("GET", "POST")
ENTRAIDE, EDIT = permissions.ENTRAIDE, permissions.EDIT


def _url(plan: EntraidePlan, row: EntraideRow | None = None) -> str:
    url = reverse("entraide:plan_detail", args=[plan.organization.slug, plan.pk])
    return f"{url}#row-{row.pk}" if row else url


def _detail(plan: EntraidePlan, anchor: str = "") -> HttpResponse:
    url = _url(plan)
    return redirect(f"{url}#{anchor}" if anchor else url)


@organization_view(ENTRAIDE)
def index(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    plans = selectors.plans_visible_to(user=request.user, organization=organization)
    templates = selectors.templates_for(user=request.user, organization=organization)
    context = {
        "table": PlanTable(plans, slug=organization.slug),
        "own_templates": [t for t in templates if t.organization_id],
        "can_edit_templates": EDIT in request.access,
    }
    return render(request, "entraide/index.html", context)


@organization_view(ENTRAIDE, methods=GET_POST)
def plan_create(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    templates = selectors.templates_for(user=request.user, organization=organization)
    form = once.protect(PlanCreateForm(request.POST or None, templates=templates))
    if request.method == "POST" and form.is_valid():
        done = once.submit(request, form, lambda: _url(services.plan_create_from_template(
            template=form.cleaned_data["template"],
            organization=organization,
            year=form.cleaned_data["year"],
            period_label=form.cleaned_data["period_label"],
        )), _("The plan was created from the template."))
        if done:
            return done
    return render(request, "entraide/plan_create.html", {"form": form})


@organization_view(ENTRAIDE)
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what in the plan: confidential as the plan (404 without ENTRAIDE)."""
    plan = selectors.plan_for(request, pk)
    back = reverse("entraide:plan_detail", args=[request.organization.slug, plan.pk])
    return restore_views.history_page(request, plan, title=str(plan), back=back)


@organization_view(ENTRAIDE)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk)
    can_edit = EDIT in request.access
    context = {
        "plan": plan,
        "rows": selectors.rows_of(plan),
        "can_change": not plan.is_closed and (not plan.is_template or can_edit),
        "can_save_as_template": not plan.is_template and can_edit,
        "states": EntraideRow.State.choices,
        "next_year_form": once.protect(NextYearForm()),
        "template_form": once.protect(SaveAsTemplateForm()),
    }
    return render(request, "entraide/plan_detail.html", context)


@organization_view(ENTRAIDE, methods=GET_POST)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk, write=True)
    form = PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The plan's header was saved."))
            return _detail(plan)
    return render(request, "entraide/plan_edit.html", {"plan": plan, "form": form},
                  status=form_status(form))


@organization_view(ENTRAIDE, methods=GET_POST)
def row_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk, write=True)
    form = once.protect(RowForm(request.POST or None, organization=plan.organization))
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != once.FIELD}
        done = once.submit(request, form, lambda: _url(plan, services.row_add(plan=plan, **fields)),
                           _("The row was added."))
        if done:
            return done
    return render(request, "entraide/row_form.html", {"plan": plan, "form": form})


@organization_view(ENTRAIDE, methods=GET_POST)
def row_edit(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    row = selectors.row_for(request, pk, row_pk)
    form = RowForm(request.POST or None, instance=row, organization=row.plan.organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=row, **form.cleaned_data)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The row was saved."))
            return _detail(row.plan)
    context = {"plan": row.plan, "row": row, "form": form, "states": EntraideRow.State.choices,
               "state_form": RowStateForm(instance=row)}
    return render(request, "entraide/row_form.html", context, status=form_status(form))


@organization_view(ENTRAIDE, methods=["POST"])
def row_delete(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    row = selectors.row_for(request, pk, row_pk)
    try:
        services.row_delete(row=row, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The row was removed (its history is kept)."))
    return _detail(row.plan)


@organization_view(ENTRAIDE, methods=["POST"])
def row_move(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    row = selectors.row_for(request, pk, row_pk)
    form = RowMoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("A row moves up or down."))
        services.row_move(row=row, direction=form.cleaned_data["direction"])
    except ValidationError as error:
        show_refusal(request, error)
    return _detail(row.plan, f"row-{row.pk}")


@organization_view(ENTRAIDE, methods=["POST"])
def row_state(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    row = selectors.row_for(request, pk, row_pk)
    form = RowStateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a state: to do, in progress or done."))
        services.row_set_state(row=row, state=form.cleaned_data["state"],
                               version=form.posted_version)
    except ValidationError as error:
        show_refusal(request, error)
    return _detail(row.plan, f"row-{row.pk}")


@organization_view(ENTRAIDE, methods=GET_POST)
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk, write=True)
    form = CloseYearForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_close(plan=plan, review=form.cleaned_data["review"],
                                version=form.cleaned_data["version"])
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The year is closed. You can now start next year's plan."))
            return _detail(plan)
    context = {"plan": plan, "form": form, "rows": selectors.rows_of(plan)}
    return render(request, "entraide/plan_close.html", context, status=form_status(form))


@organization_view(ENTRAIDE, methods=["POST"])
def plan_next_year(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk, write=True)
    form = once.protect(NextYearForm(request.POST))
    if not form.is_valid():
        show_refusal(request, ValidationError(form.errors))
        return _detail(plan)
    done = once.submit(request, form, lambda: _url(services.plan_start_next_year(
        plan=plan, period_label=form.cleaned_data["period_label"])),
        _("Next year's plan starts with this year's unfinished rows."))
    if done is None:
        show_refusal(request, ValidationError(form.errors))
        return _detail(plan)
    return done


@organization_view(ENTRAIDE, methods=["POST"])
def plan_save_as_template(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk)
    permissions.require(request.access, EDIT)
    form = once.protect(SaveAsTemplateForm(request.POST))
    if not form.is_valid():
        messages.error(request, _("Give the template a name (200 characters at most)."))
        return _detail(plan)

    def create() -> str:
        services.plan_save_as_template(plan=plan, name=form.cleaned_data["name"])
        return _url(plan)

    done = once.submit(request, form, create,
                       _("The plan was saved as a template of the organization."))
    if done is None:
        show_refusal(request, ValidationError(form.errors))
        return _detail(plan)
    return done


@organization_view(ENTRAIDE)
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk)
    # The paper never had the rows' states: printed only when asked for (?etats=1).
    with_states = request.GET.get("etats") == "1" and not plan.is_template
    return pdf.pdf_response(request, documents.plan_document(plan, with_states=with_states))


@organization_view(ENTRAIDE)
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request, pk)
    title = format_lazy("{} — {}", PLAN_TITLE, plan.year or plan)
    return office.download(exports.plan_docx(plan), title, office.DOCX)


@organization_view(ENTRAIDE)
def blank_pdf(request: HttpRequest) -> HttpResponse:
    """The seed's two blank forms, one a page: Plan d'action, then Plan de travail."""
    return pdf.pdf_response(request, documents.blank_document(request.organization))
