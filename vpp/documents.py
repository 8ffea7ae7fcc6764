"""The printed documents of VPP (`unionplans.pdf.Document`): a dossier's report, a
LE28 project's sheet and the blank tools, each versioned without rendering it."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from unionplans import pdf
from unionplans.models import Organization

from . import selectors, workflow
from .models import (
    Deadline,
    DeadlineRule,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    LE28Assessment,
    LE28CommitteeMember,
    LE28Decision,
    LE28Phase,
    LE28Project,
    QuestionnaireAnswers,
    Task,
)

# What a dossier's report prints besides the dossier: its rows, the rules of its deadlines
# and the people it names (their names: `pdf.people_version`).
DOSSIER_ROWS = [
    (DossierEvent, "dossier"), (Task, "dossier"), (Deadline, "dossier"),
    (DeadlineRule, "deadlines__dossier"), (QuestionnaireAnswers, "dossier"),
    (FinancialAnalysis, "dossier"), (Dossier.direction_people.through, "dossier"),
    (Dossier.terrain_people.through, "dossier"),
]
PROJECT_ROWS = [(LE28CommitteeMember, "project"), (LE28Decision, "project"),
                (LE28Phase, "project"), (LE28Assessment, "project")]


@pdf.document_kind("vpp.dossier_report", selectors.dossier_detail_queryset)
def dossier_report(dossier: Dossier) -> pdf.Document:
    found = pdf.fingerprint(Dossier, dossier.pk, children=DOSSIER_ROWS,
                            fields=("updated_at", "organization__updated_at"))

    def context() -> dict:
        from .views import _dossier_context

        return {**_dossier_context(dossier), "roles_table": [
            (direction, terrain, dossier.stage in stages)
            for stages, direction, terrain in workflow.ROLES_TABLE
        ]}

    return pdf.Document(
        kind="vpp.dossier_report", obj=dossier, template_name="vpp/pdf/dossier_report.html",
        title=format_lazy("{} — {}", _("VPP dossier report"), dossier.title), context=context,
        key=found.key, last_modified=found.newest, size=found.rows,
    )


def _projects():
    return LE28Project.objects.select_related("organization", "dossier", "conseiller") \
        .prefetch_related("phases", "committee", "assessments", "decisions")


@pdf.document_kind("vpp.le28_sheet", _projects)
def le28_sheet(project: LE28Project) -> pdf.Document:
    from .le28_views import sheet_context

    found = pdf.fingerprint(LE28Project, project.pk, children=PROJECT_ROWS,
                            fields=("updated_at", "organization__updated_at",
                                    "dossier__updated_at"))
    return pdf.Document(
        kind="vpp.le28_sheet", obj=project, template_name="vpp/pdf/le28_sheet.html",
        title=format_lazy("{} — {}", _("Letter of agreement 28"), project.title),
        context=lambda: sheet_context(project), key=found.key, last_modified=found.newest,
        size=found.rows,
    )


@pdf.document_kind("vpp.blank_tool", Organization.objects.all)
def blank_tool(organization: Organization, *, tool: str) -> pdf.Document:
    """A blank tool prints fixed text and the organization's name: its `updated_at` is
    its version (no query)."""
    from .views import BLANK_TOOLS, blank_tool_context

    return pdf.Document(
        kind="vpp.blank_tool", obj=organization, options={"tool": tool},
        template_name="vpp/pdf/blank_tool.html", title=BLANK_TOOLS[tool],
        context=lambda: blank_tool_context(organization, tool),
        key=(organization.updated_at,), last_modified=organization.updated_at,
    )
