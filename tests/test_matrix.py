"""The permission matrices, taken together: every route is listed, and the harness bites.

The organization's own pages under /o/<slug>/ are tried here; the apps' routes in
tests/plans/test_permissions.py, tests/vpp/test_permissions.py,
tests/vpp/test_le28_matrix.py and
tests/entraide/test_permission_matrix.py.
"""

import pytest

from tests import matrix
from tests import test_affiliates as affiliates_matrix
from tests import test_invitations_matrix as invitations_matrix
from tests import test_members_matrix as members_matrix
from tests import test_my_actions as my_actions_matrix
from tests import test_personal_matrix as personal_matrix
from tests import test_privacy_matrix as privacy_matrix
from tests import test_reminders_matrix as reminders_matrix
from tests import test_restore_matrix as restore_matrix
from tests.entraide import test_permission_matrix as entraide_matrix
from tests.matrix import ANONYMOUS
from tests.plans import test_permissions as plans_matrix
from tests.vpp import test_le28_matrix as le28_matrix
from tests.vpp import test_permissions as vpp_matrix


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc")


def organization_args(w):
    return [w["cc"].slug]


OUTSIDERS = {ANONYMOUS: 302, "executif2": 404, "outsider": 404}

CASES = [
    *matrix.cases("organization_detail", organization_args, "GET", {
        **OUTSIDERS, "executif": 200, "conseiller": 200, "membre": 200, "superuser": 200,
    }),
    *matrix.wrong_methods("organization_detail", organization_args, {"GET"}),
    # Who belongs to the organization: not for its membres.
    *matrix.cases("member_list_pdf", organization_args, "GET", {
        **OUTSIDERS, "executif": 200, "conseiller": 200, "membre": 403, "superuser": 200,
    }),
    *matrix.wrong_methods("member_list_pdf", organization_args, {"GET"}),
]

MATRICES = {
    "organization": (CASES, matrix.PERSONS),
    "affiliates": (affiliates_matrix.CASES, matrix.PERSONS),
    "members": (members_matrix.CASES, matrix.PERSONS),
    "invitations": (invitations_matrix.CASES, matrix.PERSONS),
    "privacy": (privacy_matrix.CASES, matrix.PERSONS),
    "reminders": (reminders_matrix.CASES, matrix.PERSONS),
    "restore": (restore_matrix.CASES, matrix.PERSONS),
    "plans": (plans_matrix.CASES, matrix.PERSONS),
    "vpp": (vpp_matrix.CASES, matrix.PERSONS),
    "le28": (le28_matrix.CASES, matrix.PERSONS),
    "entraide": (entraide_matrix.CASES, entraide_matrix.PERSONS),
    "my_actions": (my_actions_matrix.CASES, matrix.PERSONS),
    "personal": (personal_matrix.CASES, matrix.PERSONS),
}


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_every_route_of_the_apps_is_in_a_matrix():
    listed = [case for cases, _persons in MATRICES.values() for case in cases]
    assert matrix.unlisted(listed) == []


@pytest.mark.parametrize("name", MATRICES)
def test_each_matrix_tries_every_person_and_a_wrong_method_on_each_route(name):
    cases, persons = MATRICES[name]
    assert matrix.gaps(cases, persons) == []


@pytest.mark.parametrize("name", MATRICES)
def test_each_refused_post_is_one_that_writes_when_accepted(name):
    cases, _persons = MATRICES[name]
    assert matrix.unproven(cases) == []


# The harness itself: it finds the routes, and each kind of wrong expectation fails.


def test_the_url_configuration_is_read_whole():
    routes = matrix.routes_in_urlconf()
    assert {"organization_detail", "member_list_pdf", "plans:row_move", "vpp:task_edit",
            "entraide:row_state", "my_actions", "notification_read", "calendar_feed"} <= routes
    assert not {"dashboard", "login", "health"} & routes  # not under /o/<slug>/
    assert not any(route.startswith("admin:") for route in routes)


def test_a_route_left_out_is_named():
    listed = [case for cases, _persons in MATRICES.values() for case in cases]
    without = [case for case in listed if case.route != "vpp:task_edit"]
    assert matrix.unlisted(without) == ["vpp:task_edit"]


def test_a_person_left_out_is_named():
    cases = [case for case in CASES if case.person != "membre"]
    assert matrix.gaps(cases) == [
        "member_list_pdf: no case for ['membre']",
        "organization_detail: no case for ['membre']",
    ]


def test_a_refused_post_that_no_accepted_post_proves_is_named():
    cases = [case for case in plans_matrix.CASES
             if not (case.route == "plans:carry_over" and case.writes)]
    assert matrix.unproven(cases) == ["plans:carry_over"]


def test_two_cases_with_one_id_are_refused():
    case = CASES[0]
    with pytest.raises(ValueError, match="share an id"):
        matrix.parametrize([case, case])


def test_a_wrong_status_fails(request, world):
    case = matrix.Case("member_list_pdf", organization_args, "GET", "membre", 200)
    with pytest.raises(AssertionError, match="answered 403"):
        matrix.check(case, request, world)


def test_a_refused_request_that_changes_the_database_fails(request, world, cc):
    """An accepted write, declared as a refusal: the snapshot sees the new plan."""
    data = {"title": "X", "mandate_start": "2022-06-01", "mandate_end": "2025-06-01"}
    case = matrix.Case("plans:create", organization_args, "POST", "executif", 302, data=data)
    with pytest.raises(AssertionError, match=r"changed the database: \['plans.HistoricalWorkPlan"):
        matrix.check(case, request, world)


def test_a_write_that_changes_nothing_fails(request, world):
    case = matrix.Case("plans:create", organization_args, "POST", "executif", 200, writes=True)
    with pytest.raises(AssertionError, match="changed nothing"):
        matrix.check(case, request, world)


def test_an_anonymous_redirect_elsewhere_than_the_login_fails(request, world):
    case = matrix.Case("organization_detail", organization_args, "GET", ANONYMOUS, 302,
                       redirect="admin:login")
    with pytest.raises(AssertionError, match="leads to /connexion/"):
        matrix.check(case, request, world)
