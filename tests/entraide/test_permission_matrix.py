"""Every entraide URL × every person (pretix style): the plans are confidential.

Logged out → login; plain membre, unflagged conseiller, other organization, outsider →
404 (nothing may hint that plans exist); wrong method → 405. Forbidden writes change
nothing.
"""

import pytest
from django.urls import reverse

from entraide.models import EntraidePlan, EntraideRow


def urls(plan, row):
    slug, pk = plan.organization.slug, plan.pk
    return [
        ("GET", reverse("entraide:index", args=[slug])),
        ("GET", reverse("entraide:plan_create", args=[slug])),
        ("POST", reverse("entraide:plan_create", args=[slug])),
        ("GET", reverse("entraide:blank_pdf", args=[slug])),
        ("GET", reverse("entraide:plan_detail", args=[slug, pk])),
        ("GET", reverse("entraide:plan_edit", args=[slug, pk])),
        ("POST", reverse("entraide:plan_edit", args=[slug, pk])),
        ("GET", reverse("entraide:plan_pdf", args=[slug, pk])),
        ("GET", reverse("entraide:plan_close", args=[slug, pk])),
        ("POST", reverse("entraide:plan_close", args=[slug, pk])),
        ("POST", reverse("entraide:plan_next_year", args=[slug, pk])),
        ("POST", reverse("entraide:plan_save_as_template", args=[slug, pk])),
        ("GET", reverse("entraide:row_add", args=[slug, pk])),
        ("POST", reverse("entraide:row_add", args=[slug, pk])),
        ("GET", reverse("entraide:row_edit", args=[slug, pk, row.pk])),
        ("POST", reverse("entraide:row_edit", args=[slug, pk, row.pk])),
        ("POST", reverse("entraide:row_delete", args=[slug, pk, row.pk])),
        ("POST", reverse("entraide:row_move", args=[slug, pk, row.pk])),
        ("POST", reverse("entraide:row_state", args=[slug, pk, row.pk])),
    ]


# Posted data that would change something if it were accepted.
DATA = {"direction": "down", "state": "fait", "review": "Bilan", "name": "Modèle",
        "period_label": "Autre", "objective": "Autre", "year": "2030", "need": "Autre"}


def snapshot():
    return (
        list(EntraidePlan.objects.order_by("pk").values()),
        list(EntraideRow.objects.order_by("pk").values()),
    )


def call(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, DATA)


def test_logged_out_visitors_are_sent_to_login(client, plan):
    before = snapshot()
    for method, url in urls(plan, plan.rows.first()):
        response = call(client, method, url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url
    assert snapshot() == before


@pytest.mark.parametrize("person", ["membre", "conseiller", "executif2", "outsider"])
def test_everyone_outside_the_committee_gets_404_everywhere(request, login, plan, person):
    client = login(request.getfixturevalue(person))
    before = snapshot()
    for method, url in urls(plan, plan.rows.first()):
        assert call(client, method, url).status_code == 404, (method, url)
    assert snapshot() == before


def test_a_plan_of_another_organization_is_404_under_this_slug(login, executif, other_plan,
                                                               cc):
    client = login(executif)
    row = other_plan.rows.first()
    for name, args in [("plan_detail", [other_plan.pk]), ("plan_pdf", [other_plan.pk]),
                       ("row_edit", [other_plan.pk, row.pk])]:
        assert client.get(reverse(f"entraide:{name}", args=[cc.slug, *args])).status_code == 404
    response = client.post(reverse("entraide:row_delete", args=[cc.slug, other_plan.pk, row.pk]))
    assert response.status_code == 404
    assert EntraideRow.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("person", ["executif", "benevole", "superuser"])
def test_the_committee_reaches_every_page(request, login, plan, person):
    client = login(request.getfixturevalue(person))
    for method, url in urls(plan, plan.rows.first()):
        if method == "GET":
            assert client.get(url).status_code == 200, url


def test_a_committee_membre_may_not_save_a_template(login, benevole, plan):
    url = reverse("entraide:plan_save_as_template", args=[plan.organization.slug, plan.pk])
    assert login(benevole).post(url, {"name": "Le mien"}).status_code == 403
    assert not EntraidePlan.objects.filter(is_template=True, organization__isnull=False).exists()


def test_a_committee_membre_may_not_change_an_organization_template(login, benevole, executif,
                                                                    plan):
    slug = plan.organization.slug
    login(executif).post(reverse("entraide:plan_save_as_template", args=[slug, plan.pk]),
                         {"name": "Notre modèle"})
    template = EntraidePlan.objects.get(name="Notre modèle")
    row = template.rows.first()
    client = login(benevole)
    assert client.get(reverse("entraide:plan_detail", args=[slug, template.pk])).status_code == 200
    assert client.post(reverse("entraide:row_delete", args=[slug, template.pk, row.pk])
                       ).status_code == 403
    assert client.get(reverse("entraide:plan_edit", args=[slug, template.pk])).status_code == 403
    assert template.rows.count() == 6


@pytest.mark.parametrize(
    ("name", "needs_row"),
    [("plan_next_year", False), ("plan_save_as_template", False), ("row_delete", True),
     ("row_move", True), ("row_state", True)],
)
def test_post_only_urls_refuse_get(login, executif, plan, name, needs_row):
    args = [plan.organization.slug, plan.pk] + ([plan.rows.first().pk] if needs_row else [])
    assert login(executif).get(reverse(f"entraide:{name}", args=args)).status_code == 405


@pytest.mark.parametrize("name", ["index", "blank_pdf"])
def test_read_only_urls_refuse_post(login, executif, cc, name):
    assert login(executif).post(reverse(f"entraide:{name}", args=[cc.slug])).status_code == 405


def test_the_organization_page_links_entraide_only_for_the_committee(login, cc, executif, membre,
                                                                     benevole, conseiller):
    url = reverse("organization_detail", args=[cc.slug])
    link = reverse("entraide:index", args=[cc.slug])
    assert link in login(executif).get(url).content.decode()
    assert link in login(benevole).get(url).content.decode()
    assert link not in login(membre).get(url).content.decode()
    assert link not in login(conseiller).get(url).content.decode()


@pytest.mark.parametrize("source", ["other_organization", "same_organization"])
def test_a_row_of_another_plan_under_my_plan_is_404_and_unchanged(login, executif, plan, cc,
                                                                   other_plan, templates, source):
    from entraide import services

    if source == "other_organization":
        foreign = other_plan.rows.first()
    else:
        sibling = services.plan_create_from_template(
            template=templates["annee-2"], organization=cc, year=2026
        )
        foreign = sibling.rows.first()
    client = login(executif)
    before = snapshot()
    slug, pk = cc.slug, plan.pk
    assert client.get(reverse("entraide:row_edit", args=[slug, pk, foreign.pk])).status_code == 404
    for name in ["row_edit", "row_delete", "row_move", "row_state"]:
        response = client.post(reverse(f"entraide:{name}", args=[slug, pk, foreign.pk]), DATA)
        assert response.status_code == 404, name
    assert snapshot() == before
