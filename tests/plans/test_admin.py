"""The plans admin × every person, model by model, through tests/matrix.py.

For each model of plans the admin registers, its changelist, add, change, delete, history
and revert (django-simple-history) pages, in GET and POST:

- a superuser uses them all;
- the cc's conseiller views the cc's rows (changelist, change page, history) and changes
  nothing (403); another organization's row answers as a missing one does: the change page
  redirects to the admin's index, the history and the revert form are 404, the delete page
  (which checks the right before looking) 403;
- the exécutif, a membre, an outsider and anonymous visitors are sent to the admin login.

Each refused POST carries what would change the row (the form as the superuser sees it,
with a field changed; the superuser's same POST proves it), and changes nothing.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from plans.models import (
    Action,
    Delegation,
    FollowUp,
    Indicator,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)
from tests import matrix
from tests.helpers import admin_form_data, page
from tests.matrix import ADMIN_SUPERUSER as SUPERUSER
from tests.matrix import ANONYMOUS, OBJECT_VIEWS
from tests.plans.helpers import PLAN_PATHS, first_of

# The text field each model's POSTs change.
CHANGED = {
    WorkPlan: "title",
    Orientation: "statement",
    Action: "what",
    Step: "text",
    FollowUp: "text",
    Indicator: "name",
    StatutoryFile: "name",
    Delegation: "name",
}
NEW_TEXT = "Changé par l'administration"
SENT_TO_THE_ADMIN_LOGIN = (ANONYMOUS, "executif", "membre", "outsider")

# What the cc's conseiller gets, on the cc's row ("own") or the syndicat's ("foreign").
CONSEILLER = {
    ("changelist", None, "GET"): 200,
    ("changelist", None, "POST"): 200,  # no action it may run: the list again
    ("add", None, "GET"): 403,
    ("add", None, "POST"): 403,
    ("change", "own", "GET"): 200,  # read only
    ("change", "own", "POST"): 403,
    ("change", "foreign", "GET"): 302,  # to the index, as a missing row
    ("change", "foreign", "POST"): 403,
    ("delete", "own", "GET"): 403,
    ("delete", "own", "POST"): 403,
    ("delete", "foreign", "GET"): 403,
    ("delete", "foreign", "POST"): 403,
    ("history", "own", "GET"): 200,
    ("history", "own", "POST"): 200,
    ("history", "foreign", "GET"): 404,
    ("history", "foreign", "POST"): 404,
    ("simple_history", "own", "GET"): 403,
    ("simple_history", "own", "POST"): 403,
    ("simple_history", "foreign", "GET"): 404,
    ("simple_history", "foreign", "POST"): 404,
}
PLANS = {"own": "plan", "foreign": "foreign_plan"}


@pytest.fixture
def world(request, db):
    return matrix.World(request, plan="plan", foreign_plan="foreign_plan",
                        superuser="superuser")


def url_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def the_row(model, target):
    return lambda w: first_of(model, w[PLANS[target or "own"]])


def admin_args(model, view, target):
    row = the_row(model, target)
    if target is None:
        return lambda w: []
    if view == "simple_history":
        return lambda w: [row(w).pk, row(w).history.latest().history_id]
    return lambda w: [row(w).pk]


def superuser_page(w, url):
    client = matrix.new_client()
    client.force_login(w["superuser"])
    return client.get(url)


def admin_post(model, view, target):
    """What is posted: what the superuser's page would post, with a change that shows."""
    row = the_row(model, target)

    def data(w):
        if view == "changelist":
            return {"action": "delete_selected", "_selected_action": [row(w).pk], "post": "yes"}
        if view == "delete":
            return {"post": "yes"}
        if view == "history":
            return {}
        shown = superuser_page(w, reverse(url_name(model, "change"), args=[row(w).pk]))
        return admin_form_data(shown, copy=view == "add", **{CHANGED[model]: NEW_TEXT})

    return data


def model_cases(model):
    cases = []
    for view in ("changelist", "add", *OBJECT_VIEWS):
        route = url_name(model, view)
        for target in ("own", "foreign") if view in OBJECT_VIEWS else (None,):
            args, on = admin_args(model, view, target), target or ""
            for method in ("GET", "POST"):
                data = admin_post(model, view, target) if method == "POST" else None
                status, writes = SUPERUSER[(view, method)]
                cases.append(matrix.Case(route, args, method, "superuser", status, on=on,
                                         data=data, writes=writes))
                status = CONSEILLER[(view, target, method)]
                cases.append(matrix.Case(route, args, method, "conseiller", status, on=on,
                                         data=data,
                                         redirect="admin:index" if status == 302 else None))
                if target == "foreign":
                    continue
                cases += [matrix.Case(route, args, method, person, 302, on=on, data=data,
                                      redirect="admin:login")
                          for person in SENT_TO_THE_ADMIN_LOGIN]
    return cases


CASES = [case for model in CHANGED for case in model_cases(model)]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


def test_each_refused_post_is_one_that_writes_when_accepted():
    """But on the history page, which only shows."""
    assert [route for route in matrix.unproven(CASES) if not route.endswith("_history")] == []


def test_the_matrix_lists_every_admin_page_of_plans():
    assert {case.route for case in CASES} == matrix.admin_routes("plans")
    registered = {m for m in admin.site._registry if m._meta.app_label == "plans"}
    assert registered == set(CHANGED)


@pytest.mark.parametrize("model", CHANGED, ids=lambda model: model.__name__)
def test_the_conseiller_lists_only_its_organization_s_rows(login, conseiller, plan,
                                                           foreign_plan, model):
    response = login(conseiller).get(reverse(url_name(model, "changelist")))
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == rows_of(model, plan)
    assert "Plan du SESSE" not in page(response)


@pytest.mark.parametrize("model", CHANGED, ids=lambda model: model.__name__)
def test_a_superuser_lists_every_organization_s_rows(login, superuser, plan, foreign_plan,
                                                     model):
    response = login(superuser).get(reverse(url_name(model, "changelist")))
    assert set(response.context["cl"].result_list) == (
        rows_of(model, plan) | rows_of(model, foreign_plan)
    )


def rows_of(model, plan):
    return set(model.objects.filter(**{PLAN_PATHS[model]: plan.pk}))
