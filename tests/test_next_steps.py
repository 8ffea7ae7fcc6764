"""What a page tells a person to do next: the organization page links every app the
person may open (and none it may not), and an empty list says what to do."""

import pytest
from django.urls import reverse

from plans.models import WorkPlan
from tests.helpers import page
from tests.plans.helpers import make_plan

# The front page of each app, and of each part of the VPP app.
APPS = ["plans:list", "vpp:dossier_list", "vpp:veille_list", "vpp:le28_list", "vpp:structure",
        "entraide:index", "members", "privacy"]


@pytest.mark.parametrize("person", ["executif", "conseiller", "membre"])
def test_the_organization_page_links_every_app_the_person_may_open(login, cc, person,
                                                                  request):
    client = login(request.getfixturevalue(person))
    text = page(client.get(reverse("organization_detail", args=[cc.slug])))
    linked = {name for name in APPS if f'href="{reverse(name, args=[cc.slug])}"' in text}
    opens = {name for name in APPS
             if client.get(reverse(name, args=[cc.slug])).status_code == 200}
    assert linked == opens
    assert {"plans:list", "vpp:dossier_list", "privacy"} <= linked


def test_the_executif_links_every_app(login, executif, cc):
    text = page(login(executif).get(reverse("organization_detail", args=[cc.slug])))
    for name in APPS:
        assert f'href="{reverse(name, args=[cc.slug])}"' in text, name


def test_an_empty_plan_list_says_how_to_start_one(login, executif, cc):
    text = page(login(executif).get(reverse("plans:list", args=[cc.slug])))
    assert "Aucun plan pour l'instant : commencez-en un avec « Nouveau plan »" in text


def test_a_membre_reads_that_plans_appear_once_published(login, membre, cc):
    make_plan(cc)  # a draft: not for members
    text = page(login(membre).get(reverse("plans:list", args=[cc.slug])))
    assert "Aucun plan n'est encore publié : l'exécutif publie un plan une fois adopté" in text


def test_a_list_emptied_by_its_filters_says_so(login, executif, cc):
    make_plan(cc, state=WorkPlan.State.PUBLISHED)
    client = login(executif)
    text = page(client.get(reverse("plans:list", args=[cc.slug]), {"state": "brouillon"}))
    assert "Aucun plan ne correspond à ces filtres" in text
    text = page(client.get(reverse("vpp:dossier_list", args=[cc.slug]), {"q": "nulle part"}))
    assert "Aucun dossier ne correspond à ces filtres" in text


@pytest.mark.parametrize("person, expected", [
    ("executif", "Aucun dossier pour l'instant : ouvrez-en un avec « Nouveau dossier »"),
    ("membre", "Aucun dossier ne vous nomme pour l'instant"),
])
def test_an_empty_dossier_list_says_what_comes_next(login, cc, person, expected, request):
    text = page(login(request.getfixturevalue(person)).get(
        reverse("vpp:dossier_list", args=[cc.slug])))
    assert expected in text


def test_an_empty_plan_says_where_to_begin(login, executif, membre, cc):
    plan = WorkPlan.objects.create(organization=cc, title="Vide", state=WorkPlan.State.PUBLISHED,
                                   mandate_start="2022-07-01", mandate_end="2025-06-30")
    url = reverse("plans:detail", args=[cc.slug, plan.pk])
    assert "Commencez par « Ajouter une orientation » ci-dessous" in page(
        login(executif).get(url))
    text = page(login(membre).get(url))
    assert "Ce plan n'a pas encore d'orientation." in text
    assert "Commencez par" not in text


@pytest.mark.parametrize("name, expected", [
    ("vpp:veille_list", "avec « Nouvel élément de veille » : un dossier pourra ensuite"),
    ("vpp:le28_list", "lettre d'entente 28 avec « Nouveau projet LE28 »"),
])
def test_the_empty_vpp_lists_say_how_to_fill_them(login, executif, cc, name, expected):
    assert expected in page(login(executif).get(reverse(name, args=[cc.slug])))
