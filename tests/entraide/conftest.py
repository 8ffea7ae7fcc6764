"""Entraide fixtures: comité members (a membre, a conseiller) and plans."""

import pytest

from entraide import services
from tests.helpers import Role, make_person


@pytest.fixture
def benevole(cc):
    """A membre of the CCSNE flagged on its comité d'entraide."""
    user = make_person("benevole", cc, Role.MEMBER, first_name="Lucie", last_name="Tremblay")
    user.memberships.update(on_entraide_committee=True)
    return user


@pytest.fixture
def committee_conseiller(cc):
    """A conseiller of the CCSNE flagged on its comité d'entraide (`conseiller` is not)."""
    user = make_person("conseiller_comite", cc, Role.ADVISER, first_name="Nadia",
                       last_name="Bouchard")
    user.memberships.update(on_entraide_committee=True)
    return user


@pytest.fixture
def templates(db):
    return {t.builtin_key: t for t in services.builtin_templates_ensure()}


@pytest.fixture
def plan(cc, templates):
    """The CCSNE's Année 1 plan, made from the built-in template."""
    return services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025
    )


@pytest.fixture
def other_plan(syndicat, templates):
    return services.plan_create_from_template(
        template=templates["annee-2"], organization=syndicat, year=2025
    )
