"""Every URL of plans/, for every person who must be refused (pretix-style matrix).

Logged out → login; another organization's exécutif and an outsider → 404; a membre's
write → 403; a wrong method → 405. A refused request changes nothing.
"""

import pytest
from django.urls import reverse

from plans.models import (
    Action,
    Delegation,
    FollowUp,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)

MODELS = [WorkPlan, Orientation, Action, Step, FollowUp, StatutoryFile, Delegation]

ROW_MODELS = {
    "orientation": Orientation,
    "action": Action,
    "etape": Step,
    "suivi": FollowUp,
    "dossier-statutaire": StatutoryFile,
    "delegation": Delegation,
}
PARENTS = {
    "orientation": WorkPlan,
    "action": Orientation,
    "etape": Action,
    "suivi": Action,
    "dossier-statutaire": WorkPlan,
    "delegation": WorkPlan,
}

# (name, args builder, allowed methods, write?)
PLAN_URLS = [
    ("plans:detail", "plan", {"GET"}, False),
    ("plans:bilan", "plan", {"GET"}, False),
    ("plans:pdf", "plan", {"GET"}, False),
    ("plans:bilan_pdf", "plan", {"GET"}, False),
    ("plans:update", "plan", {"GET", "POST"}, True),
    ("plans:delete", "plan", {"GET", "POST"}, True),
    ("plans:transition", "plan", {"POST"}, True),
    ("plans:carry_over", "plan", {"GET", "POST"}, True),
]
ROW_URLS = [
    *[("plans:row_create", kind, {"GET", "POST"}, True) for kind in ROW_MODELS],
    *[("plans:row_update", kind, {"GET", "POST"}, True) for kind in ROW_MODELS],
    *[("plans:row_delete", kind, {"GET", "POST"}, True) for kind in ROW_MODELS],
    *[("plans:row_move", kind, {"POST"}, True) for kind in ROW_MODELS if kind != "suivi"],
]
ALL = [*PLAN_URLS, *ROW_URLS]
IDS = [f"{name}:{target}" for name, target, _m, _w in ALL]


def url_for(name, target, plan):
    slug = plan.organization.slug
    if target == "plan":
        return reverse(name, args=[slug, plan.pk])
    if name == "plans:row_create":
        parent = PARENTS[target]
        parent_obj = parent.objects.filter(**parent_filter(parent, plan)).first()
        return reverse(name, args=[slug, target, parent_obj.pk])
    model = ROW_MODELS[target]
    row = model.objects.filter(**parent_filter(model, plan)).first()
    return reverse(name, args=[slug, target, row.pk])


def parent_filter(model, plan):
    paths = {
        WorkPlan: "pk",
        Orientation: "plan",
        Action: "orientation__plan",
        Step: "action__orientation__plan",
        FollowUp: "action__orientation__plan",
        StatutoryFile: "plan",
        Delegation: "plan",
    }
    return {paths[model]: plan.pk if model is WorkPlan else plan}


def snapshot():
    """Row and history counts of every model: any create, change or delete moves them."""
    return [(m.objects.count(), m.history.count()) for m in MODELS]


POST_DATA = {"direction": "down", "to_state": "clos", "what": "x", "text": "x", "name": "x",
             "statement": "x", "title": "x"}


def request(client, method, url):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, POST_DATA)
    return client.generic(method, url)


def methods_of(allowed):
    return sorted(allowed)


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_logged_out_visitors_go_to_the_login_page(client, plan, name, target, allowed, write):
    url = url_for(name, target, plan)
    before = snapshot()
    for method in methods_of(allowed):
        response = request(client, method, url)
        assert response.status_code == 302, method
        assert response.url.startswith(reverse("login"))
    assert snapshot() == before


@pytest.mark.parametrize("person", ["executif2", "outsider"])
@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_another_organization_gets_404(login, request_fixture, plan, person, name, target,
                                       allowed, write):
    client = login(request_fixture(person))
    url = url_for(name, target, plan)
    before = snapshot()
    for method in methods_of(allowed):
        assert request(client, method, url).status_code == 404, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_the_executif_of_another_organization_cannot_reach_it_through_its_own_slug(
    login, executif2, syndicat, plan, name, target, allowed, write
):
    """The plan's pk under the syndicat's slug is a 404 too, not a way round the check."""
    url = url_for(name, target, plan).replace(f"/o/{plan.organization.slug}/",
                                               f"/o/{syndicat.slug}/")
    before = snapshot()
    for method in methods_of(allowed):
        assert request(login(executif2), method, url).status_code == 404, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_a_membre_reads_the_published_plan_and_cannot_write(login, membre, plan, name, target,
                                                            allowed, write):
    client = login(membre)
    url = url_for(name, target, plan)
    before = snapshot()
    for method in methods_of(allowed):
        expected = 403 if write else 200
        assert request(client, method, url).status_code == expected, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_a_membre_gets_404_on_a_draft(login, membre, draft, name, target, allowed, write):
    client = login(membre)
    url = url_for(name, target, draft)
    before = snapshot()
    for method in methods_of(allowed):
        assert request(client, method, url).status_code == 404, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_a_conseiller_reads_drafts_but_cannot_write(login, conseiller, draft, name, target,
                                                   allowed, write):
    client = login(conseiller)
    url = url_for(name, target, draft)
    before = snapshot()
    for method in methods_of(allowed):
        expected = 403 if write else 200
        assert request(client, method, url).status_code == expected, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_a_wrong_method_is_405(login, executif, plan, name, target, allowed, write):
    client = login(executif)
    url = url_for(name, target, plan)
    before = snapshot()
    for method in {"GET", "POST", "PUT"} - allowed:
        assert request(client, method, url).status_code == 405, method
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "allowed", "write"), ALL, ids=IDS)
def test_the_executif_opens_every_page(login, executif, plan, name, target, allowed, write):
    if "GET" in allowed:
        assert login(executif).get(url_for(name, target, plan)).status_code == 200


@pytest.mark.parametrize("url_name", ["plans:list", "plans:create"])
def test_the_organization_level_pages(client, login, cc, executif, executif2, outsider, membre,
                                      url_name):
    url = reverse(url_name, args=[cc.slug])
    assert client.get(url).status_code == 302
    assert login(executif2).get(url).status_code == 404
    assert login(outsider).get(url).status_code == 404
    assert login(membre).get(url).status_code == (200 if url_name == "plans:list" else 403)
    assert login(executif).get(url).status_code == 200
    assert login(executif).put(url).status_code == 405
    before = snapshot()
    response = login(membre).post(
        reverse("plans:create", args=[cc.slug]),
        {"title": "X", "mandate_start": "2022-06-01", "mandate_end": "2025-06-01"},
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_an_unknown_row_kind_is_404(login, executif, plan):
    url = f"/o/{plan.organization.slug}/plans/inconnu/{plan.pk}/modifier/"
    assert login(executif).get(url).status_code == 404


@pytest.fixture
def request_fixture(request):
    return lambda name: request.getfixturevalue(name)
