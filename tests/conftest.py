"""People of two organizations, like healthchecks' alice, bob and charlie.

The conseil central `cc` has an exécutif, a conseiller and a membre; the syndicat
affiliated to it has its own exécutif (`executif2`), who is nothing in `cc`; `outsider`
belongs nowhere. Every permission test picks the person who should be refused.

Fixtures only: the helpers (`make_person`, `page`, `PASSWORD`…) are in tests/helpers.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.helpers import PASSWORD, Role, make_person
from tests.smtp import smtp_down, smtp_server  # noqa: F401 (fixtures: a real SMTP server)
from unionplans.models import Organization


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty in-process cache: cached pages and PDFs are keyed on
    ids and times, which SQLite gives again after a rollback and frozen clocks repeat."""
    cache.clear()


@pytest.fixture
def cc(db):
    return Organization.objects.create(
        name="Conseil central des syndicats nationaux de l'Estrie",
        short_name="CCSNE",
        slug="ccsne",
        kind=Organization.Kind.REGIONAL_COUNCIL,
    )


@pytest.fixture
def syndicat(cc):
    return Organization.objects.create(
        name="Syndicat des employé·es de soutien de la santé de l'Estrie",
        short_name="SESSE",
        slug="sesse",
        kind=Organization.Kind.UNION,
        parent=cc,
    )


@pytest.fixture
def executif(cc):
    return make_person("executif", cc, Role.EXECUTIVE, first_name="Denis", last_name="Gagnon")


@pytest.fixture
def conseiller(cc):
    return make_person("conseiller", cc, Role.ADVISER, first_name="Mario", last_name="Bélanger")


@pytest.fixture
def membre(cc):
    return make_person("membre", cc, Role.MEMBER, first_name="Josée", last_name="Côté")


@pytest.fixture
def executif2(syndicat):
    return make_person("executif2", syndicat, Role.EXECUTIVE, first_name="Hélène", last_name="Roy")


@pytest.fixture
def outsider(db):
    return make_person("outsider")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="root", password=PASSWORD, email="root@example.org"
    )


@pytest.fixture
def login(client):
    """Log `user` in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
