"""Plans de travail in the browser: short views that parse input and call services/selectors.

`organization_view` resolves the organization and the person's access once; each view's
first line fetches its plan or row through `selectors.plan_part_for`: another
organization's plan is a 404, an unpublished plan is a 404 for members, a write without
the EDIT ability is a 403.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget
from django_tables2 import RequestConfig

from unionplans import fragments, office, once, pdf, permissions, restore, restore_views
from unionplans.forms import model_fields
from unionplans.permissions import EDIT, VIEW_INTERNAL, organization_view
from unionplans.services import version_of
from unionplans.shortcuts import form_refusal, form_status, is_filtered, show_refusal

from . import documents, exports, selectors, services
from .filters import WorkPlanFilter
from .forms import (
    ActionForm,
    CarryOverForm,
    DelegationForm,
    FollowUpForm,
    IndicatorForm,
    LinesForm,
    MeasurementForm,
    OrientationForm,
    OutcomeForm,
    ReopenForm,
    StatutoryFileForm,
    StepForm,
    TransitionForm,
    WorkPlanForm,
)
from .models import (
    Action,
    Delegation,
    FollowUp,
    Indicator,
    Measurement,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)
from .tables import WorkPlanTable

GET_POST = ("GET", "POST")


@dataclass(frozen=True)
class RowKind:
    """A kind of row in a plan: how to reach its plan, its parent, its form."""

    model: type[models.Model]
    form: type
    parent_model: type[models.Model]
    parent_field: str
    label: str
    movable: bool = True


ROWS = {
    "orientation": RowKind(
        Orientation, OrientationForm, WorkPlan, "plan", _("orientation")
    ),
    "action": RowKind(
        Action, ActionForm, Orientation, "orientation", _("action")
    ),
    "etape": RowKind(Step, StepForm, Action, "action", _("step")),
    "suivi": RowKind(
        FollowUp,
        FollowUpForm,
        Action,
        "action",
        _("follow-up"),
        movable=False,
    ),
    "indicateur": RowKind(Indicator, IndicatorForm, Action, "action", _("indicator")),
    # Measurements follow their dates, as follow-ups do: they do not move.
    "mesure": RowKind(Measurement, MeasurementForm, Indicator, "indicator", _("measurement"),
                      movable=False),
    "dossier-statutaire": RowKind(
        StatutoryFile, StatutoryFileForm, WorkPlan, "plan", _("statutory file")
    ),
    "delegation": RowKind(
        Delegation, DelegationForm, WorkPlan, "plan", _("organization or delegation")
    ),
}


def refuse_if_closed(request: HttpRequest, plan: WorkPlan, row=None) -> HttpResponse | None:
    """What to answer instead of an edit form when the plan is closed, else None: the
    plan's page with the message, or (htmx, on an action's row) the message in place."""
    try:
        services.plan_ensure_open(plan)
    except ValidationError as error:
        action = action_of(row)
        if request.htmx and action is not None:
            return inline_form(request, None, plan=plan, action=action, status=409,
                               refusal=" ".join(error.messages))
        show_refusal(request, error)
        return redirect(plan_url(plan))
    return None


# Inline editing (htmx): a form fetched into the plan page in place of the link that asked
# for it, posted to the same address; saved, the action's whole row comes back in its
# place. Without htmx the same views answer the full page and redirect, as before.


def action_of(row) -> Action | None:
    """The action whose row of the plan page shows `row`, if any."""
    if isinstance(row, Action):
        return row
    if isinstance(row, Step | FollowUp):
        return row.action
    return None


def inline_form(request, form, *, plan, action, status=200, refusal="", full_page=False):
    if form is not None:
        form.helper.form_tag = False
        # htmx focuses the swapped-in [autofocus]: the keyboard carries on in the form.
        first = next(name for name, field in form.fields.items() if not field.widget.is_hidden)
        form.fields[first].widget.attrs["autofocus"] = True
        status = form_status(form, status)
    context = {
        "form": form, "form_id": f"{request.resolver_match.url_name}-{action.pk}",
        "action_url": request.path, "action": action, "refusal": refusal,
        "editing_url": reverse("plans:row_editing",
                               args=[plan.organization.slug, "action", action.pk]),
        "back": plan_url(plan, f"action-{action.pk}", editing=action),
        "full_page_url": request.path if full_page else "",
    }
    return render(request, "plans/_inline_form.html", context, status=status)


def action_row(request, action: Action, focus: str, editing: bool = True) -> HttpResponse:
    """The action's row of the plan page, as saved, to put in place of the whole row: with
    its controls (`editing`, it was saved from them) or without; `focus` ("etape", "suivi",
    "action", "terminer", "modifier") says which of its links gets the keyboard."""
    plan = selectors.plan_of(action)
    context = plan_context(plan, drafts=selectors.shows_drafts(request))
    context["action"] = next(a for o in context["orientations"] for a in o.actions.all()
                             if a.pk == action.pk)
    context["action"].editing = editing
    context.update(can_edit=True, focus=focus)
    response = render(request, "plans/_action_row.html", context)
    return reswap(retarget(response, f"#action-{action.pk}"), "outerHTML")


def saved(request, plan: WorkPlan, row, message, focus="") -> HttpResponse:
    """After a save: the row in place (htmx, on an action's row), else the plan's page."""
    action = action_of(row)
    if request.htmx and action is not None:
        focus = focus or {Step: "etape", FollowUp: "suivi"}.get(type(row), "action")
        return action_row(request, action, focus)
    messages.success(request, message)
    return redirect(plan_url(plan, row_anchor(row), editing=action))


def plan_url(plan: WorkPlan, anchor: str = "", editing: Action | None = None) -> str:
    """The plan's page; `editing`: with that action's row in editing mode (its controls)."""
    url = reverse("plans:detail", args=[plan.organization.slug, plan.pk])
    if editing is not None:
        url = f"{url}?edit={editing.pk}"
    return f"{url}#{anchor}" if anchor else url


@organization_view()
def row_editing(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """An action's row with its controls, asked for by its « Modifier » (htmx), or without
    them (`?fin`, its « Terminer »); without htmx, the plan's page showing it so."""
    if kind != "action":
        raise Http404
    action = selectors.plan_part_for(request, Action, pk, EDIT)
    plan = selectors.plan_of(action)
    editing = "fin" not in request.GET
    if not request.htmx:
        return redirect(plan_url(plan, row_anchor(action), editing=action if editing else None))
    if refused := refuse_if_closed(request, plan, action):
        return refused
    if editing:
        return action_row(request, action, focus="action")
    return action_row(request, action, focus="modifier", editing=False)


def row_anchor(row) -> str:
    if isinstance(row, Orientation):
        return f"orientation-{row.pk}"
    if isinstance(row, Action):
        return f"action-{row.pk}"
    if isinstance(row, Step | FollowUp):
        return f"action-{row.action_id}"
    if isinstance(row, Indicator | Measurement):
        return "indicateurs"
    return "listes"


# Plans


@organization_view()
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_visible_to(user=request.user, organization=request.organization)
    filterset = WorkPlanFilter(request.GET, queryset=plans.select_related("organization"))
    table = WorkPlanTable(filterset.qs)
    # An empty list says what to do next, to whoever reads it.
    if is_filtered(filterset):
        table.empty_text = _("No plan matches these filters: empty them to see every plan.")
    elif EDIT in request.access:
        table.empty_text = _("No plan yet: start one with « New plan », or bring a plan in "
                             "from Word with « Import from Word ».")
    elif VIEW_INTERNAL not in request.access:
        table.empty_text = _("No plan is published yet: the executive publishes a plan once "
                             "it is adopted, and it is listed here.")
    RequestConfig(request, paginate={"per_page": 20}).configure(table)
    context = {"filter": filterset, "table": table, "can_edit": EDIT in request.access}
    return render(request, "plans/plan_list.html", context)


@organization_view(EDIT, methods=GET_POST)
def plan_create(request: HttpRequest) -> HttpResponse:
    form = once.protect(WorkPlanForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        done = once.submit(request, form, lambda: plan_url(services.plan_create(
            organization=request.organization, **model_fields(form))), _("The plan was created."))
        if done:
            return done
    return render_form(
        request, form, heading=_("New work plan"),
        back=reverse("plans:list", args=[request.organization.slug]),
    )


@organization_view()
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    drafts = selectors.shows_drafts(request)
    can_edit = EDIT in request.access and not plan.is_closed
    next_state = services.TRANSITIONS.get(plan.state)
    context = {
        "organization": plan.organization,
        "plan": plan,
        "previous": selectors.previous_of(plan, drafts=drafts),
        "last_follow_up": selectors.last_follow_up_date(plan),
        "can_manage": EDIT in request.access,
        "can_edit": can_edit,
        "next_state": next_state,
        "next_state_label": WorkPlan.State(next_state).label if next_state else "",
        "next_plans": list(selectors.linkable(request, plan.next_plans.all())),
        "reopenings": services.plan_reopenings(plan),
        "body": plan_body(plan, drafts=drafts, can_edit=can_edit,
                          editing=request.GET.get("edit", "") if can_edit else ""),
    }
    return render(request, "plans/plan_detail.html", context)


def plan_body(plan: WorkPlan, *, drafts: bool, can_edit: bool, editing: str) -> str:
    """The page's progress, table and lists, rendered again only when what they show
    changes (the version of the plan's PDF), or with a row open for editing (`?edit=`)."""
    def render_body() -> str:
        context = {**plan_context(plan, drafts=drafts), "can_edit": can_edit}
        if editing:
            mark_editing(context["orientations"], editing)
        return render_to_string("plans/_plan_body.html", context)

    if editing:
        return render_body()

    def version() -> tuple:
        return plan.pk, plan.state, documents.plan_fingerprint(plan).key, drafts, can_edit

    return fragments.cached_html("plans:page", version, render_body)


def mark_editing(orientations, pk: str) -> None:
    """The action `?edit=<pk>` names shows its controls (the page without JavaScript)."""
    for orientation in orientations:
        for action in orientation.actions.all():
            if str(action.pk) == pk:
                action.editing = True


def plan_context(plan: WorkPlan, *, drafts: bool) -> dict:
    """What the page and the PDF of a plan show, in a fixed number of queries; without
    `drafts`, naming no unpublished plan (`selectors.plan_tree`)."""
    orientations = selectors.plan_tree(plan, drafts=drafts)
    statutory_files, delegations = selectors.plan_lists(plan)
    today = timezone.localdate()
    return {
        "organization": plan.organization,
        "plan": plan,
        "previous": selectors.previous_of(plan, drafts=drafts),
        "indicators": selectors.plan_indicators(plan, orientations),
        "last_follow_up": selectors.last_follow_up_date(plan),
        "orientations": orientations,
        "progress": selectors.progress_of(orientations),
        "overdue_count": selectors.overdue_steps(orientations, today),
        "statutory_files": statutory_files,
        "delegations": delegations,
        "today": today,
        "breaks": {},  # where the PDF's pages cut its rows: unionplans.pdf.split_rows_to_pdf
    }


@organization_view(methods=GET_POST)
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk, EDIT)
    # A page out of date says so first (the form keeps what was typed), even if the plan
    # was closed meanwhile: a header edit racing the closing gets the edit conflict.
    posted = request.POST.get("version") if request.method == "POST" else None
    stale = bool(posted) and posted != version_of(plan)
    if not stale and (refused := refuse_if_closed(request, plan)):
        return refused
    form = WorkPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, version=form.cleaned_data["version"], **model_fields(form)
            )
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(plan_url(plan))
    return render_form(
        request, form, plan=plan, heading=_("Edit the plan"), back=plan_url(plan)
    )


@organization_view()
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what in the plan: as readable as the plan (members: published only)."""
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    return restore_views.history_page(request, plan, title=plan.title, back=plan_url(plan))


@organization_view(methods=GET_POST)
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk, EDIT)
    if refused := refuse_if_closed(request, plan):
        return refused
    if request.method == "POST":
        services.plan_delete(plan=plan, by=request.user)
        messages.success(request, _("The plan was deleted."))
        return redirect("plans:list", request.organization.slug)
    context = {"plan": plan, "object_label": plan.title, "back": plan_url(plan),
               **deletion_context(plan)}
    return render(request, "plans/confirm_delete.html", context)


def deletion_context(row) -> dict:
    """What a deletion takes with it and for how long it can be undone, as the
    confirmation (page, or htmx's confirm) says it."""
    return {"deletion_with": restore.counts_text(restore.deletion_counts(row)),
            "restore_days": restore.restore_days()}


@organization_view(methods=GET_POST)
def plan_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that asks to confirm the plan's next state (and, to adopt it, the date of the
    meeting); its form's POST makes the move. Nothing changes in one click."""
    plan = selectors.plan_part_for(request, WorkPlan, pk, EDIT)
    next_state = services.TRANSITIONS.get(plan.state, "")
    posted = request.POST.get("to_state", "") if request.method == "POST" else next_state
    # Today is proposed when it can be the adoption date; else the person enters it.
    today = timezone.localdate()
    try:
        services.adoption_date_check(plan, today)
    except ValidationError:
        today = None
    form = TransitionForm(request.POST or None, to_state=posted, instance=plan,
                          initial={"to_state": next_state, "adopted_on": today})
    if request.method == "POST":
        if not form.is_valid() and "to_state" in form.errors:
            messages.error(request, _("Unknown state."))
            return redirect(plan_url(plan))
        if form.is_valid():
            try:
                plan = services.plan_transition(
                    plan=plan, to_state=form.cleaned_data["to_state"],
                    adopted_on=form.cleaned_data.get("adopted_on"), by=request.user,
                    version=form.posted_version,
                )
            except ValidationError as error:
                # Neither about the date nor a page out of date: the plan's page says why.
                if not hasattr(error, "error_dict") and error.code != "edit_conflict":
                    show_refusal(request, error)
                    return redirect(plan_url(plan))
                form_refusal(form, error)
            else:
                messages.success(request, _("The plan is now « %(state)s ».")
                                 % {"state": plan.get_state_display()})
                return redirect(plan_url(plan))
    if not next_state:
        messages.error(request, _("This plan is closed: it has no next state."))
        return redirect(plan_url(plan))
    context = {"plan": plan, "form": form, "to_state": WorkPlan.State(next_state),
               "back": plan_url(plan)}
    return render(request, "plans/transition.html", context,
                  status=form_status(form, 400 if form.errors else 200))


@organization_view(methods=GET_POST)
def plan_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a published or closed plan back one state, with a reason kept in its history."""
    plan = selectors.plan_part_for(request, WorkPlan, pk, EDIT)
    if plan.state not in services.REOPENINGS:
        messages.error(request, _("Only a published or closed plan can be reopened; this one "
                                  "is « %(state)s ».") % {"state": plan.get_state_display()})
        return redirect(plan_url(plan))
    form = ReopenForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_reopen(plan=plan, reason=form.cleaned_data["reason"],
                                        by=request.user, version=form.posted_version)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The plan is now « %(state)s ».")
                             % {"state": plan.get_state_display()})
            return redirect(plan_url(plan))
    context = {"plan": plan, "form": form, "back": plan_url(plan),
               "to_state": WorkPlan.State(services.REOPENINGS[plan.state])}
    return render(request, "plans/reopen.html", context,
                  status=form_status(form, 400 if form.errors else 200))


@organization_view()
def plan_bilan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    context = bilan_context(plan)
    context["can_edit"] = EDIT in request.access
    return render(request, "plans/bilan.html", context)


def bilan_context(plan: WorkPlan) -> dict:
    orientations = selectors.plan_tree(plan)
    return {
        "organization": plan.organization,
        "plan": plan,
        "orientations": orientations,
        "progress": selectors.progress_of(orientations),
        "groups": selectors.plan_bilan(orientations),
        "indicators": selectors.plan_indicators(plan, orientations),
        "last_follow_up": selectors.last_follow_up_date(plan),
    }


@organization_view()
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    return _plan_pdf(request, plan, drafts=selectors.shows_drafts(request))


def _plan_pdf(request: HttpRequest, plan: WorkPlan, *, drafts: bool) -> HttpResponse:
    return pdf.pdf_response(request, documents.plan_document(plan, drafts=drafts))


@organization_view()
def bilan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    return pdf.pdf_response(request, documents.bilan_document(plan))


@organization_view()
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    return office.download(exports.plan_docx(plan), plan.title, office.DOCX)


@organization_view()
def bilan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    title = format_lazy("{} — {}", _("Assessment"), plan.title)
    return office.download(exports.bilan_docx(plan), title, office.DOCX)


@organization_view()
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk)
    return office.download(exports.plan_xlsx(plan), plan.title, office.XLSX)


@organization_view(methods=GET_POST)
def plan_carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_part_for(request, WorkPlan, pk, EDIT)
    proposal = services.next_mandate(plan)
    form = once.protect(CarryOverForm(request.POST or None, initial=proposal))
    if not proposal and request.method == "GET":
        messages.warning(request, _(
            "This plan's mandate ends too far off for the next one's dates to be proposed: "
            "enter them."
        ))
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != once.FIELD}
        done = once.submit(
            request, form, lambda: plan_url(services.plan_carry_over(plan=plan, **fields)),
            _("The next plan was created with the actions that were not done."))
        if done:
            return done
    return render_form(
        request,
        form,
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


@organization_view(methods=GET_POST)
def row_create(request: HttpRequest, kind: str, parent: int) -> HttpResponse:
    parent_obj = selectors.plan_part_for(request, ROWS[kind].parent_model, parent, EDIT)
    row_kind = ROWS[kind]
    plan = selectors.plan_of(parent_obj)
    if refused := refuse_if_closed(request, plan):
        return refused
    form = once.protect(form_for(row_kind, plan, request.POST or None,
                                 instance=row_kind.model(**{row_kind.parent_field: parent_obj})))
    if request.method == "POST" and form.is_valid():
        fields = {**model_fields(form), row_kind.parent_field: parent_obj}
        if row_kind.model is Action:
            fields.update(steps=form.cleaned_data["steps"],
                          follow_ups=form.cleaned_data["follow_ups"])
        done = once.submit(
            request, form,
            lambda: plan_url(plan, row_anchor(create_row(row_kind, fields, request.user))),
            pgettext("row", "Added."))
        if done:
            return done
    return render_form(
        request,
        form,
        plan=plan,
        heading=format_lazy("{} : {}", _("Add"), row_kind.label),
        back=plan_url(plan, row_anchor(parent_obj), editing=action_of(parent_obj)),
    )


def create_row(kind: RowKind, fields: dict, user):
    model = kind.model
    if model is Orientation:
        return services.orientation_create(**fields)
    if model is Action:
        return services.action_create_with_lines(author=user, **fields)
    if model is Step:
        return services.step_create(**fields)
    if model is FollowUp:
        return services.follow_up_create(author=user, **fields)
    if model is Indicator:
        return services.indicator_create(**fields)
    if model is Measurement:
        return services.measurement_create(**fields)
    return services.list_item_create(model=model, **fields)


@organization_view(methods=GET_POST)
def row_update(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    row = selectors.plan_part_for(request, ROWS[kind].model, pk, EDIT)
    row_kind = ROWS[kind]
    plan = selectors.plan_of(row)
    if refused := refuse_if_closed(request, plan, row):
        return refused
    form = form_for(row_kind, plan, request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=row, version=form.cleaned_data["version"],
                                **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            return saved(request, plan, row, _("Saved."))
    if request.htmx and action_of(row) is not None:
        return inline_form(request, form, plan=plan, action=action_of(row),
                           status=422 if form.is_bound else 200, full_page=True)
    history = []
    if isinstance(row, FollowUp):
        history = list(row.history.select_related("history_user").order_by("-history_date")[:20])
    return render_form(
        request,
        form,
        plan=plan,
        heading=format_lazy("{} : {}", _("Edit"), row_kind.label),
        back=plan_url(plan, row_anchor(row), editing=action_of(row)),
        history=history,
        row=row,
        kind=kind,
    )


LINES = {"etape": _("Add steps"), "suivi": _("Add follow-ups")}


@organization_view(methods=GET_POST)
def lines_add(request: HttpRequest, kind: str, parent: int) -> HttpResponse:
    """Steps or follow-ups of an action, pasted one per line (seed 004's way of writing)."""
    if kind not in LINES:
        raise Http404
    action = selectors.plan_part_for(request, Action, parent, EDIT)
    plan = selectors.plan_of(action)
    if refused := refuse_if_closed(request, plan, action):
        return refused
    form = LinesForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["lines"]
        try:
            if kind == "etape":
                services.steps_add_lines(action=action, text=text)
            else:
                services.follow_ups_add_lines(action=action, author=request.user, text=text)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            return saved(request, plan, action, pgettext("row", "Added."), focus=kind)
    status = 422 if form.is_bound else 200
    if request.htmx:
        return inline_form(request, form, plan=plan, action=action, status=status)
    return render_form(request, form, plan=plan, heading=LINES[kind],
                       back=plan_url(plan, row_anchor(action), editing=action), status=status)


@organization_view(methods=GET_POST)
def action_outcome(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """An action's outcome, changed from its badge on the plan's page."""
    if kind != "action":
        raise Http404
    action = selectors.plan_part_for(request, Action, pk, EDIT)
    plan = selectors.plan_of(action)
    if refused := refuse_if_closed(request, plan, action):
        return refused
    form = OutcomeForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(row=action, version=form.cleaned_data["version"],
                                **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            return saved(request, plan, action, _("Saved."))
    status = 422 if form.is_bound else 200
    if request.htmx:
        return inline_form(request, form, plan=plan, action=action, status=status)
    return render_form(request, form, plan=plan, heading=_("Outcome of the action"),
                       back=plan_url(plan, row_anchor(action), editing=action), status=status)


@organization_view(methods=GET_POST)
def row_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    row = selectors.plan_part_for(request, ROWS[kind].model, pk, EDIT)
    row_kind = ROWS[kind]
    plan = selectors.plan_of(row)
    if refused := refuse_if_closed(request, plan):
        return refused
    if request.method == "POST":
        services.row_delete(row=row, by=request.user)
        messages.success(request, _("Deleted. It can be restored from « Deleted items »."))
        if request.htmx:  # confirmed by htmx's dialog: the plan's page, as without it
            return HttpResponseClientRedirect(plan_url(plan))
        return redirect(plan_url(plan))
    context = {
        "plan": plan,
        "kind_label": row_kind.label,
        "object_label": str(row),
        "back": plan_url(plan, row_anchor(row), editing=action_of(row)),
        **deletion_context(row),
    }
    return render(request, "plans/confirm_delete.html", context)


@organization_view(methods=["POST"])
def row_move(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    row = selectors.plan_part_for(request, ROWS[kind].model, pk, EDIT)
    row_kind = ROWS[kind]
    plan = selectors.plan_of(row)
    if refused := refuse_if_closed(request, plan):
        return refused
    if not row_kind.movable:
        raise PermissionDenied
    try:
        services.row_move(row=row, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(plan_url(plan, row_anchor(row), editing=action_of(row)))


def render_form(request, form, *, heading, back, plan=None, intro="", history=(), row=None,
                kind="", status=200):
    """A form as its own page; an existing row's page also offers to move or delete it."""
    context = {
        "plan": plan, "form": form, "heading": heading, "intro": intro, "back": back,
        "history": history, "row": row, "kind": kind,
        "movable": kind in ROWS and ROWS[kind].movable,
        **(deletion_context(row) if row is not None else {}),
    }
    return render(request, "plans/form.html", context, status=form_status(form, status))


# What an affiliated syndicat shares with its conseil central (read only)


@organization_view(VIEW_INTERNAL)
def affiliate_plans(request: HttpRequest, affiliate: str) -> HttpResponse:
    affiliate = permissions.shared_affiliate(request, affiliate, "plans")
    plans = affiliate.work_plans.filter(state__in=WorkPlan.PUBLIC_STATES)
    return render(request, "plans/affiliate_plans.html",
                  {"affiliate": affiliate, "plans": plans.order_by("-mandate_start")})


@organization_view(VIEW_INTERNAL)
def affiliate_plan_pdf(request: HttpRequest, affiliate: str, pk: int) -> HttpResponse:
    affiliate = permissions.shared_affiliate(request, affiliate, "plans")
    plan = affiliate.work_plans.filter(state__in=WorkPlan.PUBLIC_STATES, pk=pk).first()
    if plan is None:
        raise Http404
    # The conseil central reads what its affiliate published: never the affiliate's drafts.
    return _plan_pdf(request, plan, drafts=False)
