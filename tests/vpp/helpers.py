"""VPP helpers: fill a dossier's questionnaire, take its decision."""

from datetime import date

from vpp import services
from vpp.constants import QUESTIONS, Questionnaire
from vpp.models import Dossier


def fill_pre_diagnostic(dossier):
    answers = {key: f"Réponse {key}" for key, _q in QUESTIONS[Questionnaire.PRE_DIAGNOSTIC]}
    return services.questionnaire_save(
        dossier=dossier, kind=Questionnaire.PRE_DIAGNOSTIC, answers=answers
    )


def decide(dossier, decision=Dossier.Decision.GO, consulted=True):
    """Take the decision; `consulted`: the structure terrain was consulted before, on the
    decision and on the work plan (the workflow asks it)."""
    said = {
        "terrain_on_decision": Dossier.TerrainSay.CONSULTED,
        "terrain_on_decision_date": date(2024, 2, 26),
        "terrain_on_work_plan": Dossier.TerrainSay.VALIDATED,
        "terrain_on_work_plan_date": date(2024, 2, 28),
    } if consulted else {}
    return services.dossier_update(
        dossier=dossier, decision=decision, priority=Dossier.Priority.HIGH,
        decision_date=date(2024, 3, 1), **said,
    )
