"""What of a VPP dossier or LE28 project can be restored once deleted (rows the admin or
the pages delete), and what a dossier's history page covers (read by `unionplans.restore`
and `unionplans.history` through the app registry)."""

from unionplans.restore import Restorable

from .models import (
    Deadline,
    Dossier,
    FinancialAnalysis,
    LE28CommitteeMember,
    QuestionnaireAnswers,
    Task,
)

RESTORABLE = [
    Restorable(Task, "dossier__organization", "dossier"),
    Restorable(Deadline, "dossier__organization", "dossier"),
    Restorable(LE28CommitteeMember, "project__organization", "project"),
]

HISTORY = {
    Dossier: [
        (Task, "dossier"),
        (Deadline, "dossier"),
        (QuestionnaireAnswers, "dossier"),
        (FinancialAnalysis, "dossier"),
    ],
}
