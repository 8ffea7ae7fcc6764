"""Pages and PDFs of the comité d'entraide; every one needs the ENTRAIDE ability (else 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from unionplans import pdf, permissions
from unionplans.permissions import Access

from . import seed_002, selectors, services
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

PLAN_TITLE = _("Action plan: peer support committee")


def _organization(request: HttpRequest, slug: str):
    return permissions.get_organization_for_user(request.user, slug, permissions.ENTRAIDE)


def _plan(request: HttpRequest, slug: str, pk: int, *, write=False) -> tuple[EntraidePlan, Access]:
    """The plan (or organization template) at `pk`: 404 without ENTRAIDE in its organization.

    Templates are the exécutif's: changing one needs EDIT as well (403).
    """
    plans = EntraidePlan.objects.select_related("organization", "previous", "next_plan")
    plan, access = permissions.get_object_for_user(
        plans.filter(organization__slug=slug), request.user, permissions.ENTRAIDE, pk=pk
    )
    if write and plan.is_template:
        permissions.require(access, permissions.EDIT)
    return plan, access


def _row(request: HttpRequest, slug: str, pk: int, row_pk: int) -> EntraideRow:
    rows = EntraideRow.objects.select_related("plan__organization")
    row, access = permissions.get_object_for_user(
        rows.filter(plan__organization__slug=slug, plan_id=pk),
        request.user,
        permissions.ENTRAIDE,
        via="plan__organization",
        pk=row_pk,
    )
    if row.plan.is_template:
        permissions.require(access, permissions.EDIT)
    return row


def _refuse(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _message_refusal(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _context(organization, **extra) -> dict:
    return {"organization": organization, "current_organization": organization, **extra}


@require_GET
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    organization, access = _organization(request, slug)
    plans = selectors.plans_visible_to(user=request.user, organization=organization)
    templates = selectors.templates_for(user=request.user, organization=organization)
    context = _context(
        organization,
        table=PlanTable(plans, slug=slug),
        own_templates=[t for t in templates if t.organization_id],
        can_edit_templates=permissions.EDIT in access,
    )
    return render(request, "entraide/index.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization, _access = _organization(request, slug)
    templates = selectors.templates_for(user=request.user, organization=organization)
    form = PlanCreateForm(request.POST or None, templates=templates)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create_from_template(
                template=form.cleaned_data["template"],
                organization=organization,
                year=form.cleaned_data["year"],
                period_label=form.cleaned_data["period_label"],
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The plan was created from the template."))
            return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    return render(request, "entraide/plan_create.html", _context(organization, form=form))


@require_GET
@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, access = _plan(request, slug, pk)
    can_change = not plan.is_closed and (not plan.is_template or permissions.EDIT in access)
    context = _context(
        plan.organization,
        plan=plan,
        rows=selectors.rows_of(plan),
        can_change=can_change,
        can_save_as_template=not plan.is_template and permissions.EDIT in access,
        states=EntraideRow.State.choices,
        next_year_form=NextYearForm(),
        template_form=SaveAsTemplateForm(),
    )
    return render(request, "entraide/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = _plan(request, slug, pk, write=True)
    form = PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The plan's header was saved."))
            return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    return render(
        request, "entraide/plan_edit.html", _context(plan.organization, plan=plan, form=form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def row_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = _plan(request, slug, pk, write=True)
    form = RowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_add(plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The row was added."))
            return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    return render(
        request, "entraide/row_form.html", _context(plan.organization, plan=plan, form=form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def row_edit(request: HttpRequest, slug: str, pk: int, row_pk: int) -> HttpResponse:
    row = _row(request, slug, pk, row_pk)
    form = RowForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=row, data=form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The row was saved."))
            return redirect("entraide:plan_detail", slug=slug, pk=pk)
    context = _context(row.plan.organization, plan=row.plan, row=row, form=form)
    return render(request, "entraide/row_form.html", context)


def _row_action(request: HttpRequest, slug: str, pk: int, row_pk: int, action) -> HttpResponse:
    row = _row(request, slug, pk, row_pk)
    try:
        action(row)
    except ValidationError as error:
        _message_refusal(request, error)
    return redirect(f"{reverse('entraide:plan_detail', kwargs={'slug': slug, 'pk': pk})}"
                    f"#row-{row.pk}")


@require_POST
@login_required
def row_delete(request: HttpRequest, slug: str, pk: int, row_pk: int) -> HttpResponse:
    row = _row(request, slug, pk, row_pk)
    try:
        services.row_delete(row=row)
    except ValidationError as error:
        _message_refusal(request, error)
    else:
        messages.success(request, _("The row was removed (its history is kept)."))
    return redirect("entraide:plan_detail", slug=slug, pk=pk)


@require_POST
@login_required
def row_move(request: HttpRequest, slug: str, pk: int, row_pk: int) -> HttpResponse:
    form = RowMoveForm(request.POST)

    def move(row):
        if not form.is_valid():
            raise ValidationError(_("A row moves up or down."))
        services.row_move(row=row, direction=form.cleaned_data["direction"])

    return _row_action(request, slug, pk, row_pk, move)


@require_POST
@login_required
def row_state(request: HttpRequest, slug: str, pk: int, row_pk: int) -> HttpResponse:
    form = RowStateForm(request.POST)

    def set_state(row):
        if not form.is_valid():
            raise ValidationError(_("Choose a state: to do, in progress or done."))
        services.row_set_state(row=row, state=form.cleaned_data["state"])

    return _row_action(request, slug, pk, row_pk, set_state)


@require_http_methods(["GET", "POST"])
@login_required
def plan_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = _plan(request, slug, pk, write=True)
    form = CloseYearForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_close(plan=plan, review=form.cleaned_data["review"])
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The year is closed. You can now start next year's plan."))
            return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    context = _context(plan.organization, plan=plan, form=form, rows=selectors.rows_of(plan))
    return render(request, "entraide/plan_close.html", context)


@require_POST
@login_required
def plan_next_year(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = _plan(request, slug, pk, write=True)
    form = NextYearForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    try:
        following = services.plan_start_next_year(
            plan=plan, period_label=form.cleaned_data["period_label"]
        )
    except ValidationError as error:
        _message_refusal(request, error)
        return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)
    messages.success(request, _("Next year's plan starts with this year's unfinished rows."))
    return redirect("entraide:plan_detail", slug=slug, pk=following.pk)


@require_POST
@login_required
def plan_save_as_template(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, access = _plan(request, slug, pk)
    permissions.require(access, permissions.EDIT)
    form = SaveAsTemplateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the template a name (200 characters at most)."))
        services.plan_save_as_template(plan=plan, name=form.cleaned_data["name"])
    except ValidationError as error:
        _message_refusal(request, error)
    else:
        messages.success(request, _("The plan was saved as a template of the organization."))
    return redirect("entraide:plan_detail", slug=slug, pk=plan.pk)


@require_GET
@login_required
def plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = _plan(request, slug, pk)
    rows = selectors.rows_of(plan)
    return pdf.pdf_response(
        request,
        template_name="entraide/pdf/plan.html",
        context={"organization": plan.organization, "plan": plan, "rows": rows},
        title=format_lazy("{} — {}", PLAN_TITLE, plan.year or plan),
        last_modified=max([plan.updated_at, *(row.updated_at for row in rows)]),
    )


@require_GET
@login_required
def blank_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    organization, _access = _organization(request, slug)
    return pdf.pdf_response(
        request,
        template_name="entraide/pdf/blank.html",
        context={"organization": organization, "rows": range(seed_002.BLANK_ROWS)},
        title=PLAN_TITLE,
        last_modified=organization.updated_at,
    )
