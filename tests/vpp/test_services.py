"""VPP rules at the service level: what the page, the admin and the demo all go through."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import Role, make_person
from vpp import services
from vpp.models import Dossier, DossierEvent, Stage, VeilleItem

FIELDS = {"title": "Buanderie", "establishment": "CIUSSS", "service": "Buanderie",
          "mode": Dossier.Mode.INTERVENTION, "domain": Dossier.Domain.INTERVENTION}


def test_creating_a_dossier_records_who_created_it(cc, executif):
    dossier = services.dossier_create(organization=cc, by=executif, **FIELDS)
    event = dossier.events.get()
    assert (event.kind, event.by, event.to_stage) == (
        DossierEvent.Kind.CREATED, executif, Stage.VEILLE
    )
    assert not dossier.events.stage_changes().exists()


def test_a_dossier_takes_people_and_watch_items_of_its_organization_only(
    cc, syndicat, executif2, membre
):
    item = VeilleItem.objects.create(organization=syndicat, source="X", title="Ailleurs",
                               published_on=date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.dossier_create(
            organization=cc, by=None, conseiller=executif2,
            m2m={"terrain_people": [membre, executif2], "veille_items": [item]}, **FIELDS,
        )
    assert set(error.value.error_dict) == {"conseiller", "terrain_people", "veille_items"}
    assert "Hélène Roy" in error.value.error_dict["terrain_people"][0].messages[0]
    assert not Dossier.objects.exists()


def test_an_update_cannot_add_a_stranger_either(cc, dossier, executif2):
    with pytest.raises(ValidationError) as error:
        services.dossier_update(dossier=dossier, m2m={"direction_people": [executif2]})
    assert set(error.value.error_dict) == {"direction_people"}
    assert not dossier.direction_people.exists()


def test_an_update_keeps_the_stage_it_does_not_show(dossier, executif):
    stale = Dossier.objects.get(pk=dossier.pk)
    services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif)
    services.dossier_update(dossier=stale, description="Nouvelle description")
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.stage, stored.description) == (Stage.PRE_DIAGNOSTIC, "Nouvelle description")


def test_a_member_of_the_organization_may_be_named(cc, dossier):
    person = make_person("benevole", cc, Role.MEMBER)
    services.dossier_update(dossier=dossier, m2m={"direction_people": [person]})
    assert list(dossier.direction_people.all()) == [person]


def test_a_move_reads_the_person_s_membership_once(login, executif, dossier):
    """The page resolves the access once and hands it down to the workflow."""
    client = login(executif)
    url = reverse("vpp:dossier_advance", args=[dossier.organization.slug, dossier.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"to_stage": Stage.PRE_DIAGNOSTIC, "note": ""})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).stage == Stage.PRE_DIAGNOSTIC
    membership_reads = [q for q in queries.captured_queries
                        if 'FROM "unionplans_membership"' in q["sql"]]
    assert len(membership_reads) == 1


def test_a_move_from_an_out_of_date_page_is_refused_and_an_edit_never_moves(
        dossier, executif):
    version = dossier.updated_at.isoformat()  # the page's
    services.dossier_update(dossier=dossier, title="Changé ailleurs", stage=Stage.CLOSED)
    dossier.refresh_from_db()
    assert dossier.stage == Stage.VEILLE
    with pytest.raises(ValidationError) as refused:
        services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 version=version)
    assert refused.value.code == "edit_conflict"
    assert dossier.events.count() == 1
    services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                             version=dossier.updated_at.isoformat())
    assert version != dossier.updated_at.isoformat()
    assert Dossier.objects.get(pk=dossier.pk).stage == Stage.PRE_DIAGNOSTIC
