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


def decide(dossier, decision=Dossier.Decision.GO):
    return services.dossier_update(
        dossier=dossier, decision=decision, priority=Dossier.Priority.HIGH,
        decision_date=date(2024, 3, 1),
    )
