"""The person's own routes (outside /o/<slug>/) × every person, through tests/matrix.py:
the notifications (the bell's page and its POST marks), the « Calendriers » page and the
feeds. Logged out → login; someone else's notification or feed → 404; an organization's
calendar: 403 for its membres and conseillers, 404 for another organization's people. A
feed is opened by its secret alone: anyone holding it reads it, a wrong or revoked one
answers 404.
"""

import pytest

from tests import matrix
from tests.matrix import ANONYMOUS
from unionplans import calendars, notifications
from unionplans.models import Notification


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", syndicat="syndicat", note="note", feed="feed",
                        token="token", org_token="org_token", revoked="revoked")


@pytest.fixture
def note(executif, cc):
    (note,) = notifications.notify(users=[executif], organization=cc,
                                   kind=Notification.Kind.PUBLISHED, subject="Plan",
                                   url="/o/ccsne/plans/")
    return note


@pytest.fixture
def token(executif):
    return calendars.feed_create(user=executif)


@pytest.fixture
def feed(token):
    return calendars.feed_for_token(token)


@pytest.fixture
def org_token(executif, cc):
    return calendars.feed_create(user=executif, organization=cc)


@pytest.fixture
def revoked(executif, cc):
    old = calendars.feed_create(user=executif, organization=cc)
    calendars.feed_create(user=executif, organization=cc)  # a new address revokes it
    return old


def none(_w):
    return []


LOGGED_IN = {"executif": 200, "conseiller": 200, "membre": 200, "executif2": 200,
             "outsider": 200, "superuser": 200}
EVERYONE = {ANONYMOUS: 200, **LOGGED_IN}
OWN_ONLY = {ANONYMOUS: 302, "executif": 302, "conseiller": 404, "membre": 404,
            "executif2": 404, "outsider": 404, "superuser": 404}

CASES = [
    *matrix.cases("notifications", none, "GET", {ANONYMOUS: 302, **LOGGED_IN}),
    *matrix.wrong_methods("notifications", none, {"GET"}),
    *matrix.cases("notification_read", lambda w: [w["note"].pk], "POST", {ANONYMOUS: 302}),
    *matrix.cases("notification_read", lambda w: [w["note"].pk], "POST",
                  {person: status for person, status in OWN_ONLY.items() if person != ANONYMOUS},
                  writes={"executif"}, redirect="notifications"),
    *matrix.wrong_methods("notification_read", lambda w: [w["note"].pk], {"POST"}),
    # Everyone marks their own; only the executif has one unread.
    *matrix.cases("notification_read_all", none, "POST", {ANONYMOUS: 302}),
    *matrix.cases("notification_read_all", none, "POST", dict.fromkeys(LOGGED_IN, 302),
                  writes={"executif"}, redirect="notifications",
                  data=lambda w: {"_": w["note"].pk}),
    *matrix.wrong_methods("notification_read_all", none, {"POST"}),
    *matrix.cases("notification_subscriptions", none, "POST", {ANONYMOUS: 302}),
    *matrix.cases("notification_subscriptions", none, "POST", dict.fromkeys(LOGGED_IN, 302),
                  writes={"executif", "conseiller", "membre", "executif2"},
                  redirect="notifications", data=lambda w: {
                      "organization": [w["cc"].pk, w["syndicat"].pk]}),
    *matrix.wrong_methods("notification_subscriptions", none, {"POST"}),
    *matrix.cases("calendars", none, "GET", {ANONYMOUS: 302, **LOGGED_IN}),
    *matrix.wrong_methods("calendars", none, {"GET"}),
    # One's own calendar: anyone logged in.
    *matrix.cases("calendar_create", none, "POST", {ANONYMOUS: 302, **LOGGED_IN},
                  writes=set(LOGGED_IN), on="own"),
    # An organization's: its exécutif only (and superusers).
    *matrix.cases("calendar_create", none, "POST", {
        ANONYMOUS: 302, "executif": 200, "conseiller": 403, "membre": 403,
        "executif2": 404, "outsider": 404, "superuser": 200,
    }, writes={"executif", "superuser"}, on="cc", data=lambda w: {"organization": w["cc"].slug}),
    *matrix.wrong_methods("calendar_create", none, {"POST"}),
    *matrix.cases("calendar_revoke", lambda w: [w["feed"].pk], "POST", {
        **OWN_ONLY, "executif": 200}, writes={"executif"}),
    *matrix.wrong_methods("calendar_revoke", lambda w: [w["feed"].pk], {"POST"}),
    *matrix.cases("calendar_feed", lambda w: [w["token"]], "GET", EVERYONE, on="own"),
    *matrix.cases("calendar_feed", lambda w: [w["org_token"]], "GET", EVERYONE, on="cc"),
    *matrix.cases("calendar_feed", lambda w: [w["revoked"]], "GET",
                  dict.fromkeys(EVERYONE, 404), on="revoked"),
    *matrix.cases("calendar_feed", lambda w: ["x" * 43], "GET", dict.fromkeys(EVERYONE, 404),
                  on="wrong"),
    *matrix.wrong_methods("calendar_feed", lambda w: [w["token"]], {"GET"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_the_matrix_tries_every_person_and_a_wrong_method():
    assert matrix.gaps(CASES, matrix.PERSONS) == []
