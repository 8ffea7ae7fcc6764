"""A VPP dossier of the conseil central `cc`, with its people on both sides.

`membre` (Josée Côté) stands on the terrain side of `dossier`; `executif` leads by role;
`conseiller` is assigned. `executif2` (syndicat) and `outsider` must see nothing of it.
"""

from datetime import date

import pytest

from vpp import services
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
