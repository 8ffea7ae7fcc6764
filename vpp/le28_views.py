"""Pages of lettre d'entente 28 projects: list, sheet, edit forms and the one-page PDF.

Each view starts with `organization_view` and fetches its project through
`selectors.le28_project_for` (404 out of reach, 403 without the ability: LE28 projects
are internal, the exécutif edits them); writes go through `vpp.le28`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionplans import once, pdf, permissions
from unionplans.forms import model_fields
from unionplans.permissions import organization_view
from unionplans.shortcuts import form_refusal

from . import documents, le28, selectors
from .constants import REFERENCE_DOCUMENTS, VOLET_DETAILS, Volet
from .le28_forms import AssessmentForm, DecisionForm, MemberForm, PhaseForm, ProjectForm
from .models import LE28CommitteeMember, LE28Project

EDIT, VIEW_INTERNAL = permissions.EDIT, permissions.VIEW_INTERNAL
GET_POST = ("GET", "POST")


def _detail_url(project, anchor: str = "") -> str:
    url = reverse("vpp:le28_detail", args=[project.organization.slug, project.pk])
    return f"{url}#{anchor}" if anchor else url


def _render_form(request, form, heading, back, project=None, delete_url=None):
    return render(request, "vpp/le28/form.html", {
        "form": form, "heading": heading, "back": back, "project": project,
        "delete_url": delete_url,
    })


def sheet_context(project: LE28Project) -> dict:
    """What the page and the one-page PDF show, from the prefetched project."""
    committee = list(project.committee.all())
    decisions = list(project.decisions.all())
    return {
        "organization": project.organization,
        "project": project,
        "volets": [
            {"label": Volet(code).label, **VOLET_DETAILS[code]}
            for code in Volet.values if code in project.volets
        ],
        "union_side": [m for m in committee if m.side == m.Side.UNION],
        "employer_side": [m for m in committee if m.side == m.Side.EMPLOYER],
        "decisions": decisions,
        "decided": sum(d.decided for d in decisions),
        "phases": list(project.phases.all()),
        "assessments": list(project.assessments.all()),
        "reference_documents": REFERENCE_DOCUMENTS,
    }


@organization_view(VIEW_INTERNAL)
def project_list(request: HttpRequest) -> HttpResponse:
    return render(request, "vpp/le28/list.html", {
        "projects": selectors.le28_projects_for(organization=request.organization),
        "can_edit": EDIT in request.access,
    })


@organization_view()
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.le28_project_for(request, pk)
    return render(request, "vpp/le28/detail.html",
                  {**sheet_context(project), "can_edit": EDIT in request.access})


@organization_view()
def project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.le28_project_for(request, pk)
    return pdf.pdf_response(request, documents.le28_sheet(project))


@organization_view(methods=GET_POST)
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    project = selectors.le28_project_for(request, pk, EDIT) if pk else None
    if project is None:
        permissions.require(request.access, EDIT)
    organization = request.organization
    form = ProjectForm(request.POST or None, instance=project or LE28Project(
        organization=organization), organization=organization)
    if project is None:
        once.protect(form)  # a second identical POST leads to the first project
    if request.method == "POST" and form.is_valid():
        data = model_fields(form)

        def save() -> str:
            if project is None:
                return _detail_url(le28.project_create(organization=organization, **data))
            le28.project_update(project=project, version=form.cleaned_data["version"], **data)
            return _detail_url(project)

        if done := once.submit(request, form, save, _("The LE28 project was saved.")):
            return done
    heading = _("Edit the LE28 project") if project else _("New LE28 project")
    back = _detail_url(project) if project else reverse("vpp:le28_list", args=[organization.slug])
    return _render_form(request, form, heading, back, project)


def _row_edit(request, pk, *, related: str, lookup: dict, form_class, service, keyword,
              anchor, saved):
    """The edit page of one row of a project (a phase, a decision, an indicator)."""
    project = selectors.le28_project_for(request, pk, EDIT)
    row = get_object_or_404(getattr(project, related).all(), **lookup)
    form = form_class(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            service(**{keyword: row}, version=form.cleaned_data["version"], **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, saved)
            return redirect(_detail_url(project, anchor))
    return _render_form(request, form, str(row), _detail_url(project, anchor), project)


@organization_view(methods=GET_POST)
def phase_edit(request: HttpRequest, pk: int, phase: int) -> HttpResponse:
    return _row_edit(request, pk, related="phases", lookup={"phase": phase},
                     form_class=PhaseForm, service=le28.phase_update, keyword="phase",
                     anchor="phases", saved=_("The phase was saved."))


@organization_view(methods=GET_POST)
def decision_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    return _row_edit(request, pk, related="decisions", lookup={"item": item},
                     form_class=DecisionForm, service=le28.decision_update, keyword="decision",
                     anchor="comite", saved=_("The committee's decision was saved."))


@organization_view(methods=GET_POST)
def assessment_edit(request: HttpRequest, pk: int, indicator: int) -> HttpResponse:
    return _row_edit(request, pk, related="assessments", lookup={"indicator": indicator},
                     form_class=AssessmentForm, service=le28.assessment_update,
                     keyword="assessment", anchor="indicateurs",
                     saved=_("The success indicator was saved."))


@organization_view(methods=GET_POST)
def member_edit(request: HttpRequest, pk: int, member_pk: int | None = None) -> HttpResponse:
    project = selectors.le28_project_for(request, pk, EDIT)
    member = get_object_or_404(project.committee.all(), pk=member_pk) if member_pk else None
    form = MemberForm(request.POST or None, instance=member or LE28CommitteeMember(
        project=project))
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                le28.member_create(project=project, **model_fields(form))
            else:
                le28.member_update(member=member, version=form.cleaned_data["version"],
                                   **model_fields(form))
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The steering committee member was saved."))
            return redirect(_detail_url(project, "comite"))
    heading = str(member) if member else _("New steering committee member")
    delete_url = reverse("vpp:le28_member_delete", args=[
        project.organization.slug, project.pk, member.pk]) if member else None
    return _render_form(request, form, heading, _detail_url(project, "comite"), project,
                        delete_url)


@organization_view(methods=GET_POST)
def member_delete(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    project = selectors.le28_project_for(request, pk, EDIT)
    member = get_object_or_404(project.committee.all(), pk=member_pk)
    if request.method == "POST":
        le28.member_delete(member=member, by=request.user)
        messages.success(request, _("The member was taken off the steering committee."))
        return redirect(_detail_url(project, "comite"))
    return render(request, "vpp/le28/member_delete.html", {
        "project": project, "member": member, "back": _detail_url(project, "comite"),
    })
