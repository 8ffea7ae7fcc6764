"""The invitation routes × every person, through tests/matrix.py.

The exécutif's buttons (under /o/<slug>/membres/invitations/): logged out → login; another
organization's exécutif and an outsider → 404; a conseiller and a membre → 403; the
exécutif and a superuser write and go back to the members page. An invitation of another
organization, reached under this one's address, is a 404 even to the exécutif.

The page of a link (/invitation/<token>/) is public: anyone reads it; a POST makes the
person posting a member only if logged in with the invited address (anyone else: 403,
whoever holds the link); an anonymous POST without the account form's fields is a 400.
/invitation/ (where the login page comes back to) only redirects.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone

from tests import matrix
from tests.helpers import Role
from tests.matrix import ANONYMOUS
from unionplans import invitations
from unionplans.models import Invitation


def invite(organization, by, email):
    invitations.invitation_create(organization=organization, email=email, role=Role.MEMBER,
                                  by=by, absolute_uri=lambda path: "http://testserver" + path)
    return re.search(r"/invitation/([^/\s]+)/", mail.outbox[-1].body)[1]


@pytest.fixture
def sent(cc, executif):
    """An invitation of `cc`, sent long enough ago to be sent again."""
    invite(cc, executif, "nouvelle@example.org")
    invitation = Invitation.objects.get(email="nouvelle@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - timezone.timedelta(minutes=11))
    return invitation


@pytest.fixture
def theirs(syndicat, executif2):
    invite(syndicat, executif2, "autre@example.org")
    return Invitation.objects.get(email="autre@example.org")


@pytest.fixture
def token(cc, executif):
    return invite(cc, executif, "nouvelle@example.org")


@pytest.fixture
def outsiders_token(cc, executif, outsider):
    """An invitation to the outsider's own address."""
    return invite(cc, executif, outsider.email)


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", sent="sent", theirs="theirs", token="token",
                        outsiders_token="outsiders_token")


def organization_args(w):
    return [w["cc"].slug]


def sent_args(w):
    return [w["cc"].slug, w["sent"].pk]


def theirs_args(w):
    return [w["cc"].slug, w["theirs"].pk]


def token_args(w):
    return [w["token"]]


def outsiders_token_args(w):
    return [w["outsiders_token"]]


REFUSED = {ANONYMOUS: 302, "conseiller": 403, "membre": 403, "executif2": 404,
           "outsider": 404}
ALLOWED = {"executif": 302, "superuser": 302}

CREATE_DATA = {"email": "quelqu.un@example.org", "role": Role.MEMBER}

CASES = [
    *matrix.cases("invitation_create", organization_args, "POST", {**REFUSED, **ALLOWED},
                  writes=ALLOWED, data=CREATE_DATA),
    *matrix.wrong_methods("invitation_create", organization_args, {"POST"}),
    *matrix.cases("invitation_resend", sent_args, "POST", {**REFUSED, **ALLOWED},
                  writes=ALLOWED),
    *matrix.wrong_methods("invitation_resend", sent_args, {"POST"}),
    *matrix.cases("invitation_revoke", sent_args, "POST", {**REFUSED, **ALLOWED},
                  writes=ALLOWED),
    *matrix.wrong_methods("invitation_revoke", sent_args, {"POST"}),
    # Another organization's invitation under this organization's address.
    *matrix.cases("invitation_resend", theirs_args, "POST",
                  {"executif": 404, "executif2": 404}, on="theirs"),
    *matrix.cases("invitation_revoke", theirs_args, "POST",
                  {"executif": 404, "executif2": 404}, on="theirs"),
    # The page of a link: public.
    *matrix.cases("invitation_accept", token_args, "GET", dict.fromkeys(matrix.PERSONS, 200)),
    # Anonymous: an empty form (the account it creates: tests/test_invitations.py).
    matrix.Case("invitation_accept", token_args, "POST", ANONYMOUS, 400),
    # Logged in with another address than the invited one: refused, whoever it is.
    *matrix.cases("invitation_accept", token_args, "POST",
                  dict.fromkeys([p for p in matrix.PERSONS if p != ANONYMOUS], 403)),
    # Logged in with the invited address: joins.
    matrix.Case("invitation_accept", outsiders_token_args, "POST", "outsider", 302,
                writes=True),
    *matrix.wrong_methods("invitation_accept", token_args, {"GET", "POST"}),
    # Where the login page comes back to: a redirect (no secret waits in these sessions).
    *matrix.cases("invitation_resume", lambda w: [], "GET",
                  dict.fromkeys(matrix.PERSONS, 302), redirect="dashboard"),
    *matrix.wrong_methods("invitation_resume", lambda w: [], {"GET"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_every_person_and_a_wrong_method_on_each_route():
    assert matrix.gaps(CASES) == []


def test_each_refused_post_is_one_that_writes_when_accepted():
    assert matrix.unproven(CASES) == []


def test_the_public_page_is_listed_though_outside_the_organization():
    """routes_in_urlconf finds the routes under /o/<slug>/ only: this one is listed here."""
    assert "invitation_accept" not in matrix.routes_in_urlconf()
    assert {"invitation_create", "invitation_resend", "invitation_revoke"} <= (
        matrix.routes_in_urlconf())
    assert "invitation_accept" in {case.route for case in CASES}
