"""Every URL of plans/ × every person, through tests/matrix.py (pretix style).

On the published `plan` (a closed one for the carry-over): logged out → login; another
organization's exécutif and an outsider → 404; a membre and a conseiller read (200) and
may not write (403, GET and POST alike); the exécutif and a superuser use every page. On
the `draft`: a membre → 404, a conseiller still reads and may not write. Under the
syndicat's slug the plan is a 404 to the syndicat's exécutif too. A wrong method → 405.
A refused request changes nothing, and each refused POST is one that, from the exécutif,
changes something (but moving a follow-up, which nobody may do).
"""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.import_views import PLAN_IMPORT
from plans.imports import read_plan
from plans.models import Action, Delegation, Orientation, StatutoryFile, Step, WorkPlan
from tests import matrix
from tests.documents import seed_004_docx
from tests.helpers import snapshot
from tests.matrix import ANONYMOUS
from tests.plans.helpers import PARENTS, ROW_MODELS, first_of, make_plan
from unionplans.forms import version_of
from unionplans.importing import sign_preview

# Posted data that would change something if it were accepted.
POST_DATA = {"direction": "down", "to_state": "clos", "what": "x", "text": "x", "name": "x",
             "statement": "x", "title": "x", "mandate_start": "2019-06-01",
             "mandate_end": "2022-06-30", "outcome": Action.Outcome.UPCOMING,
             "when_kind": Step.When.LABEL, "when_label": "x", "date": "2020-01-15",
             "target": "12", "value": "7", "lines": "x", "reason": "x"}


# A closed plan's next mandate starts after it.
CARRY_OVER_DATA = {"mandate_start": "2022-07-01", "mandate_end": "2025-06-30"}


def post_data(model, target, extra=None):
    """POST_DATA, with the version of the row (or plan) an edit form would post back."""
    return lambda w: {**POST_DATA, **(extra or {}),
                      "version": version_of(first_of(model, w[target]))}


@pytest.fixture
def world(request, db):
    return matrix.World(request, plan="plan_with_siblings", draft="draft", closed="closed",
                        executif="executif")


@pytest.fixture
def closed(cc):
    """A closed plan: the only kind that carries over into the next mandate."""
    return make_plan(cc, title="Plan 2016-2019", state=WorkPlan.State.CLOSED)


@pytest.fixture
def plan_with_siblings(plan):
    """The published `plan`, where every first row has a sibling below it to move past."""
    services.orientation_create(plan=plan, statement="Une deuxième orientation.")
    services.action_create(orientation=first_of(Orientation, plan), what="Deuxième action")
    services.list_item_create(model=StatutoryFile, plan=plan, name="Deuxième dossier")
    services.list_item_create(model=Delegation, plan=plan, name="Deuxième délégation")
    services.indicator_create(action=first_of(Action, plan), name="activités", target=None)
    return plan


def plan_args(target, slug=None):
    return lambda w: [slug or w[target].organization.slug, w[target].pk]


LINE_KINDS = ("etape", "suivi")
ADDS = ("plans:row_create", "plans:lines_add")  # the routes given the parent's pk


def model_of(name, kind):
    """The model of the pk in the route's URL."""
    return PARENTS[kind] if name in ADDS else ROW_MODELS[kind]


def row_args(name, kind, target, slug=None):
    model = model_of(name, kind)
    return lambda w: [slug or w[target].organization.slug, kind, first_of(model, w[target]).pk]


def organization_args(w):
    return [w["plan"].organization.slug]


# (name, row kind or None, allowed methods, a write?, what an exécutif's POST does).
# The last is (status, writes?): a successful write redirects and changes the database.
ROUTES = [
    ("plans:detail", None, {"GET"}, False, None),
    ("plans:bilan", None, {"GET"}, False, None),
    ("plans:history", None, {"GET"}, False, None),
    ("plans:pdf", None, {"GET"}, False, None),
    ("plans:bilan_pdf", None, {"GET"}, False, None),
    ("plans:docx", None, {"GET"}, False, None),
    ("plans:bilan_docx", None, {"GET"}, False, None),
    ("plans:xlsx", None, {"GET"}, False, None),
    ("plans:update", None, {"GET", "POST"}, True, (302, True)),
    ("plans:delete", None, {"GET", "POST"}, True, (302, True)),
    ("plans:transition", None, {"GET", "POST"}, True, (302, True)),  # closes the plan
    ("plans:reopen", None, {"GET", "POST"}, True, (302, True)),  # back to « adopté »
    ("plans:carry_over", None, {"GET", "POST"}, True, (302, True)),  # on the closed plan
    *[("plans:row_create", kind, {"GET", "POST"}, True, (302, True)) for kind in ROW_MODELS],
    *[("plans:row_update", kind, {"GET", "POST"}, True, (302, True)) for kind in ROW_MODELS],
    *[("plans:row_delete", kind, {"GET", "POST"}, True, (302, True)) for kind in ROW_MODELS],
    *[("plans:row_move", kind, {"POST"}, True, (302, True))
      for kind in ROW_MODELS if kind not in ("suivi", "mesure")],
    # Follow-ups and measurements stay in date order.
    ("plans:row_move", "suivi", {"POST"}, True, (403, False)),
    ("plans:row_move", "mesure", {"POST"}, True, (403, False)),
    # Inline editing: pasted steps or follow-ups, an action's outcome from its badge.
    *[("plans:lines_add", kind, {"GET", "POST"}, True, (302, True)) for kind in LINE_KINDS],
    ("plans:action_outcome", "action", {"GET", "POST"}, True, (302, True)),
]
ORGANIZATION_ROUTES = [
    ("plans:list", {"GET"}, False, None),
    ("plans:create", {"GET", "POST"}, True, (302, True)),
]


def statuses(method, write, executif_post, *, draft=False):
    """Who gets what on the published plan (or on the draft, for those who read it)."""
    if method == "POST" and write:
        editor, writes = executif_post
    else:
        editor, writes = 200, False
    reader = 403 if write else 200
    if draft:
        return {"membre": 404, "conseiller": reader}, ()
    people = {ANONYMOUS: 302, "executif": editor, "superuser": editor, "conseiller": reader,
              "membre": reader, "executif2": 404, "outsider": 404}
    return people, ({"executif", "superuser"} if writes else ())


def route_cases(name, kind, methods, write, executif_post):
    label = kind or ""
    model = WorkPlan if kind is None else model_of(name, kind)
    main, extra = ("closed", CARRY_OVER_DATA) if name == "plans:carry_over" else ("plan", None)
    main_label = label or ("closed" if main == "closed" else "")
    cases = []
    for target, on in [(main, main_label), ("draft", f"{label}@draft" if kind else "draft")]:
        args = row_args(name, kind, target) if kind else plan_args(target)
        for method in sorted(methods):
            people, writers = statuses(method, write, executif_post, draft=target == "draft")
            cases += matrix.cases(name, args, method, people, writes=writers, on=on,
                                  data=post_data(model, target, extra))
    # The plan's pk under the syndicat's slug is a 404 too, not a way round the check.
    args = row_args(name, kind, main, "sesse") if kind else plan_args(main, "sesse")
    on = f"{label}@sesse" if kind else "sesse"
    cases += [matrix.Case(name, args, method, "executif2", 404, on=on,
                          data=post_data(model, main, extra))
              for method in sorted(methods)]
    args = row_args(name, kind, main) if kind else plan_args(main)
    return cases + matrix.wrong_methods(name, args, methods, on=main_label)


def organization_route_cases(name, methods, write, executif_post):
    cases = []
    for method in sorted(methods):
        people, writers = statuses(method, write, executif_post)
        cases += matrix.cases(name, organization_args, method, people, writes=writers,
                              data=POST_DATA)
    return cases + matrix.wrong_methods(name, organization_args, methods)


def import_upload(w):
    return {"file": SimpleUploadedFile("plan.docx", seed_004_docx())}


def import_confirmation(w):
    """A preview signed for the organization's exécutif (the superuser's is refused)."""
    preview = read_plan(docx.Document(io.BytesIO(seed_004_docx())))
    salt = PLAN_IMPORT.salt(w["plan"].organization, w["executif"])
    return {"preview": sign_preview(preview, salt), "title": "Importé",
            "mandate_start": "2019-06-01", "mandate_end": "2022-06-30"}


READERS_REFUSED = {ANONYMOUS: 302, "conseiller": 403, "membre": 403, "executif2": 404,
                   "outsider": 404}
IMPORT_CASES = [
    *matrix.cases("plans:import", organization_args, "GET",
                  {**READERS_REFUSED, "executif": 200, "superuser": 200}),
    *matrix.cases("plans:import", organization_args, "POST",
                  {**READERS_REFUSED, "executif": 200, "superuser": 200}, data=import_upload),
    *matrix.wrong_methods("plans:import", organization_args, {"GET", "POST"}),
    *matrix.cases("plans:import_confirm", organization_args, "POST",
                  {**READERS_REFUSED, "executif": 302, "superuser": 400},
                  writes={"executif"}, data=import_confirmation),
    *matrix.wrong_methods("plans:import_confirm", organization_args, {"POST"}),
]

# An action's row in editing mode (its « Modifier »): for those who edit, without htmx the
# plan's page showing it so (a redirect), a refusal for the others.
EDITING_ARGS = row_args("plans:row_editing", "action", "plan")
EDITING_CASES = [
    *matrix.cases("plans:row_editing", EDITING_ARGS, "GET",
                  {**READERS_REFUSED, "executif": 302, "superuser": 302}),
    *matrix.cases("plans:row_editing", row_args("plans:row_editing", "action", "draft"), "GET",
                  {"membre": 404, "conseiller": 403}, on="draft"),
    *matrix.wrong_methods("plans:row_editing", EDITING_ARGS, {"GET"}),
]

CASES = [
    *IMPORT_CASES,
    *EDITING_CASES,
    *[case for route in ROUTES for case in route_cases(*route)],
    *[case for route in ORGANIZATION_ROUTES for case in organization_route_cases(*route)],
]


# The same refusals through htmx: a membre's inline edit is a 403 and changes nothing.
HTMX_CASES = [
    matrix.Case(name, row_args(name, kind, "plan"), "POST", "membre", 403, on=f"{kind}@htmx",
                data=post_data(model_of(name, kind), "plan"))
    for name, kind in [("plans:lines_add", "etape"), ("plans:lines_add", "suivi"),
                       ("plans:action_outcome", "action"), ("plans:row_update", "etape")]
]


@matrix.parametrize(HTMX_CASES)
def test_an_inline_edit_of_a_membre_is_refused(case, request, world, settings):
    client = matrix.new_client()
    client.force_login(request.getfixturevalue(case.person))
    url, data = reverse(case.route, args=case.args(world)), case.data(world)
    before = snapshot()
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert snapshot() == before


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_an_unknown_row_kind_is_404(login, executif, plan):
    url = f"/o/{plan.organization.slug}/plans/inconnu/{plan.pk}/modifier/"
    assert login(executif).get(url).status_code == 404

