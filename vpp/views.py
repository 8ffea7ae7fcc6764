"""Pages of the VPP app. `organization_view` resolves the organization and the person's
access once; each view's first line fetches its object through a selector (404 out of
reach, 403 without the ability); then it parses input and calls a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_htmx.http import reswap, retarget
from django_tables2 import RequestConfig

from unionplans import office, once, pdf, permissions, restore_views
from unionplans.forms import model_fields
from unionplans.permissions import organization_view
from unionplans.services import version_of
from unionplans.shortcuts import form_refusal, form_status, is_filtered, paginate, show_refusal

from . import documents, exports, selectors, services, workflow
from .constants import (
    AIDE_MEMOIRE,
    GENERAL_OBJECTIVES,
    QUESTIONS,
    STRUCTURE_LEVELS,
    Questionnaire,
    WorkPlanElement,
)
from .deadlines import today
from .filters import DossierFilter
from .forms import (
    AdvanceForm,
    BulletinForm,
    DeadlineForm,
    DeploymentStepForm,
    DossierCreateForm,
    DossierForm,
    FinancialAnalysisForm,
    FindingsForm,
    GoBackForm,
    LinkDossierForm,
    QuestionnaireForm,
    TaskForm,
    VeilleItemForm,
    VppStructureForm,
)
from .models import (
    Bulletin,
    Deadline,
    DeploymentStep,
    FinancialAnalysis,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)
from .tables import DossierTable

EDIT, VIEW_INTERNAL = permissions.EDIT, permissions.VIEW_INTERNAL
GET_POST = ("GET", "POST")

M2M = ("direction_people", "terrain_people", "veille_items", "readers")


def _detail_url(dossier) -> str:
    return reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])


def _fields(form) -> tuple[dict, dict]:
    """The model fields `form` shows, the many-to-many ones apart."""
    data = model_fields(form)
    m2m = {name: data.pop(name) for name in M2M if name in data}
    return data, m2m


def _render_form(request, form, heading, back, dossier=None, **extra):
    context = {"dossier": dossier, "form": form, "heading": heading, "back": back, **extra}
    return render(request, "vpp/form.html", context, status=form_status(form))


# Dossiers


def _dossier_table(request: HttpRequest, paginate) -> tuple[DossierFilter, DossierTable]:
    """The dossiers the list shows, filtered and sorted by the query string."""
    dossiers = selectors.dossier_list(user=request.user, organization=request.organization)
    filterset = DossierFilter(request.GET, queryset=dossiers)
    table = DossierTable(filterset.qs)
    # An empty list says what to do next, to whoever reads it.
    if is_filtered(filterset):
        table.empty_text = _("No dossier matches these filters: empty them to see every "
                             "dossier.")
    elif EDIT in request.access:
        table.empty_text = _("No dossier yet: open one with « New dossier », or from an item "
                             "of the information watch.")
    elif VIEW_INTERNAL not in request.access:
        table.empty_text = _("No dossier names you yet: the dossiers you are named on will be "
                             "listed here.")
    RequestConfig(request, paginate=paginate).configure(table)
    return filterset, table


@organization_view()
def dossier_list(request: HttpRequest) -> HttpResponse:
    filterset, table = _dossier_table(request, {"per_page": 25})
    return render(request, "vpp/dossier_list.html", {
        "filter": filterset, "table": table, "can_edit": EDIT in request.access,
        "can_view_internal": VIEW_INTERNAL in request.access,
    })


@organization_view()
def dossier_xlsx(request: HttpRequest) -> HttpResponse:
    """The list as a workbook: the same filters and order, every page."""
    _filterset, table = _dossier_table(request, False)
    dossiers = [row.record for row in table.rows]
    title = format_lazy("{} — {}", _("VPP dossiers"), request.organization.short_name)
    return office.download(exports.dossiers_xlsx(dossiers), title, office.XLSX)


@organization_view(EDIT, methods=GET_POST)
def dossier_create(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    initial = {}
    veille_pk = request.GET.get("veille", "")
    if veille_pk.isdigit():
        item = organization.veille_items.filter(pk=veille_pk).first()
        if item is not None:
            initial = {"title": item.title, "veille_items": [item.pk], "description": item.summary}
    form = once.protect(DossierCreateForm(request.POST or None, organization=organization,
                                          initial=initial))
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)
        done = once.submit(request, form, lambda: _detail_url(services.dossier_create(
            organization=organization, by=request.user, m2m=m2m, **data)),
            _("The dossier was created at the watch stage."))
        if done:
            return done
    back = reverse("vpp:dossier_list", args=[organization.slug])
    return _render_form(request, form, _("New VPP dossier"), back)


@organization_view()
def dossier_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what in the dossier: for whoever may read it."""
    dossier = selectors.dossier_for(request, pk)
    back = reverse("vpp:dossier_detail", args=[request.organization.slug, dossier.pk])
    return restore_views.history_page(request, dossier, title=dossier.title, back=back)


@organization_view()
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_for(request, pk, queryset=selectors.dossier_detail_queryset())
    sides = workflow.sides_of(request.user, dossier, request.access)
    moves, waiting = workflow.moves_for(request.user, dossier, request.access)
    context = _dossier_context(dossier)
    context.update({
        "can_edit": EDIT in request.access,
        "can_write_findings": workflow.may_write_findings(request.user, dossier, request.access),
        "sides": [workflow.Side(side).label for side in sorted(sides)],
        "moves": moves,
        "waiting_moves": waiting,
        "previous_stage": _label(workflow.previous_stage(dossier)),
        "can_go_back": workflow.may_go_back(request.user, dossier, request.access),
        "roles": workflow.roles_at(dossier.stage),
        "version": version_of(dossier),  # what the move forms carry (vpp/_moves.html)
        "task_form": TaskForm(),
        "deadline_form": DeadlineForm(organization=dossier.organization),
        "stages": list(Stage),
    })
    return render(request, "vpp/dossier_detail.html", context)


def _label(stage: str | None) -> str | None:
    return Stage(stage).label if stage else None


def _dossier_context(dossier) -> dict:
    """What both the page and the PDF report show, from the prefetched dossier."""
    tasks = list(dossier.tasks.all())
    questionnaires = {q.kind: q for q in dossier.questionnaires.all()}
    on = today()
    deadlines = list(dossier.deadlines.all())
    for deadline in deadlines:
        deadline.left = deadline.days_left(on)
        deadline.late = -deadline.left
        deadline.is_overdue = not deadline.met and deadline.left < 0
    return {
        "organization": dossier.organization,
        "dossier": dossier,
        "events": list(dossier.events.all()),
        "work_plan": [
            (element.label, [t for t in tasks if t.element == element])
            for element in WorkPlanElement
        ],
        "questionnaires": [
            (kind, questionnaires.get(kind) or QuestionnaireAnswers(dossier=dossier, kind=kind))
            for kind in Questionnaire
        ],
        "analysis": selectors.financial_analysis_of(dossier),
        "deadlines": deadlines,
    }


@organization_view(methods=GET_POST)
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_for(request, pk, EDIT)
    form = DossierForm(request.POST or None, instance=dossier, organization=dossier.organization)
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)
        try:
            services.dossier_update(
                dossier=dossier, version=form.cleaned_data["version"], m2m=m2m, **data
            )
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The dossier was saved."))
            return redirect(_detail_url(dossier))
    return _render_form(request, form, _("Edit the dossier"), _detail_url(dossier), dossier)


@organization_view(methods=GET_POST)
def dossier_findings(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey findings: written by the structure terrain (or the exécutif)."""
    dossier = selectors.findings_dossier_for(request, pk)
    form = FindingsForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(dossier=dossier, version=form.cleaned_data["version"],
                                    findings=form.cleaned_data["findings"])
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The survey findings were saved."))
            return redirect(_detail_url(dossier))
    return _render_form(request, form, _("Survey findings"), _detail_url(dossier), dossier)


@organization_view(methods=["POST"])
def dossier_advance(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_for(request, pk)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the stage to move the dossier to."))
        return redirect(_detail_url(dossier))
    try:
        services.dossier_advance(dossier=dossier, to_stage=form.cleaned_data["to_stage"],
                                 by=request.user, note=form.cleaned_data["note"],
                                 access=request.access, version=form.posted_version)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, format_lazy(_("The dossier is now at “{}”."),
                                              dossier.get_stage_display()))
    return redirect(_detail_url(dossier))


@organization_view(methods=["POST"])
def dossier_go_back(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_for(request, pk)
    form = GoBackForm(request.POST)
    if not form.is_valid():
        show_refusal(request, ValidationError(form.errors["reason"]))
        return redirect(_detail_url(dossier))
    try:
        services.dossier_go_back(dossier=dossier, by=request.user,
                                 reason=form.cleaned_data["reason"], access=request.access,
                                 version=form.posted_version)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, format_lazy(_("The dossier went back to “{}”."),
                                              dossier.get_stage_display()))
    return redirect(_detail_url(dossier))


@organization_view()
def dossier_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_for(request, pk, queryset=selectors.dossier_detail_queryset())
    return pdf.pdf_response(request, documents.dossier_report(dossier))


# Work plan, questionnaires, financial analysis, deadlines


@organization_view(methods=GET_POST)
def task_edit(request: HttpRequest, pk: int, task_pk: int | None = None):
    dossier = selectors.dossier_for(request, pk, EDIT)
    task = get_object_or_404(Task, dossier=dossier, pk=task_pk) if task_pk else None
    form = TaskForm(request.POST or None, instance=task or Task(dossier=dossier),
                    initial=_suggestion(request) if task is None else None)
    if task is None:
        once.protect(form)  # a new task: a second identical POST leads to the first
    if request.method == "POST" and form.is_valid():
        fields = model_fields(form)

        def save() -> str:
            if task is None:
                services.task_create(dossier=dossier, **fields)
            else:
                services.task_update(task=task, version=form.cleaned_data["version"], **fields)
            return _detail_url(dossier) + "#plan"

        if done := once.submit(request, form, save, _("The work-plan task was saved.")):
            return _work_plan(request, dossier) if request.htmx else done
    if request.htmx:
        form.fields["description"].widget.attrs["autofocus"] = True
        return render(request, "vpp/_task_form.html",
                      {"form": form, "back": _detail_url(dossier)},
                      status=422 if form.is_bound else 200)
    heading = _("Edit the task") if task else _("New work-plan task")
    aide_memoire = _aide_memoire() if task is None else None
    return _render_form(request, form, heading, _detail_url(dossier), dossier,
                        aide_memoire=aide_memoire)


def _aide_memoire() -> list[tuple]:
    """[(element, [(index, reminder)])]: the aide-mémoire the new-task page offers."""
    return [(element, list(enumerate(AIDE_MEMOIRE[element]))) for element in WorkPlanElement]


def _suggestion(request: HttpRequest) -> dict:
    """A new task started from a reminder of the aide-mémoire (`?element=…&idee=N`)."""
    element, index = request.GET.get("element", ""), request.GET.get("idee", "")
    if element not in WorkPlanElement.values:
        return {}
    reminders = AIDE_MEMOIRE[WorkPlanElement(element)]
    if index.isdigit() and int(index) < len(reminders):
        return {"element": element, "description": str(reminders[int(index)])}
    return {"element": element}


def _work_plan(request: HttpRequest, dossier) -> HttpResponse:
    """The dossier's work plan as saved, in place of the whole section (htmx)."""
    dossier = selectors.dossier_for(request, dossier.pk, EDIT)
    context = {**_dossier_context(dossier), "can_edit": True}
    response = render(request, "vpp/_work_plan.html", context)
    return reswap(retarget(response, "#plan"), "outerHTML")


@organization_view(methods=GET_POST)
def questionnaire_edit(request: HttpRequest, pk: int, kind: str):
    dossier = selectors.dossier_for(request, pk, EDIT)
    if kind not in QUESTIONS:
        raise Http404
    instance = QuestionnaireAnswers.objects.filter(dossier=dossier, kind=kind).first()
    instance = instance or QuestionnaireAnswers(dossier=dossier, kind=kind)
    form = QuestionnaireForm(request.POST or None, instance=instance, kind=kind)
    if request.method == "POST" and form.is_valid():
        services.questionnaire_save(dossier=dossier, kind=kind, answers=form.answers())
        messages.success(request, _("The questionnaire was saved."))
        return redirect(_detail_url(dossier) + "#questionnaires")
    return _render_form(request, form, Questionnaire(kind).label, _detail_url(dossier), dossier)


@organization_view(methods=GET_POST)
def financial_analysis_edit(request: HttpRequest, pk: int):
    dossier = selectors.dossier_for(request, pk, EDIT)
    instance = selectors.financial_analysis_of(dossier) or FinancialAnalysis(dossier=dossier)
    form = FinancialAnalysisForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.financial_analysis_save(
                dossier=dossier, version=form.cleaned_data["version"], **model_fields(form)
            )
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The financial analysis was saved."))
            return redirect(_detail_url(dossier) + "#finances")
    return _render_form(request, form, _("Financial analysis"), _detail_url(dossier), dossier)


@organization_view(methods=GET_POST)
def deadline_edit(request: HttpRequest, pk: int, deadline_pk: int | None = None):
    dossier = selectors.dossier_for(request, pk, EDIT)
    deadline = (
        get_object_or_404(Deadline, dossier=dossier, pk=deadline_pk) if deadline_pk
        else Deadline(dossier=dossier)
    )
    form = DeadlineForm(request.POST or None, instance=deadline, organization=dossier.organization)
    if not deadline.pk:
        once.protect(form)
    if request.method == "POST" and form.is_valid():
        data = model_fields(form)

        def save() -> str:
            services.deadline_set(
                dossier=dossier, deadline=deadline if deadline.pk else None,
                rule=data["rule"], trigger_date=data["trigger_date"], met=data["met"],
                note=data["note"],
            )
            return _detail_url(dossier) + "#deadlines"

        if done := once.submit(request, form, save, _("The deadline was saved.")):
            return done
    heading = _("Edit the deadline") if deadline.pk else _("New deadline")
    return _render_form(request, form, heading, _detail_url(dossier), dossier)


# Veille


@organization_view(VIEW_INTERNAL)
def veille_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[:200]
    items = selectors.veille_items_for(organization=request.organization, search=search)
    # 50 a page: a few years of bulletins are a thousand items.
    items = items.annotate(dossier_count=Count("dossiers")).order_by("-published_on", "pk")
    page, query = paginate(request, items, 50)
    return render(request, "vpp/veille_list.html", {
        "items": page.object_list, "page": page, "query": query, "search": search,
        "bulletins": request.organization.bulletins.all(),
        "can_edit": EDIT in request.access,
    })


@organization_view()
def veille_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.veille_item_for(request, pk)
    dossiers = selectors.dossiers_visible_to(user=request.user,
                                             queryset=item.organization.dossiers.all())
    return render(request, "vpp/veille_detail.html", {
        "item": item, "linked": item.dossiers.all(), "can_edit": EDIT in request.access,
        "readers": item.readers.all(),
        "link_form": LinkDossierForm(dossiers=dossiers.exclude(veille_items=item)),
    })


@organization_view(methods=GET_POST)
def veille_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = selectors.veille_item_for(request, pk, EDIT) if pk else None
    if item is None:
        permissions.require(request.access, EDIT)
    organization = request.organization
    initial = {}
    bulletin_pk = request.GET.get("bulletin", "")
    if item is None and bulletin_pk.isdigit():
        bulletin = organization.bulletins.filter(pk=bulletin_pk).first()
        if bulletin is not None:
            initial = {"bulletin": bulletin.pk, "source": bulletin.source,
                       "published_on": bulletin.published_on}
    form = VeilleItemForm(
        request.POST or None, instance=item or VeilleItem(organization=organization),
        organization=organization, initial=initial,
    )
    if item is None:
        once.protect(form)
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)

        def save() -> str:
            saved = item
            if saved is None:
                saved = services.veille_item_create(organization=organization, m2m=m2m, **data)
            else:
                services.veille_item_update(item=item, version=form.cleaned_data["version"],
                                            m2m=m2m, **data)
            return reverse("vpp:veille_detail", args=[organization.slug, saved.pk])

        if done := once.submit(request, form, save, _("The watch item was saved.")):
            return done
    heading = _("Edit the watch item") if item else _("New watch item")
    back = reverse("vpp:veille_list", args=[organization.slug])
    return _render_form(request, form, heading, back)


@organization_view()
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = selectors.bulletin_for(request, pk)
    items = bulletin.items.prefetch_related("dossiers", "readers")
    return render(request, "vpp/bulletin_detail.html", {
        "bulletin": bulletin, "items": items, "can_edit": EDIT in request.access,
    })


@organization_view(methods=GET_POST)
def bulletin_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    bulletin = selectors.bulletin_for(request, pk, EDIT) if pk else None
    if bulletin is None:
        permissions.require(request.access, EDIT)
    organization = request.organization
    form = BulletinForm(request.POST or None,
                        instance=bulletin or Bulletin(organization=organization))
    if request.method == "POST" and form.is_valid():
        try:
            if bulletin is None:
                bulletin = services.bulletin_create(organization=organization,
                                                    **model_fields(form))
            else:
                services.bulletin_update(bulletin=bulletin, version=form.cleaned_data["version"],
                                         **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The bulletin was saved."))
            return redirect("vpp:bulletin_detail", organization.slug, bulletin.pk)
    heading = _("Edit the bulletin") if bulletin else _("New bulletin")
    back = reverse("vpp:veille_list", args=[organization.slug])
    return _render_form(request, form, heading, back)


@organization_view(methods=["POST"])
def veille_link(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.veille_item_for(request, pk, EDIT)
    dossiers = selectors.dossiers_visible_to(user=request.user,
                                             queryset=item.organization.dossiers.all())
    form = LinkDossierForm(request.POST, dossiers=dossiers)
    if form.is_valid():
        services.veille_item_link(item=item, dossier=form.cleaned_data["dossier"])
        messages.success(request, _("The watch item is linked to the dossier."))
    else:
        messages.error(request, _("Choose one of the organization's dossiers."))
    return redirect("vpp:veille_detail", request.organization.slug, item.pk)


# The organisation's VPP structure, deployment plan and blank tools (seed 000)


@organization_view(VIEW_INTERNAL)
def structure(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    return render(request, "vpp/structure.html", {
        "structure": selectors.vpp_structure_of(organization),
        "levels": STRUCTURE_LEVELS, "objectives": GENERAL_OBJECTIVES,
        "roles_table": [(d, t) for _stages, d, t in workflow.ROLES_TABLE],
        "steps": organization.vpp_deployment_steps.all(),
        "can_edit": EDIT in request.access,
    })


@organization_view(EDIT, methods=GET_POST)
def structure_edit(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    structure = selectors.vpp_structure_of(organization)
    form = VppStructureForm(request.POST or None,
                            instance=structure or VppStructure(organization=organization),
                            organization=organization)
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)
        try:
            services.vpp_structure_save(organization=organization, m2m=m2m,
                                        version=form.cleaned_data["version"], **data)
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The VPP structure was saved."))
            return redirect("vpp:structure", organization.slug)
    back = reverse("vpp:structure", args=[organization.slug])
    return _render_form(request, form, _("Edit the VPP structure"), back)


@organization_view(EDIT, methods=GET_POST)
def deployment_step_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organization = request.organization
    step = selectors.deployment_step_for(request, pk) if pk else None
    form = DeploymentStepForm(request.POST or None,
                              instance=step or DeploymentStep(organization=organization))
    if request.method == "POST" and form.is_valid():
        try:
            if step is None:
                services.deployment_step_create(organization=organization, **model_fields(form))
            else:
                services.deployment_step_update(step=step, version=form.cleaned_data["version"],
                                                **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The deployment plan was saved."))
            return redirect(reverse("vpp:structure", args=[organization.slug]) + "#deploiement")
    heading = _("Edit the step") if step else _("New step of the deployment plan")
    back = reverse("vpp:structure", args=[organization.slug])
    return _render_form(request, form, heading, back)


# The blank tools print for the people on the floor: nothing of the organisation's work.
BLANK_TOOLS = {
    Questionnaire.PRE_DIAGNOSTIC.value: Questionnaire.PRE_DIAGNOSTIC.label,
    Questionnaire.PREVENTION.value: Questionnaire.PREVENTION.label,
    "aide_memoire": _("Aide-mémoire of the VPP work plan"),
}


@organization_view()
def blank_tool_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in BLANK_TOOLS:
        raise Http404
    return pdf.pdf_response(request, documents.blank_tool(request.organization, tool=kind))


def blank_tool_context(organization, kind: str) -> dict:
    context = {"organization": organization, "kind": kind}
    if kind == "aide_memoire":
        context["aide_memoire"] = [(element.label, AIDE_MEMOIRE[element])
                                   for element in WorkPlanElement]
        context["lines"] = range(4)
    else:
        context["questions"] = [question for _key, question in QUESTIONS[kind]]
    return context


# What an affiliated syndicat shares with its conseil central (read only)


@organization_view(VIEW_INTERNAL)
def affiliate_dossiers(request: HttpRequest, affiliate: str) -> HttpResponse:
    affiliate = permissions.shared_affiliate(request, affiliate, "dossiers")
    dossiers = (affiliate.dossiers.select_related("conseiller")
                .annotate(next_due=Min("deadlines__due_on", filter=Q(deadlines__met=False)))
                .order_by("title"))
    return render(request, "vpp/affiliate_dossiers.html",
                  {"affiliate": affiliate, "dossiers": dossiers})


@organization_view(VIEW_INTERNAL)
def affiliate_dossier_pdf(request: HttpRequest, affiliate: str, pk: int) -> HttpResponse:
    affiliate = permissions.shared_affiliate(request, affiliate, "dossiers")
    dossier = selectors.dossier_detail_queryset().filter(organization=affiliate, pk=pk).first()
    if dossier is None:
        raise Http404
    return pdf.pdf_response(request, documents.dossier_report(dossier))
