"""Every entraide URL × every person, through tests/matrix.py: the plans are confidential.

Logged out → login; a plain membre, a conseiller not on the comité, another
organization's exécutif, an outsider → 404 everywhere (nothing may hint that plans exist);
the comité (the exécutif, `benevole`: a membre on the comité) and a superuser use every
page, except that only those who may edit make or change the organization's templates.
Another organization's plan, or another plan's row, under this plan's URL → 404. A wrong
method → 405. Forbidden writes change nothing.
"""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from entraide import services
from entraide.import_views import ENTRAIDE_IMPORT
from entraide.imports import read_entraide
from tests import matrix
from tests.documents import seed_002_docx
from tests.matrix import ANONYMOUS
from unionplans.forms import version_of
from unionplans.importing import sign_preview

SLUG = "ccsne"
OUTSIDE_THE_COMMITTEE = ("membre", "conseiller", "executif2", "outsider")
COMMITTEE = ("executif", "benevole", "superuser")
PERSONS = (*matrix.PERSONS, "benevole")

# Posted data that would change something if it were accepted.
DATA = {"direction": "down", "state": "fait", "review": "Bilan", "name": "Modèle",
        "period_label": "Autre", "objective": "Autre", "year": "2030", "need": "Autre"}


@pytest.fixture
def world(request, db):
    return matrix.World(request, plan="plan", closed="closed_plan", other_plan="other_plan",
                        sibling="sibling", template="organization_template",
                        templates="templates", cc="cc", executif="executif",
                        benevole="benevole")


@pytest.fixture
def closed_plan(plan):
    """The CCSNE's plan, closed with its review: next year's may start from it."""
    return services.plan_close(plan=plan, review="Bilan de l'année")


@pytest.fixture
def sibling(cc, templates):
    """Another plan of the CCSNE."""
    return services.plan_create_from_template(
        template=templates["annee-2"], organization=cc, year=2026
    )


@pytest.fixture
def organization_template(plan):
    """A template of the CCSNE's own, saved from its plan."""
    return services.plan_save_as_template(plan=plan, name="Notre modèle")


def first_row(plan):
    return plan.rows.order_by("position", "pk")[:1].get()


def post_data(plan_key, with_row):
    """DATA with the version the edit form posts back, and a template to start a plan from."""
    def data(w):
        edited = first_row(w[plan_key]) if with_row else w[plan_key]
        return {**DATA, "version": version_of(edited),
                "template": w["templates"]["annee-1"].pk}

    return data


def organization_args(w):
    return [SLUG]


def plan_args(plan_key, slug=SLUG):
    return lambda w: [slug, w[plan_key].pk]


def row_args(plan_key, row_plan_key=None, slug=SLUG):
    """The URL of a row of `row_plan_key`'s plan (by default the same plan)."""
    return lambda w: [slug, w[plan_key].pk, first_row(w[row_plan_key or plan_key]).pk]


GET, POST, GET_POST = {"GET"}, {"POST"}, {"GET", "POST"}
WRITES_FOR_ALL = {"executif", "superuser", "benevole"}
WRITES_FOR_EDITORS = {"executif", "superuser"}

# (name, what the URL points at (the organization, `plan`, its first row or the `closed`
#  plan), methods, what the comité's POST does:
#  (status, who writes) for all of the comité, or {person: (status, writes?)}).
ROUTES = [
    ("entraide:index", "organization", GET, None),
    ("entraide:plan_create", "organization", GET_POST, (302, WRITES_FOR_ALL)),
    ("entraide:blank_pdf", "organization", GET, None),
    ("entraide:plan_detail", "plan", GET, None),
    ("entraide:plan_edit", "plan", GET_POST, (302, WRITES_FOR_ALL)),
    ("entraide:plan_pdf", "plan", GET, None),
    ("entraide:plan_docx", "plan", GET, None),
    ("entraide:plan_history", "plan", GET, None),
    ("entraide:plan_close", "plan", GET_POST, (302, WRITES_FOR_ALL)),
    ("entraide:plan_next_year", "closed", POST, (302, WRITES_FOR_ALL)),
    ("entraide:plan_save_as_template", "plan", POST,
     {"executif": (302, True), "superuser": (302, True), "benevole": (403, False)}),
    ("entraide:row_add", "plan", GET_POST, (302, WRITES_FOR_ALL)),
    ("entraide:row_edit", "row", GET_POST, (302, WRITES_FOR_ALL)),
    ("entraide:row_delete", "row", POST, (302, WRITES_FOR_ALL)),
    ("entraide:row_move", "row", POST, (302, WRITES_FOR_ALL)),
    ("entraide:row_state", "row", GET_POST, (302, WRITES_FOR_ALL)),
]


def args_for(target, plan_key="plan", row_plan_key=None, slug=SLUG):
    if target == "organization":
        return organization_args
    if target == "closed":  # the closed plan, for what only a closed plan allows
        return plan_args("closed" if plan_key == "plan" else plan_key, slug)
    if target == "plan":
        return plan_args(plan_key, slug)
    return row_args(plan_key, row_plan_key, slug)


def committee_outcomes(method, post):
    """{person: (status, writes?)} for the comité."""
    if method != "POST" or post is None:
        return {person: (200, False) for person in COMMITTEE}
    if isinstance(post, dict):
        return post
    status, writers = post
    return {person: (status, person in writers) for person in COMMITTEE}


def route_cases(name, target, methods, post):
    args = args_for(target)
    data = post_data("closed" if target == "closed" else "plan", target == "row")
    cases = []
    for method in sorted(methods):
        outcomes = committee_outcomes(method, post)
        people = {ANONYMOUS: 302, **dict.fromkeys(OUTSIDE_THE_COMMITTEE, 404),
                  **{person: status for person, (status, _w) in outcomes.items()}}
        cases += matrix.cases(name, args, method, people, data=data,
                              writes=[person for person, (_s, w) in outcomes.items() if w])
        if target == "organization":
            continue
        # Another organization's plan, under this organization's slug.
        cases.append(matrix.Case(name, args_for(target, "other_plan"), method, "executif",
                                 404, on="other-organization", data=data))
        if target == "row":
            # A row of another plan, of another organization or of this one, under `plan`.
            for other in ("other_plan", "sibling"):
                cases.append(matrix.Case(name, args_for(target, "plan", other), method,
                                         "executif", 404, on=f"row-of-{other}", data=data))
    return cases + matrix.wrong_methods(name, args, methods)


# The organization's own template: the comité reads it; only those who may edit change it.
TEMPLATE_CASES = [
    matrix.Case("entraide:plan_detail", plan_args("template"), "GET", "benevole", 200,
                on="template"),
    matrix.Case("entraide:plan_docx", plan_args("template"), "GET", "benevole", 200,
                on="template"),
    matrix.Case("entraide:plan_edit", plan_args("template"), "GET", "benevole", 403,
                on="template"),
    matrix.Case("entraide:plan_edit", plan_args("template"), "POST", "benevole", 403,
                on="template", data=post_data("template", False)),
    matrix.Case("entraide:row_delete", row_args("template"), "POST", "benevole", 403,
                on="template"),
    matrix.Case("entraide:row_delete", row_args("template"), "POST", "executif", 302,
                on="template", writes=True),
]


def import_upload(w):
    return {"file": SimpleUploadedFile("entraide.docx", seed_002_docx())}


def import_confirmation(person):
    """The seed's plans, previewed for `person` of the CCSNE (anyone else's is refused)."""
    def data(w):
        preview = read_entraide(docx.Document(io.BytesIO(seed_002_docx())))
        salt = ENTRAIDE_IMPORT.salt(w["cc"], w[person])
        return {"preview": sign_preview(preview, salt), "year": "2030"}

    return data


def cc_args(w):
    return [w["cc"].slug]


# Importing from Word: whoever may start a plan (the comité); a preview is good only for
# the person it was made for (the exécutif's, confirmed by anyone else, is a 400).
OUTSIDERS = {ANONYMOUS: 302, **dict.fromkeys(OUTSIDE_THE_COMMITTEE, 404)}
IMPORT_CASES = [
    *matrix.cases("entraide:import", cc_args, "GET",
                  {**OUTSIDERS, **dict.fromkeys(COMMITTEE, 200)}),
    *matrix.cases("entraide:import", cc_args, "POST",
                  {**OUTSIDERS, **dict.fromkeys(COMMITTEE, 200)}, data=import_upload),
    *matrix.wrong_methods("entraide:import", cc_args, GET_POST),
    *matrix.cases("entraide:import_confirm", cc_args, "POST",
                  {**OUTSIDERS, "executif": 302, "benevole": 400, "superuser": 400},
                  writes={"executif"}, data=import_confirmation("executif")),
    matrix.Case("entraide:import_confirm", cc_args, "POST", "benevole", 302,
                on="own-preview", writes=True, data=import_confirmation("benevole")),
    *matrix.wrong_methods("entraide:import_confirm", cc_args, POST),
]

CASES = [*[case for route in ROUTES for case in route_cases(*route)], *TEMPLATE_CASES,
         *IMPORT_CASES]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_the_organization_page_links_entraide_only_for_the_committee(login, cc, executif, membre,
                                                                     benevole, conseiller):
    url = reverse("organization_detail", args=[cc.slug])
    link = reverse("entraide:index", args=[cc.slug])
    assert link in login(executif).get(url).content.decode()
    assert link in login(benevole).get(url).content.decode()
    assert link not in login(membre).get(url).content.decode()
    assert link not in login(conseiller).get(url).content.decode()

