"""The reminder routes × every person, through tests/matrix.py.

/preferences/ is each person's own page: logged out → login; anyone logged in reads and
saves their own choices (nobody else's: the page takes no id). The unsubscribe link
(/preferences/desabonnement/<token>/) is public: anyone who holds it reads what it will
do (GET changes nothing) and a POST turns off the kind of reminder it names for the
person it names, whoever posts (the signed token is the proof). /o/<slug>/rappels/ (when
deadlines are reminded) is the organization's exécutif's: 403 for its conseillers and
membres, 404 outside.
"""

import pytest

from tests import matrix
from unionplans import reminders
from unionplans.models import Reminder


@pytest.fixture
def world(request, db):
    return matrix.World(request, token="unsubscribe_token", cc="cc")


@pytest.fixture
def unsubscribe_token(membre):
    return reminders.unsubscribe_token(user=membre, kind=Reminder.DEADLINE)


def no_args(w):
    return []


def token_args(w):
    return [w["token"]]


def organization_args(w):
    return [w["cc"].slug]


LOGGED_IN = [person for person in matrix.PERSONS if person != matrix.ANONYMOUS]

CASES = [
    *matrix.cases("reminder_preferences", no_args, "GET",
                  {matrix.ANONYMOUS: 302, **dict.fromkeys(LOGGED_IN, 200)}),
    *matrix.cases("reminder_preferences", no_args, "POST",
                  {matrix.ANONYMOUS: 302, **dict.fromkeys(LOGGED_IN, 302)},
                  writes=LOGGED_IN, data={"step": "on"}),
    *matrix.wrong_methods("reminder_preferences", no_args, {"GET", "POST"}),
    *matrix.cases("reminders_unsubscribe", token_args, "GET",
                  dict.fromkeys(matrix.PERSONS, 200)),
    *matrix.cases("reminders_unsubscribe", token_args, "POST",
                  dict.fromkeys(matrix.PERSONS, 200), writes=matrix.PERSONS),
    *matrix.wrong_methods("reminders_unsubscribe", token_args, {"GET", "POST"}),
    *matrix.cases("reminder_days", organization_args, "GET", {
        matrix.ANONYMOUS: 302, "executif": 200, "superuser": 200, "conseiller": 403,
        "membre": 403, "executif2": 404, "outsider": 404}),
    *matrix.cases("reminder_days", organization_args, "POST", {
        matrix.ANONYMOUS: 302, "executif": 302, "superuser": 302, "conseiller": 403,
        "membre": 403, "executif2": 404, "outsider": 404},
        writes={"executif", "superuser"},
        data={"reminder_days_first": "3", "reminder_days_last": "0"}),
    *matrix.wrong_methods("reminder_days", organization_args, {"GET", "POST"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_every_person_and_a_wrong_method_on_each_route():
    assert matrix.gaps(CASES) == []


def test_each_refused_post_is_one_that_writes_when_accepted():
    assert matrix.unproven(CASES) == []
