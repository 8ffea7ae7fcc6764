"""The privacy page, naming its person in charge, and erasing a departed member × every
person, through tests/matrix.py.

Every member reads who is in charge of personal information; only the exécutif
(MANAGE_MEMBERS) and a superuser name them or erase a person. Logged out → login; a
membre or conseiller posting → 403; another organization's exécutif, an outsider → 404.
"""

import pytest

from tests import matrix
from tests.helpers import Role, make_person
from tests.matrix import ANONYMOUS
from unionplans import members
from unionplans.models import Membership


@pytest.fixture
def former_membership(cc, executif):
    person = make_person("ancienne", cc, Role.MEMBER, first_name="Anne", last_name="Cien")
    membership = Membership.objects.get(user=person)
    members.membership_deactivate(membership=membership, by=executif)
    return membership


@pytest.fixture
def other_former(syndicat, executif2):
    person = make_person("partie", syndicat, Role.MEMBER, first_name="Paule", last_name="Tie")
    membership = Membership.objects.get(user=person)
    members.membership_deactivate(membership=membership, by=executif2)
    return membership


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", former="former_membership", other="other_former",
                        membre="membre")


def cc_args(w):
    return [w["cc"].slug]


def membership_args(name):
    return lambda w: [w["cc"].slug, w[name].pk]


def name_the_membre(w):
    return {"person": w["membre"].pk}


OUTSIDERS = {ANONYMOUS: 302, "executif2": 404, "outsider": 404}
MANAGERS = {**OUTSIDERS, "conseiller": 403, "membre": 403, "executif": 302, "superuser": 302}

CASES = [
    *matrix.cases("privacy", cc_args, "GET", {
        **OUTSIDERS, "executif": 200, "conseiller": 200, "membre": 200, "superuser": 200,
    }, hidden=["Josée Côté"]),
    *matrix.wrong_methods("privacy", cc_args, {"GET"}),

    *matrix.cases("privacy_officer", cc_args, "POST", MANAGERS,
                  writes={"executif", "superuser"}, data=name_the_membre),
    *matrix.wrong_methods("privacy_officer", cc_args, {"POST"}),

    # Posted without "required": the requirement is saved as off (a write all the same).
    *matrix.cases("two_factor_requirement", cc_args, "POST", MANAGERS,
                  writes={"executif", "superuser"}),
    *matrix.wrong_methods("two_factor_requirement", cc_args, {"POST"}),

    *matrix.cases("member_erase", membership_args("former"), "POST", MANAGERS,
                  writes={"executif", "superuser"}),
    # Another organization's membership under this organization's address.
    matrix.Case("member_erase", membership_args("other"), "POST", "executif", 404,
                on="other-organization"),
    *matrix.wrong_methods("member_erase", membership_args("former"), {"POST"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_every_person_and_a_wrong_method_on_each_route():
    assert matrix.gaps(CASES) == []


def test_each_refused_post_is_one_that_writes_when_accepted():
    assert matrix.unproven(CASES) == []
