"""Pages and PDFs of the comité d'entraide; every one needs the ENTRAIDE ability (else 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_htmx.http import reswap, retarget

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


# Rows edited where they are read (htmx): a row's form is fetched into its place in the
# table and posts to its own page's address; saved, the row comes back in place (the whole
# table when the merged objective cells change). Without htmx the same views answer the
# full page and redirect, as before.


def _rows_context(request: HttpRequest, plan: EntraidePlan) -> dict:
    return {
        "plan": plan,
        "rows": selectors.rows_of(plan),
        "can_change": not plan.is_closed and (not plan.is_template or EDIT in request.access),
    }


def _laid_out(row: EntraideRow) -> EntraideRow:
    """The row as the plan's table lays it out: with the rows its objective spans."""
    return next(r for r in selectors.rows_of(row.plan) if r.pk == row.pk)


def _row_back(request: HttpRequest, row: EntraideRow, focus: str) -> HttpResponse:
    """The saved row in place of its form; `focus` ("edit", "state") says which of its
    links the keyboard gets back."""
    context = {"plan": row.plan, "row": _laid_out(row), "can_change": True, "focus": focus,
               "focus_row": row.pk}
    response = render(request, "entraide/_row.html", context)
    return reswap(retarget(response, f"#row-{row.pk}"), "outerHTML")


def _rows_back(request: HttpRequest, plan: EntraidePlan, *, add_form=None,
               focus_row=None) -> HttpResponse:
    """The whole table as saved, in place of the section (htmx); after an added row, with
    the add form open again for the next one."""
    context = {**_rows_context(request, plan), "add_form": add_form, "inline": True,
               "focus": "edit" if focus_row else "", "focus_row": focus_row}
    response = render(request, "entraide/_rows.html", context)
    return reswap(retarget(response, "#rows"), "outerHTML")


def _new_row_form(plan: EntraidePlan, data=None, inline=False) -> RowForm:
    form = RowForm(data, organization=plan.organization,
                   auto_id="new_%s" if inline else "id_%s")
    return once.protect(form)


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
        **_rows_context(request, plan),
        "can_save_as_template": not plan.is_template and can_edit,
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
    inline = bool(request.htmx)
    form = _new_row_form(plan, request.POST or None, inline)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != once.FIELD}
        done = once.submit(request, form, lambda: _url(plan, services.row_add(plan=plan, **fields)),
                           _("The row was added."))
        if done:
            return _rows_back(request, plan, add_form=_new_row_form(plan, inline=True)) \
                if inline else done
    if inline:
        status = form_status(form, 422) if form.is_bound else 200
        return render(request, "entraide/_row_add.html", {"plan": plan, "add_form": form},
                      status=status)
    return render(request, "entraide/row_form.html", {"plan": plan, "form": form})


@organization_view(ENTRAIDE, methods=GET_POST)
def row_edit(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    row = selectors.row_for(request, pk, row_pk)
    inline = bool(request.htmx)
    form = RowForm(request.POST or None, instance=row, organization=row.plan.organization,
                   auto_id=f"row{row.pk}_%s" if inline else "id_%s")
    # Read before the form is checked: checking copies the posted cells onto the row.
    leads = bool(row.objective)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=row, **form.cleaned_data)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            if inline:  # an objective filled or emptied changes the merged cells: all rows
                return _rows_back(request, row.plan, focus_row=row.pk) \
                    if bool(row.objective) != leads else _row_back(request, row, "edit")
            messages.success(request, _("The row was saved."))
            return _detail(row.plan)
    if inline:
        # The row as stored (a refused form's cells are not the row's) and as laid out.
        context = {"plan": row.plan, "row": _laid_out(row), "form": form}
        status = form_status(form, 422) if form.is_bound else 200
        return render(request, "entraide/_row_form_inline.html", context, status=status)
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


@organization_view(ENTRAIDE, methods=GET_POST)
def row_state(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """A row's state, changed from its badge on the plan's page."""
    row = selectors.row_for(request, pk, row_pk)
    inline = bool(request.htmx)
    form = RowStateForm(request.POST or None, instance=row)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose a state: to do, in progress or done."))
            services.row_set_state(row=row, state=form.cleaned_data["state"],
                                   version=form.posted_version)
        except ValidationError as error:
            if not inline:
                show_refusal(request, error)
                return _detail(row.plan, f"row-{row.pk}")
            form.add_error(None, error)
        else:
            return _row_back(request, row, "state") if inline \
                else _detail(row.plan, f"row-{row.pk}")
    context = {"plan": row.plan, "row": row, "form": form, "inline": inline,
               "states": EntraideRow.State.choices}
    if inline:
        status = form_status(form, 422) if form.is_bound else 200
        return render(request, "entraide/_row_state_form.html", context, status=status)
    return render(request, "entraide/row_state.html", context)


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
