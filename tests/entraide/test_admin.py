"""The confidential entraide admin × every person, through tests/matrix.py.

The changelist, add, change, delete, history and revert (django-simple-history) pages of
the entraide plans, in GET and POST:

- a superuser uses them all, built-in templates included;
- a conseiller of the cc on its comité d'entraide (`committee_conseiller`) views the cc's
  plans and changes nothing (403); the syndicat's plan and the built-in templates answer
  as missing ones do (change page → the admin's index, history and revert → 404, delete
  → 403);
- a conseiller who is not on the comité gets nothing: 403 on the list and every page that
  asks for a right before looking, 404 on the history and revert pages;
- the exécutif, the comité's membre `benevole`, a membre, an outsider and anonymous
  visitors (nobody of them a conseiller) are sent to the admin login.

Each refused POST carries what would change the plan (the superuser's same POST proves
it), and changes nothing.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from entraide.models import EntraidePlan
from tests import matrix
from tests.helpers import admin_form_data, page
from tests.matrix import ADMIN_SUPERUSER as SUPERUSER
from tests.matrix import ANONYMOUS, OBJECT_VIEWS

NEW_TEXT = "Changé par l'administration"
SENT_TO_THE_ADMIN_LOGIN = (ANONYMOUS, "executif", "benevole", "membre", "outsider")
TARGETS = {"own": "plan", "foreign": "other_plan", "builtin": "builtin_template"}

# The comité's conseiller: the cc's plan ("own"); another organization's plan and the
# built-in templates, which belong to no organization, are out of reach alike.
COMMITTEE_CONSEILLER = {
    ("changelist", "GET"): 200,
    ("changelist", "POST"): 200,  # no action it may run: the list again
    ("add", "GET"): 403,
    ("add", "POST"): 403,
    ("change", "GET"): 200,  # read only
    ("change", "POST"): 403,
    ("delete", "GET"): 403,
    ("delete", "POST"): 403,
    ("history", "GET"): 200,
    ("history", "POST"): 200,
    ("simple_history", "GET"): 403,
    ("simple_history", "POST"): 403,
}
OUT_OF_REACH = {
    ("change", "GET"): 302,  # to the index, as a missing plan
    ("change", "POST"): 403,
    ("delete", "GET"): 403,
    ("delete", "POST"): 403,
    ("history", "GET"): 404,
    ("history", "POST"): 404,
    ("simple_history", "GET"): 404,
    ("simple_history", "POST"): 404,
}
# A conseiller not on the comité: no entraide plan at all, and no hint of which exist.
CONSEILLER = {
    ("changelist", "GET"): 403,
    ("changelist", "POST"): 403,
    ("add", "GET"): 403,
    ("add", "POST"): 403,
    ("change", "GET"): 403,
    ("change", "POST"): 403,
    ("delete", "GET"): 403,
    ("delete", "POST"): 403,
    ("history", "GET"): 404,
    ("history", "POST"): 404,
    ("simple_history", "GET"): 404,
    ("simple_history", "POST"): 404,
}


@pytest.fixture
def world(request, db):
    return matrix.World(request, plan="plan", other_plan="other_plan",
                        builtin_template="builtin_template", superuser="superuser")


@pytest.fixture
def builtin_template(templates):
    return templates["annee-1"]


def url_name(view):
    return f"admin:entraide_entraideplan_{view}"


def admin_args(view, target):
    if target is None:
        return lambda w: []
    key = TARGETS[target]
    if view == "simple_history":
        return lambda w: [w[key].pk, w[key].history.latest().history_id]
    return lambda w: [w[key].pk]


def admin_post(view, target):
    """What is posted: what the superuser's page would post, with a change that shows."""
    key = TARGETS[target or "own"]

    def data(w):
        if view == "changelist":
            return {"action": "delete_selected", "_selected_action": [w[key].pk],
                    "post": "yes"}
        if view == "delete":
            return {"post": "yes"}
        if view == "history":
            return {}
        client = matrix.new_client()
        client.force_login(w["superuser"])
        shown = client.get(reverse(url_name("change"), args=[w[key].pk]))
        return admin_form_data(shown, copy=view == "add", period_label=NEW_TEXT)

    return data


def view_cases(view):
    cases = []
    for target in TARGETS if view in OBJECT_VIEWS else (None,):
        for method in ("GET", "POST"):
            cases += target_cases(view, target, method)
    return cases


def target_cases(view, target, method):
    route, args, on = url_name(view), admin_args(view, target), target or ""
    data = admin_post(view, target) if method == "POST" else None

    def case(person, status, **fields):
        redirect = "admin:index" if status == 302 and person != "superuser" else None
        return matrix.Case(route, args, method, person, status, on=on, data=data,
                           redirect=fields.pop("redirect", redirect), **fields)

    status, writes = SUPERUSER[(view, method)]
    reach = COMMITTEE_CONSEILLER if target in ("own", None) else OUT_OF_REACH
    cases = [
        case("superuser", status, writes=writes),
        case("committee_conseiller", reach[(view, method)]),
        case("conseiller", CONSEILLER[(view, method)], hidden=("Année 1", "Année 2")),
    ]
    if target in ("own", None):
        cases += [case(person, 302, redirect="admin:login") for person in SENT_TO_THE_ADMIN_LOGIN]
    return cases


CASES = [case for view in ("changelist", "add", *OBJECT_VIEWS) for case in view_cases(view)]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


def test_each_refused_post_is_one_that_writes_when_accepted():
    """But on the history page, which only shows."""
    assert [route for route in matrix.unproven(CASES) if not route.endswith("_history")] == []


def test_the_matrix_lists_every_admin_page_of_entraide():
    assert {case.route for case in CASES} == matrix.admin_routes("entraide")
    assert {m for m in admin.site._registry if m._meta.app_label == "entraide"} == {EntraidePlan}


def test_the_committee_conseiller_lists_only_its_organization_s_plans(
    login, committee_conseiller, plan, other_plan, templates
):
    response = login(committee_conseiller).get(reverse(url_name("changelist")))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [plan]
    assert "Année 2" not in page(response)  # the syndicat's plan, and the templates


def test_a_superuser_lists_every_plan_and_template(login, superuser, plan, other_plan,
                                                   templates):
    response = login(superuser).get(reverse(url_name("changelist")))
    assert set(response.context["cl"].result_list) == {plan, other_plan, *templates.values()}


def test_the_admin_index_shows_entraide_to_the_committee_only(login, conseiller,
                                                              committee_conseiller, plan):
    def apps(person):
        response = login(person).get(reverse("admin:index"))
        assert response.status_code == 200
        return {app["app_label"] for app in response.context["app_list"]}

    assert "entraide" in apps(committee_conseiller)
    assert "entraide" not in apps(conseiller)
    assert "plans" in apps(conseiller)


def test_the_conseiller_s_refusals_do_not_tell_a_plan_from_a_missing_one(login, conseiller,
                                                                         plan):
    client = login(conseiller)
    for view, method in [("change", "get"), ("delete", "get"), ("history", "get")]:
        existing = getattr(client, method)(reverse(url_name(view), args=[plan.pk]))
        missing = getattr(client, method)(reverse(url_name(view), args=[999_999]))
        assert existing.status_code == missing.status_code, view
        assert plan.period_label not in page(existing)
