"""A VPP dossier of the conseil central `cc`, with its people on both sides.

`membre` (Josée Côté) stands on the terrain side of `dossier`; `executif` leads by role;
`conseiller` is assigned. `executif2` (syndicat) and `outsider` must see nothing of it.
"""

from datetime import date

import pytest

from vpp import services
from vpp.constants import QUESTIONS, Questionnaire
from vpp.deadlines import DayKind
from vpp.models import DeadlineRule, Dossier, VeilleItem


@pytest.fixture
def dossier(cc, membre, conseiller):
    dossier = services.dossier_create(
        organization=cc,
        by=None,
        title="Reprographie",
        establishment="CISSS des Laurentides",
        service="Reprographie",
        mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION,
        conseiller=conseiller,
        m2m={"terrain_people": [membre]},
    )
    return dossier


@pytest.fixture
def rule(cc):
    return DeadlineRule.objects.create(
        organization=cc, name="Avis de l'employeur", reference="art. 29", days=30,
        day_kind=DayKind.CALENDAR, trigger="Avis de l'employeur",
    )


@pytest.fixture
def working_rule(cc):
    return DeadlineRule.objects.create(
        organization=cc, name="Réponse syndicale", reference="3.10", days=10,
        day_kind=DayKind.WORKING, trigger="Avis de l'employeur",
    )


@pytest.fixture
def veille_item(cc):
    return VeilleItem.objects.create(
        organization=cc, source="CTROC", published_on=date(2017, 5, 15), title="INFO-PSOC",
        summary="Budget 2017-2018", tags="PSOC, financement",
    )


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
