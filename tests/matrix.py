"""The permission-matrix harness of the whole suite (a plain module, not a conftest).

A `Case` is one request: a route (URL name), how to build its URL arguments from the
module's `world` fixture (the objects the routes point at), an HTTP method, a
person (a fixture name, or `ANONYMOUS`) and the status code expected. Each app's matrix
module lists its cases, gives its `world` (a `World`: each object is a fixture, built
only for the cases that use it), then runs them all through `check`:

    @matrix.parametrize(CASES)
    def test_the_matrix(case, request, world):
        matrix.check(case, request, world)

`check` asserts the exact status, where a redirect leads (`redirect`; an anonymous
visitor's, to the login page), and that the database is exactly as it was
(`tests.helpers.snapshot`: the value of every row, historical records included) unless
the case says the request `writes`, in which case something must have changed.

`routes_in_urlconf` reads the URL configuration: tests/test_matrix.py fails naming any
route that no matrix lists, so a new route nobody listed fails the suite; `admin_routes`
does the same for the admin matrices of each app.

`fuzz_test(CASES)` attacks the same routes with hostile input (hypothesis): each matrix
module says `test_hostile_input = matrix.fuzz_test(CASES)`.
"""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import hypothesis
import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.test.client import ClientHandler
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import strategies as st

from tests.helpers import differences, page, snapshot

ANONYMOUS = "anonymous"

# The people of tests/conftest.py, each a fixture; entraide adds `benevole`.
PERSONS = ("anonymous", "executif", "conseiller", "membre", "executif2", "outsider",
           "superuser")

# The routes the matrices must list: every route of these namespaces, and every route
# under the organization's prefix (its own pages and whatever a new app mounts there).
NAMESPACES = ("plans", "vpp", "entraide")
ORGANIZATION_PREFIX = "o/<slug:slug>/"
# The person's own pages outside the organization's prefix, listed as well.
PERSONAL_PREFIXES = ("mes-actions/", "notifications/", "calendrier")

METHODS = ("GET", "POST", "PUT", "DELETE")

Args = Callable[[Mapping[str, Any]], Sequence[Any]]


@dataclass(frozen=True)
class Case:
    route: str  # the URL name, "vpp:task_edit"
    args: Args  # the URL's arguments, from the world
    method: str
    person: str  # a fixture name, or ANONYMOUS
    status: int
    on: str = ""  # which of the world's objects, when a route is tried on several
    data: Mapping[str, Any] | Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = field(
        default=None, compare=False
    )  # what is posted; a callable gets the world and returns it
    writes: bool = False  # an accepted write: the database must change
    hidden: tuple[str, ...] = ()  # texts the response must not show
    redirect: str | None = None  # the URL name a 302 leads to; for ANONYMOUS, "login"

    @property
    def id(self) -> str:
        route = f"{self.route}:{self.on}" if self.on else self.route
        return f"{route}-{self.method}-{self.person}-{self.status}"


def parametrize(cases: Sequence[Case]):
    """`@pytest.mark.parametrize("case", cases)` with readable ids, which must be unique."""
    ids = [case.id for case in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"Two cases share an id: {duplicates}")
    return pytest.mark.parametrize("case", cases, ids=ids)


class World(Mapping):
    """The objects the routes point at, each a fixture built on first use.

    `World(request, plan="plan", draft="draft")`: `world["draft"]` is the `draft` fixture,
    created only by the cases that point at it.
    """

    def __init__(self, request, **fixtures: str):
        self._request, self._fixtures = request, fixtures

    def __getitem__(self, key):
        return self._request.getfixturevalue(self._fixtures[key])

    def __iter__(self):
        return iter(self._fixtures)

    def __len__(self):
        return len(self._fixtures)


@functools.cache
def _handler() -> ClientHandler:
    """One request handler for every case: building the middleware for each test client
    (WhiteNoise lists every static file) would cost more than the cases themselves."""
    return ClientHandler(enforce_csrf_checks=False)


def new_client() -> Client:
    """A fresh test client (no cookies) on the shared handler."""
    fresh = Client()
    fresh.handler = _handler()
    return fresh


def check(case: Case, request, world: Mapping[str, Any]):
    """Run `case` on a fresh test client and assert what it expects; return the response.

    `request` is pytest's, to get the person's fixture.
    """
    client = new_client()
    if case.person != ANONYMOUS:
        client.force_login(request.getfixturevalue(case.person))
    url = reverse(case.route, args=case.args(world))
    data = case.data(world) if callable(case.data) else case.data
    before = snapshot()
    if case.method == "POST":
        response = client.post(url, data or {})
    else:
        response = client.generic(case.method, url)
    after = snapshot()

    assert response.status_code == case.status, (
        f"{case.id}: {case.method} {url} answered {response.status_code}"
    )
    target = case.redirect or ("login" if case.person == ANONYMOUS else None)
    if case.status == 302 and target:
        assert response.url.split("?")[0] == reverse(target), (
            f"{case.id} leads to {response.url}, not to {target}"
        )
    if case.hidden:
        text = page(response) if not response.streaming else ""
        for hidden in case.hidden:
            assert hidden not in text, f"{case.id} shows {hidden!r}"
    if case.writes:
        assert after != before, f"{case.id}: the accepted write changed nothing"
    else:
        assert not differences(before, after), (
            f"{case.id} changed the database: {differences(before, after)}"
        )
    return response


def cases(route: str, args: Args, method: str, statuses: Mapping[str, int], *,
          writes: Iterable[str] = (), hidden: Sequence[str] = (), **fields) -> list[Case]:
    """One case a person of `statuses` ({person: status}); `writes` names those who write.

    `hidden` texts are checked on the refusals (403, 404) only.
    """
    writes = set(writes)
    return [
        Case(route, args, method, person, status, writes=person in writes,
             hidden=tuple(hidden) if status in (403, 404) else (), **fields)
        for person, status in statuses.items()
    ]


def wrong_methods(route: str, args: Args, allowed: Iterable[str], person="executif",
                  **fields) -> list[Case]:
    """405 for every method of METHODS the route does not allow, for someone who may use it."""
    allowed = set(allowed)
    return [Case(route, args, method, person, 405, **fields)
            for method in METHODS if method not in allowed]


# What the URL configuration holds


def routes_in_urlconf() -> set[str]:
    """The names of every route of NAMESPACES, under ORGANIZATION_PREFIX and under
    PERSONAL_PREFIXES.

    A route without a name is given as its pattern, so that the failure still names it.
    """
    found = set()

    def walk(patterns, prefix, namespace, wanted):
        for entry in patterns:
            pattern = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, pattern, inner,
                     wanted or entry.namespace in NAMESPACES)
            elif isinstance(entry, URLPattern) and (
                wanted or pattern.startswith((ORGANIZATION_PREFIX, *PERSONAL_PREFIXES))
            ):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.add(name if entry.name else f"unnamed route {pattern}")

    walk(get_resolver().url_patterns, "", "", False)
    return found


def unlisted(listed: Iterable[Case]) -> list[str]:
    """The routes of the URL configuration that no case of `listed` tries."""
    return sorted(routes_in_urlconf() - {case.route for case in listed})


def gaps(listed: Iterable[Case], persons: Sequence[str] = PERSONS) -> list[str]:
    """For each route of `listed`: the persons never tried on it, and a missing 405 case."""
    tried, refused_methods = {}, set()
    for case in listed:
        tried.setdefault(case.route, set()).add(case.person)
        if case.status == 405:
            refused_methods.add(case.route)
    problems = [f"{route}: no case for {sorted(set(persons) - people)}"
                for route, people in sorted(tried.items()) if set(persons) - people]
    problems += [f"{route}: no wrong-method (405) case"
                 for route in sorted(tried) if route not in refused_methods]
    return problems


def admin_routes(app_label: str) -> set[str]:
    """The names of the admin's routes for every model of `app_label` it registers
    (changelist, add, change, delete, history, and django-simple-history's revert form)."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == app_label:
            found |= {f"{admin.site.name}:{entry.name}"
                      for entry in model_admin.get_urls() if getattr(entry, "name", None)}
    return found


# POSTs that only read (an uploaded file read into a preview), each with the route that
# confirms what they read: a refusal there is proven by that route's accepted write.
READ_ONLY_POSTS = {"plans:import": "plans:import_confirm",
                   "entraide:import": "entraide:import_confirm",
                   "member_import": "member_import_confirm"}


def unproven(listed: Iterable[Case]) -> list[str]:
    """The routes whose POST some case refuses while no case's POST writes there.

    "A refused POST changed nothing" proves something only if the same POST, from someone
    allowed, does change something (for READ_ONLY_POSTS: its confirmation's POST).
    """
    refused, proven = set(), set()
    for case in listed:
        if case.method != "POST":
            continue
        if case.writes:
            proven.add(case.route)
        elif case.status in (403, 404) or case.redirect in ("login", "admin:login") or (
            case.person == ANONYMOUS
        ):
            refused.add(case.route)
    proven |= {route for route, confirm in READ_ONLY_POSTS.items() if confirm in proven}
    return sorted(refused - proven)


# The admin pages of one object, and what Django's admin answers a superuser on each
# page of a model: (status, writes?).
OBJECT_VIEWS = ("change", "delete", "history", "simple_history")
ADMIN_SUPERUSER = {
    ("changelist", "GET"): (200, False),
    ("changelist", "POST"): (302, True),  # the delete_selected action, confirmed
    ("add", "GET"): (200, False),
    ("add", "POST"): (302, True),
    ("change", "GET"): (200, False),
    ("change", "POST"): (302, True),
    ("delete", "GET"): (200, False),
    ("delete", "POST"): (302, True),
    ("history", "GET"): (200, False),
    ("history", "POST"): (200, False),  # the history is only a page
    ("simple_history", "GET"): (200, False),
    ("simple_history", "POST"): (302, True),  # a revert
}


# Hostile input on every route a matrix lists: each form's fields and each list's filters
# get NUL bytes, huge numbers, impossible dates, markup and template syntax, any Unicode.
# The answer may refuse (4xx) but never fail (5xx). On PostgreSQL in CI, as production.

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "\x00", "a\x00b", "%00", "9" * 30, "-1", "0", "", " ", "9999-12-31", "0000-00-00",
        "2021-02-30", "31/12/2021", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "{{ request }}", "{% now 'Y' %}", "x" * 20_000, "../../etc/passwd", "file:///etc/passwd",
        "on", "true", "[]", "1e309", "NaN", "١٢٣", "ℌ", "Ω" * 300,
    ]),
)


class _FieldNames(HTMLParser):
    """The names of the fields of a page's GET forms (its list filters)."""

    def __init__(self):
        super().__init__()
        self.in_get_form, self.names = False, set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form and attributes.get(
                "name") and attributes.get("type") != "submit":
            self.names.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def _filter_names(response) -> set[str]:
    parser = _FieldNames()
    if "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
    return parser.names - {"language", "next"}


def fuzz_cases(listed: Iterable[Case]) -> list[Case]:
    """One accepted case per route (and object) and method: the one to attack."""
    chosen = {}
    for case in listed:
        if case.person != ANONYMOUS and case.status in (200, 302) and case.method in (
                "GET", "POST"):
            chosen.setdefault((case.route, case.on, case.method), case)
    return list(chosen.values())


def fuzz_test(listed: Iterable[Case]):
    """A test, for a matrix module, of hostile input on each of `listed`'s routes:
    `test_hostile_input = matrix.fuzz_test(CASES)`."""

    field_names = {}  # per case: the page's filters are read once, not once an example

    @parametrize(fuzz_cases(listed))
    @hypothesis.settings(max_examples=5, deadline=None, derandomize=True,
                         suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture,
                                                hypothesis.HealthCheck.too_slow])
    @hypothesis.given(draw=st.data())
    def test_hostile_input(case, request, world, draw):
        client = new_client()
        client.force_login(request.getfixturevalue(case.person))
        url = reverse(case.route, args=case.args(world))
        base = {}
        if case.method == "GET":
            if case.id not in field_names:
                field_names[case.id] = sorted(_filter_names(client.get(url)))
            names = field_names[case.id] or ["q", "page", "sort"]
        else:
            base = case.data(world) if callable(case.data) else dict(case.data or {})
            names = sorted(base) or ["id"]
        fields = draw.draw(st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1),
                           label="fields")
        with transaction.atomic():  # each example starts from the same rows
            if case.method == "GET":
                response = client.get(url, fields)
            else:
                response = client.post(url, {**base, **fields})
            transaction.set_rollback(True)
        assert response.status_code < 500, (
            f"{case.id}: {case.method} {url} with {fields!r} answered {response.status_code}")

    return test_hostile_input
