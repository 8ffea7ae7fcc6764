"""The pages of undo: deleting an orientation says what goes with it and for how long it
comes back (a page without JavaScript, htmx's confirm with it), « Éléments supprimés »
restores it, and the history pages say who changed what and when, in a fixed number of
queries."""


import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from entraide import services as entraide_services
from plans import services
from plans.models import Action, Orientation, WorkPlan
from tests.helpers import page, snapshot
from tests.plans.helpers import make_plan
from unionplans import restore
from vpp.models import Dossier, Task


@pytest.fixture
def plan(cc):
    return make_plan(cc, actions=2)


def delete_url(orientation):
    return reverse("plans:row_delete",
                   args=[orientation.plan.organization.slug, "orientation", orientation.pk])


def test_the_confirmation_says_what_goes_and_for_how_long(login, executif, plan, settings):
    settings.RESTORE_DAYS = 30
    orientation = plan.orientations.first()
    text = page(login(executif).get(delete_url(orientation)))
    assert "Avec lui partent 2 actions, 4 étapes, 2 suivis, 1 indicateur et 1 mesure." in text
    assert "On peut le restaurer pendant 30 jours depuis « Éléments supprimés »." in text


def test_the_row_page_asks_htmx_to_confirm_with_the_same_words(login, executif, plan):
    orientation = plan.orientations.first()
    url = reverse("plans:row_update", args=[plan.organization.slug, "orientation",
                                            orientation.pk])
    text = page(login(executif).get(url))
    assert f'hx-post="{delete_url(orientation)}"' in text
    assert ('hx-confirm="Supprimer « Le CCSNE développe la solidarité 1. » ? Avec lui partent'
            in text)


def test_an_htmx_confirmed_deletion_leads_back_to_the_plan(login, executif, plan):
    orientation = plan.orientations.first()
    response = login(executif).post(delete_url(orientation), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("plans:detail", args=[plan.organization.slug,
                                                                    plan.pk])
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


def test_the_trash_lists_who_deleted_what_and_restores_it(login, executif, plan, cc):
    orientation = plan.orientations.first()
    client = login(executif)
    client.post(delete_url(orientation))
    text = page(client.get(reverse("trash", args=[cc.slug])))
    assert "Le CCSNE développe la solidarité 1." in text
    assert "Supprimé par Denis Gagnon le " in text
    assert "jours peut être restauré ici" in text
    assert "Supprimé avec 2 actions, 4 étapes, 2 suivis, 1 indicateur et 1 mesure" in text
    record = restore.history_model(Orientation).objects.get(id=orientation.pk,
                                                            history_type="-")
    response = client.post(reverse("trash_restore", args=[cc.slug, "plans.orientation",
                                                          record.history_id]), follow=True)
    assert "est de retour" in page(response)
    assert Action.objects.filter(orientation_id=orientation.pk).count() == 2
    assert "Rien n'a été supprimé récemment." in page(response)


def test_a_restore_into_a_closed_plan_is_refused_in_french(login, executif, plan, cc):
    orientation = plan.orientations.first()
    client = login(executif)
    client.post(delete_url(orientation))
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    record = restore.history_model(Orientation).objects.get(id=orientation.pk,
                                                            history_type="-")
    before = snapshot()
    response = client.post(reverse("trash_restore", args=[cc.slug, "plans.orientation",
                                                          record.history_id]))
    assert response.status_code == 409
    assert "Ce plan est clos" in page(response)
    assert snapshot() == before


def test_an_unknown_kind_or_record_is_404(login, executif, cc):
    client = login(executif)
    for key, history_id in [("plans.inconnu", 1), ("plans.orientation", 999999)]:
        url = reverse("trash_restore", args=[cc.slug, key, history_id])
        assert client.post(url).status_code == 404


def test_the_plan_history_says_who_changed_which_field_and_when(login, executif, plan, cc):
    action = Action.objects.filter(orientation__plan=plan).first()
    client = login(executif)
    url = reverse("plans:row_update", args=[cc.slug, "action", action.pk])
    form = page(client.get(url))
    version = form.split('name="version" value="')[1].split('"')[0]
    client.post(url, {"what": action.what, "responsible": "Julie", "version": version,
                      "outcome": action.outcome})
    text = page(client.get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert "Qui : Denis → Julie" in text
    assert "Denis Gagnon" in text
    assert "modification" in text
    assert " à " in text and " h" in text


def test_an_erased_member_shows_under_a_neutral_name(login, executif, plan, cc, membre):
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=membre)
    get_user_model().objects.filter(pk=membre.pk).update(username=f"~{membre.pk}",
                                                         first_name="", last_name="")
    text = page(login(executif).get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert "Ancien·ne membre" in text
    assert "Josée" not in text


def test_the_dossier_history_covers_its_tasks(login, executif, cc):
    dossier = Dossier.objects.create(organization=cc, title="Reprographie")
    task = Task.objects.create(dossier=dossier, element="documentation", description="Lire")
    Task.objects.get(pk=task.pk).delete()
    text = page(login(executif).get(reverse("vpp:dossier_history", args=[cc.slug,
                                                                         dossier.pk])))
    assert "Tâche du plan de travail « Lire » : suppression" in text


def test_the_entraide_history_covers_its_rows(login, executif, cc):
    templates = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}
    plan = entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=2025)
    text = page(login(executif).get(reverse("entraide:plan_history", args=[cc.slug,
                                                                          plan.pk])))
    assert "Ligne de plan d'entraide" in text
    assert "création" in text


def grow(plan, times):
    """Edit every action `times` times: more records, more pages."""
    for _ in range(times):
        for action in Action.objects.filter(orientation__plan=plan):
            services.row_update(row=action, responsible=f"{action.responsible}x"[:100])


@pytest.mark.parametrize("orientations,actions,edits", [(1, 1, 0), (3, 6, 3)])
def test_a_history_page_costs_a_fixed_number_of_queries(
        login, executif, cc, orientations, actions, edits, django_assert_max_num_queries):
    plan = make_plan(cc, orientations=orientations, actions=actions)
    grow(plan, edits)
    services.row_delete(row=Action.objects.filter(orientation__plan=plan).last(), by=executif)
    client = login(executif)
    url = reverse("plans:history", args=[cc.slug, plan.pk])
    client.get(url)  # the session's first queries
    # The page's own: two for the paged UNION, two per kind of row shown (nine kinds in a
    # plan), one for the orientations' numbers, one for what went with each deletion shown,
    # whatever the plan's size or the page; the rest is the session's and the menu's.
    for number in ("1", "2"):
        with django_assert_max_num_queries(30):
            response = client.get(url, {"page": number})
        assert response.status_code == 200


def test_history_pages_are_paginated(login, executif, cc):
    plan = make_plan(cc, orientations=2, actions=4)
    text = page(login(executif).get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert "Page 1 sur" in text
    assert "Plus anciens" in text
