"""« Éléments supprimés » in the admin: a conseiller (or a superuser) restores what an
organization deleted, through `restore.restore`; other organizations' deletions answer 404,
and the service's refusals show as the admin's French error messages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from plans import services
from plans.models import Action, Orientation
from tests.helpers import page
from tests.plans.helpers import make_plan
from unionplans import restore


def deleted_url(organization):
    return reverse("admin:unionplans_organization_deleted", args=[organization.pk])


def deleted_orientation(organization, by):
    plan = make_plan(organization, actions=2)
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=by)
    record = restore.history_model(Orientation).objects.get(id=orientation.pk, history_type="-")
    return plan, orientation, record


def post(client, organization, record):
    return client.post(deleted_url(organization),
                       {"key": "plans.orientation", "history_id": record.history_id})


@pytest.mark.parametrize("person", ["conseiller", "superuser"])
def test_a_conseiller_restores_a_deleted_orientation_with_its_actions(
        request, login, cc, executif, person):
    _plan, orientation, record = deleted_orientation(cc, executif)
    user = request.getfixturevalue(person)
    client = login(user)
    text = page(client.get(deleted_url(cc)))
    assert "Éléments supprimés" in text
    assert "peut être restauré ici" in text  # what it keeps, as on the organisation's page
    assert "Le CCSNE développe la solidarité 1." in text
    assert "2 actions" in text
    response = post(client, cc, record)
    assert response.status_code == 302
    assert Orientation.objects.filter(pk=orientation.pk).exists()
    assert Action.objects.filter(orientation_id=orientation.pk).count() == 2
    back = restore.history_model(Orientation).objects.filter(id=orientation.pk).latest(
        "history_date")
    assert back.history_user == user
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "« Le CCSNE développe la solidarité 1. » est de retour, avec ce qui avait été "
        "supprimé en même temps."]


def test_the_organization_page_links_to_its_deleted_items(login, conseiller, cc):
    text = page(login(conseiller).get(reverse("admin:unionplans_organization_change",
                                              args=[cc.pk])))
    assert f'href="{deleted_url(cc)}"' in text


def test_another_organizations_deletions_are_out_of_reach(login, conseiller, cc, syndicat,
                                                          executif2):
    _plan, orientation, record = deleted_orientation(syndicat, executif2)
    client = login(conseiller)
    assert client.get(deleted_url(syndicat)).status_code == 404
    assert post(client, syndicat, record).status_code == 404
    assert post(client, cc, record).status_code == 404
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


@pytest.mark.parametrize("person", ["executif", "membre"])
def test_people_without_the_admin_are_sent_to_its_login(request, login, cc, executif, person):
    _plan, orientation, record = deleted_orientation(cc, executif)
    response = post(login(request.getfixturevalue(person)), cc, record)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


def test_a_refusal_is_an_error_message_in_french(login, conseiller, cc, executif):
    plan, orientation, record = deleted_orientation(cc, executif)
    type(plan).objects.filter(pk=plan.pk).update(state=type(plan).State.CLOSED)
    response = post(login(conseiller), cc, record)
    assert response.status_code == 302
    messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert messages == [("error", "Ce plan est clos : son contenu ne peut plus être modifié. "
                                  "Reconduisez-le au mandat suivant pour poursuivre ses actions "
                                  "non terminées.")]
    assert not Orientation.objects.filter(pk=orientation.pk).exists()


def test_a_restore_twice_is_refused(login, conseiller, cc, executif):
    _plan, _orientation, record = deleted_orientation(cc, executif)
    client = login(conseiller)
    post(client, cc, record)
    response = post(client, cc, record)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "Cet élément n'est plus supprimé : il a déjà été restauré.")


@pytest.mark.parametrize("history_id", ["abc", "9" * 30])
def test_a_bad_id_is_a_404(login, conseiller, cc, history_id):
    response = login(conseiller).post(deleted_url(cc), {"key": "plans.orientation",
                                                        "history_id": history_id})
    assert response.status_code == 404
