"""Every URL of vpp/ × every person, through tests/matrix.py (pretix style).

Logged out → login; the other organisation's exécutif and an outsider → 404, and the page
names nothing of the dossier; a membre → 404 on a dossier it is not listed on, and on the
one it is listed on (`listed`) reads, writes its survey findings, may ask to move the
dossier (the workflow refuses it at the watch stage) and gets 403 on every other write; a
membre gets 403 on the internal pages (watch) and on their writes; a conseiller reads
everything, moves dossiers as the exécutif does (both lead the dossier) and edits nothing
in the app (403); the exécutif and a superuser use every page. A wrong method →
405. Each refusal leaves the data as it was, and each refused POST is one that, from the
exécutif, changes something. LE28 projects: tests/vpp/test_le28_matrix.py.
"""

from datetime import date

import pytest
from django.urls import reverse

from tests import matrix
from tests.helpers import page
from tests.matrix import ANONYMOUS
from unionplans.forms import version_of
from vpp import services
from vpp.models import Dossier, Stage, Task

SLUG = "ccsne"
SECRET = "Buanderie secrète"  # the unlisted dossier's title

POST_DATA = {
    "title": "Piraté", "establishment": "x", "service": "x", "mode": "prevention",
    "domain": "intervention", "findings": "Piraté", "to_stage": Stage.PRE_DIAGNOSTIC,
    "reason": "Piraté", "element": "documentation", "description": "Piraté", "q_project": "x",
    "in_house_cost": "1", "contracted_cost": "1", "jobs": "1", "hours": "1",
    "source": "x", "published_on": "2024-01-01", "trigger_date": "2026-01-01",
}


@pytest.fixture
def world(request, db):
    return matrix.World(
        request, listed="dossier", unlisted="unlisted", task="unlisted_task",
        deadline="unlisted_deadline", listed_task="listed_task",
        listed_deadline="listed_deadline", item="veille_item", rule="rule",
        advanced="advanced", bulletin="bulletin", step="deployment_step", cc="cc",
    )


@pytest.fixture
def bulletin(cc):
    return services.bulletin_create(organization=cc, source="CTROC", title="INFO-PSOC",
                                    published_on=date(2017, 5, 15))


@pytest.fixture
def deployment_step(cc):
    return services.deployment_step_create(organization=cc, description="Nommer la structure")


@pytest.fixture
def unlisted(cc):
    """A dossier of the cc that names nobody: a membre may not even learn it exists."""
    return services.dossier_create(
        organization=cc, by=None, title=SECRET, establishment="CIUSSS",
        service="Buanderie", mode="intervention", domain="intervention",
    )


@pytest.fixture
def advanced(unlisted):
    """The unlisted dossier at the pre-diagnostic stage: it may go back to the watch stage."""
    Dossier.objects.filter(pk=unlisted.pk).update(stage=Stage.PRE_DIAGNOSTIC)
    unlisted.refresh_from_db()
    return unlisted


@pytest.fixture
def unlisted_task(unlisted):
    return Task.objects.create(dossier=unlisted, element="documentation", description="Lire")


@pytest.fixture
def unlisted_deadline(unlisted, rule):
    return services.deadline_set(dossier=unlisted, rule=rule, trigger_date=date(2026, 1, 5))


@pytest.fixture
def listed_task(dossier):
    return Task.objects.create(dossier=dossier, element="documentation", description="Lire")


@pytest.fixture
def listed_deadline(dossier, rule):
    return services.deadline_set(dossier=dossier, rule=rule, trigger_date=date(2026, 1, 5))


def post_data(key):
    """POST_DATA with the version of the world's `key` (as its edit form posts it back), a
    deadline rule and a dossier to link a watch item to."""
    return lambda w: {**POST_DATA, "version": version_of(w[key]), "rule": w["rule"].pk,
                      "dossier": w["unlisted"].pk}


GET, POST, GET_POST = {"GET"}, {"POST"}, {"GET", "POST"}

# Dossier pages: (name, the row after the dossier in the URL or a fixed part, methods,
# what an exécutif's POST does (status, writes?) or None for a page that only reads).
DOSSIER_ROUTES = [
    ("dossier_detail", None, GET, None),
    ("dossier_report_pdf", None, GET, None),
    ("dossier_history", None, GET, None),
    ("dossier_edit", None, GET_POST, (302, True)),
    ("dossier_findings", None, GET_POST, (302, True)),
    ("dossier_advance", None, POST, (302, True)),
    ("dossier_go_back", None, POST, (302, True)),  # on the `advanced` dossier
    ("task_create", None, GET_POST, (302, True)),
    ("task_edit", "task", GET_POST, (302, True)),
    ("questionnaire_edit", "pre_diagnostic", GET_POST, (302, True)),
    ("financial_analysis_edit", None, GET_POST, (302, True)),
    ("deadline_create", None, GET_POST, (302, True)),
    ("deadline_edit", "deadline", GET_POST, (302, True)),
]
# What a membre listed on the dossier gets, where it is not a 403 (a read is a 200).
LISTED_MEMBRE = {
    ("dossier_findings", "GET"): (200, False),
    ("dossier_findings", "POST"): (302, True),  # the terrain writes its findings
    ("dossier_advance", "POST"): (302, False),  # the workflow refuses it at the watch stage
    ("dossier_go_back", "POST"): (302, False),
}

# Organisation pages: (name, the world's object in the URL, methods, exécutif's POST,
# what a membre gets on the reads).
ORGANIZATION_ROUTES = [
    ("dossier_list", None, GET, None, 200),
    ("dossier_xlsx", None, GET, None, 200),
    ("dossier_create", None, GET_POST, (302, True), None),
    ("veille_list", None, GET, None, 403),
    ("veille_create", None, GET_POST, (302, True), None),
    ("veille_detail", "item", GET, None, 403),
    ("veille_edit", "item", GET_POST, (302, True), None),
    ("veille_link", "item", POST, (302, True), None),
    ("bulletin_create", None, GET_POST, (302, True), None),
    ("bulletin_detail", "bulletin", GET, None, 403),
    ("bulletin_edit", "bulletin", GET_POST, (302, True), None),
    ("structure", None, GET, None, 403),
    ("structure_edit", None, GET_POST, (302, True), None),
    ("deployment_step_create", None, GET_POST, (302, True), None),
    ("deployment_step_edit", "step", GET_POST, (302, True), None),
]


ROWS = ("task", "deadline")  # URL parts that are a row of the world, not fixed text


def dossier_args(dossier, part, slug=SLUG, keys=None):
    """[slug, dossier pk, then the task / deadline pk or the fixed part of the URL].

    `keys` renames the world's rows: {"task": "listed_task"}.
    """
    keys = keys or {}

    def args(w):
        if part is None:
            return [slug, w[dossier].pk]
        return [slug, w[dossier].pk, w[keys.get(part, part)].pk if part in ROWS else part]

    return args


def edited(dossier, part, keys=None):
    """The world's key of the row an edit form of this URL changes."""
    return (keys or {}).get(part, part) if part in ROWS else dossier


def editor_outcome(method, executif_post):
    return executif_post if method == "POST" and executif_post else (200, False)


def dossier_route_cases(name, part, methods, executif_post):
    route = f"vpp:{name}"
    main = "advanced" if name == "dossier_go_back" else "unlisted"
    version_key = edited(main, part)
    write = executif_post is not None
    cases = []
    for method in sorted(methods):
        editor, writes = editor_outcome(method, executif_post)
        # Conseillers lead with the exécutif: they move dossiers, they do not edit them.
        moves = name in ("dossier_advance", "dossier_go_back")
        people = {ANONYMOUS: 302, "executif": editor, "superuser": editor,
                  "conseiller": editor if moves else 403 if write else 200, "membre": 404,
                  "executif2": 404, "outsider": 404}
        writers = {"executif", "superuser", *(["conseiller"] if moves else [])}
        cases += matrix.cases(route, dossier_args(main, part), method, people,
                              writes=writers if writes else (),
                              hidden=[SECRET], data=post_data(version_key))
        # The membre listed on `dossier`, on its own task and deadline.
        keys = {"task": "listed_task", "deadline": "listed_deadline"}
        status, writes = LISTED_MEMBRE.get((name, method), (403 if write else 200, False))
        cases.append(matrix.Case(
            route, dossier_args("listed", part, keys=keys), method, "membre", status,
            on="listed", writes=writes, data=post_data(edited("listed", part, keys)),
        ))
        # The dossier's pk under the syndicat's slug is no way round the check.
        cases.append(matrix.Case(route, dossier_args(main, part, slug="sesse"), method,
                                 "executif2", 404, on="sesse", data=post_data(version_key)))
        if part in ROWS:
            # Another dossier's task or deadline, under the listed dossier.
            cases.append(matrix.Case(route, dossier_args("listed", part), method, "executif",
                                     404, on=f"other-dossier-{part}",
                                     data=post_data(version_key)))
    return cases + matrix.wrong_methods(route, dossier_args(main, part), methods)


def organization_args(part):
    return lambda w: [SLUG] if part is None else [SLUG, w[part].pk]


def organization_route_cases(name, part, methods, executif_post, membre_reads):
    route = f"vpp:{name}"
    write = executif_post is not None
    cases = []
    for method in sorted(methods):
        editor, writes = editor_outcome(method, executif_post)
        people = {ANONYMOUS: 302, "executif": editor, "superuser": editor,
                  "conseiller": 403 if write else 200,
                  "membre": 403 if write else membre_reads, "executif2": 404, "outsider": 404}
        cases += matrix.cases(route, organization_args(part), method, people,
                              writes={"executif", "superuser"} if writes else (),
                              hidden=[SECRET], data=post_data(part or "unlisted"))
    return cases + matrix.wrong_methods(route, organization_args(part), methods)


def blank_tool_args(kind):
    return lambda w: [w["cc"].slug, kind]


# The blank tools print nothing of the organisation's work: every person of it reads them.
BLANK_TOOL_CASES = [
    *matrix.cases("vpp:blank_tool_pdf", blank_tool_args("aide_memoire"), "GET", {
        ANONYMOUS: 302, "executif": 200, "conseiller": 200, "membre": 200, "superuser": 200,
        "executif2": 404, "outsider": 404,
    }),
    matrix.Case("vpp:blank_tool_pdf", blank_tool_args("nothing"), "GET", "executif", 404,
                on="unknown-kind"),
    *matrix.wrong_methods("vpp:blank_tool_pdf", blank_tool_args("prevention"), GET),
]

CASES = [
    *[case for route in DOSSIER_ROUTES for case in dossier_route_cases(*route)],
    *[case for route in ORGANIZATION_ROUTES for case in organization_route_cases(*route)],
    *BLANK_TOOL_CASES,
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_the_membre_s_list_shows_only_its_dossiers(login, membre, dossier, unlisted):
    text = page(login(membre).get(reverse("vpp:dossier_list", args=[SLUG])))
    assert "Reprographie" in text
    assert SECRET not in text
