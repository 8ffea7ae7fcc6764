"""Every LE28 route × every person, through tests/matrix.py.

LE28 projects are internal: logged out → login; the syndicat's exécutif and an outsider →
404, naming nothing of the project; a membre → 403 on every page; a conseiller reads
(page and PDF) and edits nothing in the app (403: the admin is its workbench); the exécutif
and a superuser use every page. The project under the syndicat's address, another
project's committee member and a row number outside the seed's lists → 404. A wrong
method → 405. Each refusal leaves the data as it was.
"""

import pytest

from tests import matrix
from tests.matrix import ANONYMOUS
from unionplans.forms import version_of
from vpp import le28

SLUG = "ccsne"
SECRET = "Projet confidentiel LE28"

POST_DATA = {
    "title": "Piraté", "establishment": "x", "volets": "1", "job_titles": "x",
    "decision_mode": "consensus", "union_participation": "on", "participants": "Piraté",
    "side": "syndicale", "name": "Piraté", "result": "atteint", "comment": "Piraté",
    "content": "Piraté", "decided_by": "Piraté", "decided_on": "2024-01-01",
}


@pytest.fixture
def world(request, db):
    return matrix.World(request, project="le28_project", member="le28_member",
                        other_member="other_member")


@pytest.fixture
def le28_project(cc):
    return le28.project_create(organization=cc, title=SECRET, establishment="CIUSSS",
                               volets=["1"], job_titles="Travailleurs sociaux")


@pytest.fixture
def le28_member(le28_project):
    return le28.member_create(project=le28_project, side="syndicale", name="Denis Gagnon")


@pytest.fixture
def other_member(cc):
    other = le28.project_create(organization=cc, title="Autre", establishment="x",
                                volets=["2"], job_titles="x")
    return le28.member_create(project=other, side="patronale", name="Direction")


def row_version(route):
    """The version the route's form posts back: of the row it edits."""
    def version(w):
        project = w["project"]
        rows = {
            "vpp:le28_edit": lambda: project,
            "vpp:le28_phase_edit": lambda: project.phases.get(phase=1),
            "vpp:le28_decision_edit": lambda: project.decisions.get(item=1),
            "vpp:le28_assessment_edit": lambda: project.assessments.get(indicator=1),
            "vpp:le28_member_edit": lambda: w["member"],
        }
        return version_of(rows[route]()) if route in rows else ""
    return lambda w: {**POST_DATA, "version": version(w)}


def project_args(*rest, slug=SLUG):
    """[slug, project pk, then fixed numbers or the world's rows]."""
    def args(w):
        return [slug, w["project"].pk, *(w[part].pk if isinstance(part, str) else part
                                         for part in rest)]
    return args


GET, GET_POST = {"GET"}, {"GET", "POST"}

# (route, URL arguments, methods, whether the exécutif's POST writes)
ROUTES = [
    ("le28_list", lambda w: [SLUG], GET, False),
    ("le28_create", lambda w: [SLUG], GET_POST, True),
    ("le28_detail", project_args(), GET, False),
    ("le28_pdf", project_args(), GET, False),
    ("le28_edit", project_args(), GET_POST, True),
    ("le28_phase_edit", project_args(1), GET_POST, True),
    ("le28_decision_edit", project_args(1), GET_POST, True),
    ("le28_assessment_edit", project_args(1), GET_POST, True),
    ("le28_member_create", project_args(), GET_POST, True),
    ("le28_member_edit", project_args("member"), GET_POST, True),
    ("le28_member_delete", project_args("member"), GET_POST, True),
]


def route_cases(name, args, methods, writes_on_post):
    route = f"vpp:{name}"
    editing = writes_on_post
    data = row_version(route)
    cases = []
    for method in sorted(methods):
        writes = method == "POST" and writes_on_post
        editor = 302 if writes else 200
        people = {ANONYMOUS: 302, "executif": editor, "superuser": editor,
                  "conseiller": 403 if editing else 200, "membre": 403,
                  "executif2": 404, "outsider": 404}
        cases += matrix.cases(route, args, method, people,
                              writes={"executif", "superuser"} if writes else (),
                              hidden=[SECRET], data=data)
        if name != "le28_list" and name != "le28_create":
            # The project's pk under the syndicat's address is no way round the check.
            cases.append(matrix.Case(
                route, lambda w, a=args: ["sesse", *a(w)[1:]], method, "executif2", 404,
                on="sesse", data=data, hidden=(SECRET,),
            ))
    return cases + matrix.wrong_methods(route, args, methods)


CASES = [case for route in ROUTES for case in route_cases(*route)]
# Rows that are not the project's: another project's member, a number outside the lists.
CASES += [
    matrix.Case(f"vpp:{name}", args, method, "executif", 404, on=on, data=row_version(""))
    for name, args, on in [
        ("le28_member_edit", project_args("other_member"), "other-project"),
        ("le28_member_delete", project_args("other_member"), "other-project"),
        ("le28_phase_edit", project_args(6), "no-such-phase"),
        ("le28_decision_edit", project_args(14), "no-such-item"),
        ("le28_assessment_edit", project_args(9), "no-such-indicator"),
    ]
    for method in ("GET", "POST")
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)
