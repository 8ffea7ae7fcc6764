"""The admin names people (« Prénom Nom »), not logins, wherever it shows an account, and
writes its moments as Quebec does: « 18 novembre 2021 à 10 h 05 »."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from plans.models import Action
from tests.helpers import page
from tests.plans.helpers import make_plan
from unionplans.models import ConfidentialityIncident, SentReminder
from vpp import services
from vpp.models import Dossier, DossierEvent, Stage

MOMENT = datetime.datetime(2021, 11, 18, 10, 5, tzinfo=ZoneInfo("America/Montreal"))


@pytest.fixture
def dossier(cc, conseiller):
    return services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, conseiller=conseiller)


def test_the_dossier_list_names_its_adviser(login, superuser, dossier):
    text = page(login(superuser).get(reverse("admin:vpp_dossier_changelist")))
    assert "Mario Bélanger" in text
    assert ">conseiller<" not in text


def test_the_timeline_names_who_moved_the_dossier(login, superuser, executif, dossier):
    DossierEvent.objects.create(dossier=dossier, kind=DossierEvent.Kind.ADVANCE, by=executif,
                                from_stage=Stage.VEILLE, to_stage=Stage.PRE_DIAGNOSTIC,
                                at=MOMENT)
    text = page(login(superuser).get(reverse("admin:vpp_dossier_change", args=[dossier.pk])))
    assert "Denis Gagnon" in text
    assert ">executif<" not in text
    assert "18 novembre 2021 à 10\xa0h\xa005" in text


def test_an_incident_names_who_recorded_it(login, superuser, conseiller, cc):
    incident = ConfidentialityIncident.objects.create(
        organization=cc, occurred_on=MOMENT.date(), discovered_on=MOMENT.date(),
        people_concerned=2, information_concerned="Liste", circumstances="Courriel",
        risk_assessment="Faible", measures="Rappel", recorded_by=conseiller)
    url = reverse("admin:unionplans_confidentialityincident_change", args=[incident.pk])
    text = page(login(superuser).get(url))
    assert "Mario Bélanger" in text


def test_the_sent_log_names_people_and_dates_in_french(login, superuser, executif):
    SentReminder.objects.create(user=executif, kind="digest", key="semaine-47",
                                sent_at=MOMENT)
    text = page(login(superuser).get(reverse("admin:unionplans_sentreminder_changelist")))
    assert "Denis Gagnon" in text
    assert "18 novembre 2021 à 10\xa0h\xa005" in text


def test_the_sent_log_is_searched_by_name_and_by_login(login, superuser, executif, membre):
    for person in (executif, membre):
        SentReminder.objects.create(user=person, kind="digest", key=f"clé-{person.pk}")
    client = login(superuser)
    url = reverse("admin:unionplans_sentreminder_changelist")
    by_name = page(client.get(url, {"q": "Gagnon"}))
    by_login = page(client.get(url, {"q": "membre"}))
    assert "Denis Gagnon" in by_name
    assert "Josée Côté" not in by_name
    assert "Josée Côté" in by_login


def test_the_autocomplete_offers_people_by_name_found_by_name_or_login(
    login, superuser, executif, membre, cc
):
    client = login(superuser)
    ask = {"app_label": "unionplans", "model_name": "membership", "field_name": "user"}
    by_name = json.loads(client.get(reverse("admin:autocomplete"), {**ask, "term": "Gagnon"})
                         .content)
    by_login = json.loads(client.get(reverse("admin:autocomplete"), {**ask, "term": "membre"})
                          .content)
    assert [result["text"] for result in by_name["results"]] == ["Denis Gagnon"]
    assert [result["text"] for result in by_login["results"]] == ["Josée Côté"]


def test_a_membership_row_shows_its_person_by_name(login, superuser, executif, membre, cc):
    text = page(login(superuser).get(reverse("admin:unionplans_organization_change",
                                             args=[cc.pk])))
    assert f'<option value="{executif.pk}" selected>Denis Gagnon</option>' in text
    assert f'<option value="{membre.pk}" selected>Josée Côté</option>' in text


def test_a_raw_id_names_its_person(login, superuser, executif, cc):
    action = Action.objects.get(orientation__plan=make_plan(cc))
    Action.objects.filter(pk=action.pk).update(responsible_user=executif)
    text = page(login(superuser).get(reverse("admin:plans_action_change", args=[action.pk])))
    assert "Denis Gagnon" in text


def test_the_history_names_the_people_a_change_named(login, superuser, executif, dossier):
    services.dossier_update(dossier=dossier, conseiller=executif)
    dossier.direction_people.add(executif)
    text = page(login(superuser).get(reverse("admin:vpp_dossier_history", args=[dossier.pk])))
    assert "Mario Bélanger" in text
    assert "Denis Gagnon" in text
    assert "[executif]" not in text

