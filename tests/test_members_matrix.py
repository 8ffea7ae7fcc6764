"""The members page, its buttons and the CSV import × every person, through tests/matrix.py.

Who belongs is seen by those with VIEW_MEMBERS (exécutif, conseiller); only the exécutif
(MANAGE_MEMBERS) and a superuser change it. Logged out → login; a membre → 403; another
organization's exécutif, an outsider → 404; another organization's membership under this
organization's URL → 404. A wrong method → 405. Refused writes change nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import matrix
from tests.helpers import Role, make_person
from tests.matrix import ANONYMOUS
from unionplans import members
from unionplans.importing import sign_preview
from unionplans.member_views import import_salt
from unionplans.models import Membership

CSV = "Prénom;Nom;Courriel;Rôle\nLucie;Fortin;lucie.fortin@example.org;membre\n"


@pytest.fixture
def membre_membership(membre, cc):
    return Membership.objects.get(user=membre, organization=cc)


@pytest.fixture
def former_membership(cc, executif):
    person = make_person("ancienne", cc, Role.MEMBER, first_name="Anne", last_name="Cien")
    membership = Membership.objects.get(user=person)
    members.membership_deactivate(membership=membership, by=executif)
    return membership


@pytest.fixture
def other_membership(executif2, syndicat):
    return Membership.objects.get(user=executif2, organization=syndicat)


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", membre="membre_membership",
                        former="former_membership", other="other_membership",
                        executif="executif", superuser="superuser")


def cc_args(w):
    return [w["cc"].slug]


def membership_args(name):
    return lambda w: [w["cc"].slug, w[name].pk]


def upload(w):
    return {"file": SimpleUploadedFile("membres.csv", CSV.encode())}


def confirmation(person):
    """The CSV's preview, signed for `person` of the CCSNE."""
    def data(w):
        preview = members.read_member_file(SimpleUploadedFile("m.csv", CSV.encode()))
        return {"preview": sign_preview(preview, import_salt(w["cc"], w[person]))}

    return data


OUTSIDERS = {ANONYMOUS: 302, "executif2": 404, "outsider": 404}
VIEWERS = {**OUTSIDERS, "executif": 200, "conseiller": 200, "membre": 403, "superuser": 200}
MANAGERS = {**OUTSIDERS, "conseiller": 403, "membre": 403}
PROMOTE = {"role": "executif", "on_entraide_committee": "on"}

CASES = [
    *matrix.cases("members", cc_args, "GET", VIEWERS),
    *matrix.wrong_methods("members", cc_args, {"GET"}),

    *matrix.cases("member_update", membership_args("membre"), "POST",
                  {**MANAGERS, "executif": 302, "superuser": 302},
                  writes={"executif", "superuser"}, data=PROMOTE),
    matrix.Case("member_update", membership_args("other"), "POST", "executif", 404,
                on="other-organization", data=PROMOTE),
    *matrix.wrong_methods("member_update", membership_args("membre"), {"POST"}),

    *matrix.cases("member_deactivate", membership_args("membre"), "POST",
                  {**MANAGERS, "executif": 302, "superuser": 302},
                  writes={"executif", "superuser"}),
    matrix.Case("member_deactivate", membership_args("other"), "POST", "executif", 404,
                on="other-organization"),
    *matrix.wrong_methods("member_deactivate", membership_args("membre"), {"POST"}),

    *matrix.cases("member_reactivate", membership_args("former"), "POST",
                  {**MANAGERS, "executif": 302, "superuser": 302},
                  writes={"executif", "superuser"}),
    matrix.Case("member_reactivate", membership_args("other"), "POST", "executif", 404,
                on="other-organization"),
    *matrix.wrong_methods("member_reactivate", membership_args("former"), {"POST"}),

    *matrix.cases("member_import", cc_args, "GET",
                  {**MANAGERS, "executif": 200, "superuser": 200}),
    # The upload only reads the file into a preview: nothing is saved.
    *matrix.cases("member_import", cc_args, "POST",
                  {**MANAGERS, "executif": 200, "superuser": 200}, data=upload),
    *matrix.wrong_methods("member_import", cc_args, {"GET", "POST"}),

    *matrix.cases("member_import_confirm", cc_args, "POST",
                  {**MANAGERS, "executif": 302, "superuser": 400},
                  writes={"executif"}, data=confirmation("executif")),
    # A preview is good only for the person it was made for.
    matrix.Case("member_import_confirm", cc_args, "POST", "superuser", 302,
                on="own-preview", writes=True, data=confirmation("superuser")),
    *matrix.wrong_methods("member_import_confirm", cc_args, {"POST"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_every_person_and_a_wrong_method_on_each_route():
    assert matrix.gaps(CASES) == []


def test_each_refused_post_is_one_that_writes_when_accepted():
    assert matrix.unproven(CASES) == []
