"""Pages of the VPP app. Each view fetches its object through the selectors (404 out of
reach, 403 without the ability), parses input and calls a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from unionplans import pdf, permissions

from . import selectors, services, workflow
from .constants import QUESTIONS, Questionnaire, WorkPlanElement
from .deadlines import today
from .filters import DossierFilter
from .forms import (
    AdvanceForm,
    DeadlineForm,
    DossierForm,
    FinancialAnalysisForm,
    FindingsForm,
    GoBackForm,
    LE28ProjectForm,
    LinkDossierForm,
    QuestionnaireForm,
    TaskForm,
    VeilleItemForm,
)
from .models import (
    Deadline,
    FinancialAnalysis,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
)
from .tables import DossierTable

EDIT, VIEW, VIEW_INTERNAL = permissions.EDIT, permissions.VIEW, permissions.VIEW_INTERNAL

M2M = ("direction_people", "terrain_people", "veille_items")


def _detail_url(dossier) -> str:
    return reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])


def _fields(form) -> tuple[dict, dict]:
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    m2m = {name: data.pop(name) for name in M2M if name in data}
    return data, m2m


def _refuse(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Dossiers


@require_GET
@login_required
def dossier_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization, access = permissions.get_organization_for_user(request.user, slug)
    dossiers = selectors.dossier_list(user=request.user, organization=organization)
    filterset = DossierFilter(request.GET, queryset=dossiers)
    table = DossierTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "vpp/dossier_list.html", {
        "organization": organization, "current_organization": organization,
        "filter": filterset, "table": table, "can_edit": EDIT in access,
        "can_view_internal": VIEW_INTERNAL in access,
    })


@require_http_methods(["GET", "POST"])
@login_required
def dossier_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization, _access = permissions.get_organization_for_user(request.user, slug, EDIT)
    initial = {}
    veille_pk = request.GET.get("veille", "")
    if veille_pk.isdigit():
        item = organization.veille_items.filter(pk=veille_pk).first()
        if item is not None:
            initial = {"title": item.title, "veille_items": [item.pk], "description": item.summary}
    form = DossierForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)
        dossier = services.dossier_create(organization=organization, by=request.user, m2m=m2m,
                                          **data)
        messages.success(request, _("The dossier was created at the watch stage."))
        return redirect(_detail_url(dossier))
    return render(request, "vpp/form.html", {
        "organization": organization, "current_organization": organization, "form": form,
        "heading": _("New VPP dossier"),
        "back": reverse("vpp:dossier_list", args=[slug]),
    })


@require_GET
@login_required
def dossier_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dossier, access = selectors.get_dossier_for_user(
        request.user, slug, pk, queryset=selectors.dossier_detail_queryset()
    )
    sides = workflow.sides_of(request.user, dossier, access)
    context = _dossier_context(dossier)
    context.update({
        "current_organization": dossier.organization,
        "can_edit": EDIT in access,
        "can_write_findings": EDIT in access or workflow.Side.TERRAIN in sides,
        "sides": [workflow.Side(side).label for side in sorted(sides)],
        "next_stages": [Stage(s) for s in workflow.next_stages(dossier.stage)],
        "previous_stage": _label(workflow.previous_stage(dossier)),
        "can_move": bool(sides),
        "roles": workflow.roles_at(dossier.stage),
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


@require_http_methods(["GET", "POST"])
@login_required
def dossier_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk, EDIT)
    form = DossierForm(request.POST or None, instance=dossier, organization=dossier.organization)
    if request.method == "POST" and form.is_valid():
        data, m2m = _fields(form)
        services.dossier_update(dossier=dossier, m2m=m2m, **data)
        messages.success(request, _("The dossier was saved."))
        return redirect(_detail_url(dossier))
    return render(request, "vpp/form.html", {
        "organization": dossier.organization, "current_organization": dossier.organization,
        "dossier": dossier, "form": form, "heading": _("Edit the dossier"),
        "back": _detail_url(dossier),
    })


@require_http_methods(["GET", "POST"])
@login_required
def dossier_findings(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The survey findings: written by the structure terrain (or the exécutif)."""
    dossier, access = selectors.get_dossier_for_user(request.user, slug, pk)
    if EDIT not in access and workflow.Side.TERRAIN not in workflow.sides_of(
        request.user, dossier, access
    ):
        raise PermissionDenied
    form = FindingsForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        services.dossier_update(dossier=dossier, findings=form.cleaned_data["findings"])
        messages.success(request, _("The survey findings were saved."))
        return redirect(_detail_url(dossier))
    return render(request, "vpp/form.html", {
        "organization": dossier.organization, "current_organization": dossier.organization,
        "dossier": dossier, "form": form, "heading": _("Survey findings"),
        "back": _detail_url(dossier),
    })


@require_POST
@login_required
def dossier_advance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the stage to move the dossier to."))
        return redirect(_detail_url(dossier))
    try:
        services.dossier_advance(dossier=dossier, to_stage=form.cleaned_data["to_stage"],
                                 by=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, format_lazy(_("The dossier is now at “{}”."),
                                              dossier.get_stage_display()))
    return redirect(_detail_url(dossier))


@require_POST
@login_required
def dossier_go_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk)
    form = GoBackForm(request.POST)
    if not form.is_valid():
        _refuse(request, ValidationError(form.errors["reason"]))
        return redirect(_detail_url(dossier))
    reason = form.cleaned_data["reason"]
    try:
        services.dossier_go_back(dossier=dossier, by=request.user, reason=reason)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, format_lazy(_("The dossier went back to “{}”."),
                                              dossier.get_stage_display()))
    return redirect(_detail_url(dossier))


@require_GET
@login_required
def dossier_report_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    dossier, _access = selectors.get_dossier_for_user(
        request.user, slug, pk, queryset=selectors.dossier_detail_queryset()
    )
    context = _dossier_context(dossier)
    context["roles_table"] = workflow.ROLES_TABLE
    changes = [dossier.updated_at, *(e.at for e in context["events"])]
    changes += [t.updated_at for t in dossier.tasks.all()]
    changes += [d.updated_at for d in context["deadlines"]]
    if context["analysis"]:
        changes.append(context["analysis"].updated_at)
    return pdf.pdf_response(
        request, template_name="vpp/pdf/dossier_report.html", context=context,
        title=format_lazy("{} — {}", _("VPP dossier report"), dossier.title),
        last_modified=max(changes),
    )


# Work plan, questionnaires, financial analysis, deadlines


def _small_form(request, dossier, form, heading, template="vpp/form.html"):
    return render(request, template, {
        "organization": dossier.organization, "current_organization": dossier.organization,
        "dossier": dossier, "form": form, "heading": heading, "back": _detail_url(dossier),
    })


@require_http_methods(["GET", "POST"])
@login_required
def task_edit(request: HttpRequest, slug: str, pk: int, task_pk: int | None = None):
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk, EDIT)
    task = get_object_or_404(Task, dossier=dossier, pk=task_pk) if task_pk else Task(
        dossier=dossier
    )
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        services.task_save(task=form.instance)
        messages.success(request, _("The work-plan task was saved."))
        return redirect(_detail_url(dossier) + "#plan")
    heading = _("Edit the task") if task.pk else _("New work-plan task")
    return _small_form(request, dossier, form, heading)


@require_http_methods(["GET", "POST"])
@login_required
def questionnaire_edit(request: HttpRequest, slug: str, pk: int, kind: str):
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk, EDIT)
    if kind not in QUESTIONS:
        raise Http404
    instance = QuestionnaireAnswers.objects.filter(dossier=dossier, kind=kind).first()
    instance = instance or QuestionnaireAnswers(dossier=dossier, kind=kind)
    form = QuestionnaireForm(request.POST or None, instance=instance, kind=kind)
    if request.method == "POST" and form.is_valid():
        services.questionnaire_save(dossier=dossier, kind=kind, answers=form.answers())
        messages.success(request, _("The questionnaire was saved."))
        return redirect(_detail_url(dossier) + "#questionnaires")
    return _small_form(request, dossier, form, Questionnaire(kind).label)


@require_http_methods(["GET", "POST"])
@login_required
def financial_analysis_edit(request: HttpRequest, slug: str, pk: int):
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk, EDIT)
    instance = selectors.financial_analysis_of(dossier) or FinancialAnalysis(dossier=dossier)
    form = FinancialAnalysisForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data, _m2m = _fields(form)
        services.financial_analysis_save(dossier=dossier, **data)
        messages.success(request, _("The financial analysis was saved."))
        return redirect(_detail_url(dossier) + "#finances")
    return _small_form(request, dossier, form, _("Financial analysis"))


@require_http_methods(["GET", "POST"])
@login_required
def deadline_edit(request: HttpRequest, slug: str, pk: int, deadline_pk: int | None = None):
    dossier, _access = selectors.get_dossier_for_user(request.user, slug, pk, EDIT)
    deadline = (
        get_object_or_404(Deadline, dossier=dossier, pk=deadline_pk) if deadline_pk
        else Deadline(dossier=dossier)
    )
    form = DeadlineForm(request.POST or None, instance=deadline, organization=dossier.organization)
    if request.method == "POST" and form.is_valid():
        data, _m2m = _fields(form)
        services.deadline_set(
            dossier=dossier, deadline=deadline if deadline.pk else None,
            rule=data["rule"], trigger_date=data["trigger_date"], met=data["met"],
            note=data["note"],
        )
        messages.success(request, _("The deadline was saved."))
        return redirect(_detail_url(dossier) + "#deadlines")
    heading = _("Edit the deadline") if deadline.pk else _("New deadline")
    return _small_form(request, dossier, form, heading)


# Veille


@require_GET
@login_required
def veille_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization, access = permissions.get_organization_for_user(request.user, slug, VIEW_INTERNAL)
    search = request.GET.get("q", "")[:200]
    items = selectors.veille_items_for(organization=organization, search=search)
    return render(request, "vpp/veille_list.html", {
        "organization": organization, "current_organization": organization,
        "items": items.prefetch_related("dossiers"), "search": search,
        "can_edit": EDIT in access,
    })


@require_GET
@login_required
def veille_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item, access = permissions.get_object_for_user(
        _veille_items(), request.user, VIEW_INTERNAL, organization__slug=slug, pk=pk
    )
    dossiers = selectors.dossiers_visible_to(user=request.user,
                                             queryset=item.organization.dossiers.all())
    return render(request, "vpp/veille_detail.html", {
        "organization": item.organization, "current_organization": item.organization,
        "item": item, "linked": item.dossiers.all(), "can_edit": EDIT in access,
        "link_form": LinkDossierForm(dossiers=dossiers.exclude(veille_items=item)),
    })


def _veille_items():
    return VeilleItem.objects.select_related("organization")


@require_http_methods(["GET", "POST"])
@login_required
def veille_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        organization, _access = permissions.get_organization_for_user(request.user, slug, EDIT)
        item = VeilleItem(organization=organization)
    else:
        item, _access = permissions.get_object_for_user(
            _veille_items(), request.user, EDIT, organization__slug=slug, pk=pk
        )
        organization = item.organization
    form = VeilleItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.veille_item_save(item=form.instance)
        messages.success(request, _("The watch item was saved."))
        return redirect("vpp:veille_detail", organization.slug, form.instance.pk)
    return render(request, "vpp/form.html", {
        "organization": organization, "current_organization": organization, "form": form,
        "heading": _("Edit the watch item") if item.pk else _("New watch item"),
        "back": reverse("vpp:veille_list", args=[organization.slug]),
    })


@require_POST
@login_required
def veille_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item, _access = permissions.get_object_for_user(
        _veille_items(), request.user, EDIT, organization__slug=slug, pk=pk
    )
    dossiers = selectors.dossiers_visible_to(user=request.user,
                                             queryset=item.organization.dossiers.all())
    form = LinkDossierForm(request.POST, dossiers=dossiers)
    if form.is_valid():
        services.veille_item_link(item=item, dossier=form.cleaned_data["dossier"])
        messages.success(request, _("The watch item is linked to the dossier."))
    else:
        messages.error(request, _("Choose one of the organization's dossiers."))
    return redirect("vpp:veille_detail", slug, item.pk)


# Lettre d'entente 28


@require_GET
@login_required
def le28_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization, access = permissions.get_organization_for_user(request.user, slug, VIEW_INTERNAL)
    return render(request, "vpp/le28_list.html", {
        "organization": organization, "current_organization": organization,
        "projects": selectors.le28_projects_for(organization=organization),
        "can_edit": EDIT in access,
    })


def _le28_projects():
    return LE28Project.objects.select_related("organization", "dossier").prefetch_related(
        "phases", "committee", "assessments"
    )


@require_GET
@login_required
def le28_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project, access = permissions.get_object_for_user(
        _le28_projects(), request.user, VIEW_INTERNAL, organization__slug=slug, pk=pk
    )
    committee = list(project.committee.all())
    return render(request, "vpp/le28_detail.html", {
        "organization": project.organization, "current_organization": project.organization,
        "project": project, "can_edit": EDIT in access,
        "union_side": [m for m in committee if m.side == m.Side.UNION],
        "employer_side": [m for m in committee if m.side == m.Side.EMPLOYER],
    })


@require_http_methods(["GET", "POST"])
@login_required
def le28_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        organization, _access = permissions.get_organization_for_user(request.user, slug, EDIT)
        project = LE28Project(organization=organization)
    else:
        project, _access = permissions.get_object_for_user(
            _le28_projects(), request.user, EDIT, organization__slug=slug, pk=pk
        )
        organization = project.organization
    form = LE28ProjectForm(request.POST or None, instance=project, organization=organization)
    if request.method == "POST" and form.is_valid():
        data, _m2m = _fields(form)
        if project.pk:
            services.le28_project_update(project=project, **data)
        else:
            project = services.le28_project_create(organization=organization, **data)
        messages.success(request, _("The LE28 project was saved."))
        return redirect("vpp:le28_detail", organization.slug, project.pk)
    return render(request, "vpp/form.html", {
        "organization": organization, "current_organization": organization, "form": form,
        "heading": _("Edit the LE28 project") if project.pk else _("New LE28 project"),
        "back": reverse("vpp:le28_list", args=[organization.slug]),
    })
