"""Plans de travail in the browser: short views that parse input and call services/selectors.

Every view fetches its object through `unionplans.permissions` first: another
organization's plan is a 404, an unpublished plan is a 404 for members, a write without
the EDIT ability is a 403.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from unionplans import pdf, permissions
from unionplans.permissions import Access

from . import selectors, services
from .filters import WorkPlanFilter
from .forms import (
    ActionForm,
    CarryOverForm,
    DelegationForm,
    FollowUpForm,
    OrientationForm,
    StatutoryFileForm,
    StepForm,
    TransitionForm,
    WorkPlanForm,
)
from .models import Action, Delegation, FollowUp, Orientation, StatutoryFile, Step, WorkPlan
from .tables import WorkPlanTable

GET_POST = require_http_methods(["GET", "POST"])


@dataclass(frozen=True)
class RowKind:
    """A kind of row in a plan: how to reach its plan, its parent, its form."""

    model: type[models.Model]
    form: type
    plan_path: str  # lookup from the row to its WorkPlan
    parent_model: type[models.Model]
    parent_field: str
    label: str
    movable: bool = True

    @property
    def via(self) -> str:
        return f"{self.plan_path}__organization"

    def plan_of(self, row) -> WorkPlan:
        return permissions.organization_of(row, self.plan_path)


ROWS = {
    "orientation": RowKind(
        Orientation, OrientationForm, "plan", WorkPlan, "plan", _("orientation")
    ),
    "action": RowKind(
        Action, ActionForm, "orientation__plan", Orientation, "orientation", _("action")
    ),
    "etape": RowKind(Step, StepForm, "action__orientation__plan", Action, "action", _("step")),
    "suivi": RowKind(
        FollowUp,
        FollowUpForm,
        "action__orientation__plan",
        Action,
        "action",
        _("follow-up"),
        movable=False,
    ),
    "dossier-statutaire": RowKind(
        StatutoryFile, StatutoryFileForm, "plan", WorkPlan, "plan", _("statutory file")
    ),
    "delegation": RowKind(
        Delegation, DelegationForm, "plan", WorkPlan, "plan", _("organization or delegation")
    ),
}

# The plan a parent belongs to, from the parent model.
PARENT_PLAN_PATH = {WorkPlan: "", Orientation: "plan", Action: "orientation__plan"}


def require(access: Access, ability: str) -> None:
    if ability not in access:
        raise PermissionDenied


def get_plan_for_user(
    user, slug: str, pk: int, ability: str = permissions.VIEW
) -> tuple[WorkPlan, Access]:
    """The plan, 404 if out of reach or unpublished for this user, 403 without `ability`."""
    plan, access = permissions.get_object_for_user(
        selectors.plan_queryset(), user, permissions.VIEW, organization__slug=slug, pk=pk
    )
    permissions.check_published(access, plan.is_public)
    require(access, ability)
    return plan, access


def get_row_for_user(user, slug: str, kind: RowKind, pk: int, ability: str):
    """A row of a plan, checked as its plan is; returns (row, plan, access)."""
    row, access = permissions.get_object_for_user(
        kind.model.objects.all(),
        user,
        permissions.VIEW,
        via=kind.via,
        **{f"{kind.via}__slug": slug, "pk": pk},
    )
    plan = kind.plan_of(row)
    permissions.check_published(access, plan.is_public)
    require(access, ability)
    return row, plan, access


CLOSED_MESSAGE = _(
    "This plan is closed: its content can no longer be changed. Carry it over into the next "
    "mandate to keep working on its unfinished actions."
)


def refuse_if_closed(request: HttpRequest, plan: WorkPlan) -> HttpResponse | None:
    """A closed plan is the record of a finished mandate: its content is locked.

    Returns the redirect to show instead of the edit, or None when the plan is open.
    """
    if plan.is_closed:
        messages.error(request, CLOSED_MESSAGE)
        return redirect(plan_url(plan))
    return None


def plan_url(plan: WorkPlan, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[plan.organization.slug, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def row_anchor(row) -> str:
    if isinstance(row, Orientation):
        return f"orientation-{row.pk}"
    if isinstance(row, Action):
        return f"action-{row.pk}"
    if isinstance(row, Step | FollowUp):
        return f"action-{row.action_id}"
    return "listes"


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_fields(form) -> dict:
    """The model fields a form edits, from its cleaned data."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.fields
            and name in {f.name for f in form._meta.model._meta.get_fields()}}


# Plans


@require_GET
@login_required
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization, access = permissions.get_organization_for_user(request.user, slug)
    plans = selectors.plans_visible_to(user=request.user, organization=organization)
    filterset = WorkPlanFilter(request.GET, queryset=plans.select_related("organization"))
    table = WorkPlanTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 20}).configure(table)
    context = {
        "organization": organization,
        "current_organization": organization,
        "filter": filterset,
        "table": table,
        "can_edit": permissions.EDIT in access,
    }
    return render(request, "plans/plan_list.html", context)


@GET_POST
@login_required
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization, _access = permissions.get_organization_for_user(
        request.user, slug, permissions.EDIT
    )
    form = WorkPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(organization=organization, **form_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan was created."))
            return redirect(plan_url(plan))
    return render_form(
        request,
        form,
        organization=organization,
        heading=_("New work plan"),
        back=reverse("plans:list", args=[slug]),
    )


@require_GET
@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, slug, pk)
    context = plan_context(plan)
    context.update(
        {
            "current_organization": plan.organization,
            "can_manage": permissions.EDIT in access,
            "can_edit": permissions.EDIT in access and not plan.is_closed,
            "next_state": services.TRANSITIONS.get(plan.state),
            "next_state_label": (
                WorkPlan.State(services.TRANSITIONS[plan.state]).label
                if plan.state in services.TRANSITIONS
                else ""
            ),
            "next_plans": list(plan.next_plans.all()),
        }
    )
    return render(request, "plans/plan_detail.html", context)


def plan_context(plan: WorkPlan) -> dict:
    """What the page and the PDF of a plan show, in a fixed number of queries."""
    orientations = selectors.plan_tree(plan)
    statutory_files, delegations = selectors.plan_lists(plan)
    today = timezone.localdate()
    return {
        "organization": plan.organization,
        "plan": plan,
        "orientations": orientations,
        "progress": selectors.progress_of(orientations),
        "overdue_count": selectors.overdue_steps(orientations, today),
        "statutory_files": statutory_files,
        "delegations": delegations,
        "today": today,
    }


@GET_POST
@login_required
def plan_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    form = WorkPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, **form_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(plan_url(plan))
    return render_form(
        request, form, organization=plan.organization, plan=plan,
        heading=_("Edit the plan"), back=plan_url(plan),
    )


@GET_POST
@login_required
def plan_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    if request.method == "POST":
        services.plan_delete(plan=plan)
        messages.success(request, _("The plan was deleted."))
        return redirect("plans:list", slug)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "organization": plan.organization,
            "current_organization": plan.organization,
            "plan": plan,
            "object_label": plan.title,
            "back": plan_url(plan),
        },
    )


@require_POST
@login_required
def plan_transition(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk, permissions.EDIT)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown state."))
        return redirect(plan_url(plan))
    try:
        plan = services.plan_transition(
            plan=plan,
            to_state=form.cleaned_data["to_state"],
            adopted_on=form.cleaned_data["adopted_on"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("The plan is now « %(state)s ».") % {"state": plan.get_state_display()}
        )
    return redirect(plan_url(plan))


@require_GET
@login_required
def plan_bilan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, slug, pk)
    context = bilan_context(plan)
    context["current_organization"] = plan.organization
    context["can_edit"] = permissions.EDIT in access
    return render(request, "plans/bilan.html", context)


def bilan_context(plan: WorkPlan) -> dict:
    orientations = selectors.plan_tree(plan)
    return {
        "organization": plan.organization,
        "plan": plan,
        "orientations": orientations,
        "progress": selectors.progress_of(orientations),
        "groups": selectors.plan_bilan(orientations),
    }


@require_GET
@login_required
def plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk)
    context = plan_context(plan)
    return pdf.pdf_response(
        request,
        template_name="plans/pdf/plan.html",
        context=context,
        title=plan.title,
        last_modified=last_change(plan),
    )


@require_GET
@login_required
def bilan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk)
    return pdf.pdf_response(
        request,
        template_name="plans/pdf/bilan.html",
        context=bilan_context(plan),
        title=format_lazy("{} — {}", _("Assessment"), plan.title),
        last_modified=last_change(plan),
    )


def last_change(plan: WorkPlan):
    """The newest change to the plan or anything in it (for Last-Modified)."""
    dates = [plan.updated_at]
    for model, path in [
        (Orientation, "plan"),
        (Action, "orientation__plan"),
        (Step, "action__orientation__plan"),
        (FollowUp, "action__orientation__plan"),
        (StatutoryFile, "plan"),
        (Delegation, "plan"),
    ]:
        newest = model.objects.filter(**{path: plan}).aggregate(newest=Max("updated_at"))
        if newest["newest"]:
            dates.append(newest["newest"])
    return max(dates)


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@GET_POST
@login_required
def plan_carry_over(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, slug, pk, permissions.EDIT)
    length = plan.mandate_end.year - plan.mandate_start.year
    next_end = years_later(plan.mandate_end, length)
    initial = {
        "title": plan.title.replace(plan.mandate_label, f"{plan.mandate_end.year}-{next_end.year}"),
        "mandate_start": plan.mandate_end,
        "mandate_end": next_end,
    }
    form = CarryOverForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.plan_carry_over(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The next plan was created with the actions that were not done.")
            )
            return redirect(plan_url(new_plan))
    return render_form(
        request,
        form,
        organization=plan.organization,
        plan=plan,
        heading=_("Carry over into the next mandate"),
        intro=_(
            "A new draft plan is created with the same orientations and every action that was "
            "not done, each linked back to its original. Follow-ups stay with this plan."
        ),
        back=plan_url(plan),
    )


# Rows: orientations, actions, steps, follow-ups, statutory files, delegations


def form_for(kind: RowKind, plan: WorkPlan, *args, **kwargs):
    if kind.form is ActionForm:
        kwargs["organization"] = plan.organization
    return kind.form(*args, **kwargs)


@GET_POST
@login_required
def row_create(request: HttpRequest, slug: str, kind: str, parent: int) -> HttpResponse:
    row_kind = ROWS[kind]
    plan_path = PARENT_PLAN_PATH[row_kind.parent_model]
    via = f"{plan_path}__organization" if plan_path else "organization"
    parent_obj, access = permissions.get_object_for_user(
        row_kind.parent_model.objects.all(),
        request.user,
        permissions.VIEW,
        via=via,
        **{f"{via}__slug": slug, "pk": parent},
    )
    plan = permissions.organization_of(parent_obj, plan_path)
    permissions.check_published(access, plan.is_public)
    require(access, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused

    form = form_for(row_kind, plan, request.POST or None,
                    instance=row_kind.model(**{row_kind.parent_field: parent_obj}))
    if request.method == "POST" and form.is_valid():
        fields = {**form_fields(form), row_kind.parent_field: parent_obj}
        try:
            row = create_row(row_kind, fields, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added."))
            return redirect(plan_url(plan, row_anchor(row)))
    return render_form(
        request,
        form,
        organization=plan.organization,
        plan=plan,
        heading=format_lazy("{} : {}", _("Add"), row_kind.label),
        back=plan_url(plan, row_anchor(parent_obj)),
    )


def create_row(kind: RowKind, fields: dict, user):
    model = kind.model
    if model is Orientation:
        return services.orientation_create(**fields)
    if model is Action:
        return services.action_create(**fields)
    if model is Step:
        return services.step_create(**fields)
    if model is FollowUp:
        return services.follow_up_create(author=user, **fields)
    return services.list_item_create(model=model, **fields)


@GET_POST
@login_required
def row_update(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    row_kind = ROWS[kind]
    row, plan, _access = get_row_for_user(request.user, slug, row_kind, pk, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    form = form_for(row_kind, plan, request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=row, **form_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan_url(plan, row_anchor(row)))
    history = []
    if isinstance(row, FollowUp):
        history = list(row.history.select_related("history_user").order_by("-history_date")[:20])
    return render_form(
        request,
        form,
        organization=plan.organization,
        plan=plan,
        heading=format_lazy("{} : {}", _("Edit"), row_kind.label),
        back=plan_url(plan, row_anchor(row)),
        history=history,
    )


@GET_POST
@login_required
def row_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    row_kind = ROWS[kind]
    row, plan, _access = get_row_for_user(request.user, slug, row_kind, pk, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    back = plan_url(plan, row_anchor(row))
    if request.method == "POST":
        services.row_delete(row=row)
        messages.success(request, _("Deleted."))
        return redirect(plan_url(plan))
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "organization": plan.organization,
            "current_organization": plan.organization,
            "plan": plan,
            "kind_label": row_kind.label,
            "object_label": str(row),
            "back": back,
        },
    )


@require_POST
@login_required
def row_move(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    row_kind = ROWS[kind]
    row, plan, _access = get_row_for_user(request.user, slug, row_kind, pk, permissions.EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    if not row_kind.movable:
        raise PermissionDenied
    try:
        services.row_move(row=row, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        show_errors(request, error)
    return redirect(plan_url(plan, row_anchor(row)))


def render_form(request, form, *, organization, heading, back, plan=None, intro="", history=()):
    return render(
        request,
        "plans/form.html",
        {
            "organization": organization,
            "current_organization": organization,
            "plan": plan,
            "form": form,
            "heading": heading,
            "intro": intro,
            "back": back,
            "history": history,
        },
    )
