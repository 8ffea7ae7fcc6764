"""The dossier's page offers exactly the moves the service accepts for this person.

Every stage × content (nothing filled, a go decision, a no-go decision) × person who sees
the dossier: the stages in the page's « Move to » list are those `dossier_advance` would
make, tried one by one and rolled back; the « go back » form is shown exactly when
`dossier_go_back` (with a reason) would accept.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from tests.helpers import Role, make_person, page
from tests.vpp.helpers import decide, fill_pre_diagnostic
from vpp import services
from vpp.models import Dossier, Stage


class Rollback(Exception):
    pass


def accepted_moves(dossier, user) -> set[str]:
    accepted = set()
    for stage in Stage.values:
        try:
            with transaction.atomic():
                services.dossier_advance(dossier=Dossier.objects.get(pk=dossier.pk),
                                         to_stage=stage, by=user)
                raise Rollback
        except Rollback:
            accepted.add(stage)
        except ValidationError:
            pass
    return accepted


def go_back_accepted(dossier, user) -> bool:
    try:
        with transaction.atomic():
            services.dossier_go_back(dossier=Dossier.objects.get(pk=dossier.pk), by=user,
                                     reason="Une raison")
            raise Rollback
    except Rollback:
        return True
    except ValidationError:
        return False


def offered_moves(text: str) -> set[str]:
    select = re.search(r'<select[^>]*name="to_stage".*?</select>', text, re.S)
    return set(re.findall(r'<option value="([^"]+)"', select[0])) if select else set()


@pytest.fixture
def director(cc, dossier):
    """A plain membre named on the dossier's direction side."""
    person = make_person("direction", cc, Role.MEMBER, first_name="Luc", last_name="Roy")
    dossier.direction_people.add(person)
    return person


@pytest.mark.parametrize("content", ["empty", "go", "no_go"])
@pytest.mark.parametrize("stage", Stage.values)
def test_the_page_offers_exactly_what_the_service_accepts(
        client, dossier, stage, content, executif, conseiller, membre, director, superuser):
    if content != "empty":
        fill_pre_diagnostic(dossier)
        decide(dossier, Dossier.Decision.GO if content == "go" else Dossier.Decision.NO_GO)
        services.dossier_update(dossier=dossier, findings="Constats", report="Conclusions")
    Dossier.objects.filter(pk=dossier.pk).update(stage=stage)
    url = reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])
    for person in (executif, conseiller, membre, director, superuser):
        client.force_login(person)
        text = page(client.get(url))
        expected = accepted_moves(dossier, person)
        assert offered_moves(text) == expected, (person.username, stage, content)
        assert ('id="go-back-form"' in text) == go_back_accepted(dossier, person), (
            person.username, stage, content)


def test_the_executif_is_not_offered_the_field_structures_move_at_the_survey(
        login, executif, membre, dossier):
    services.dossier_update(dossier=dossier, findings="Constats")
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.SURVEY)
    url = reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])
    text = page(login(executif).get(url))
    assert offered_moves(text) == set()
    assert "Avancer" not in text
    text = page(login(membre).get(url))  # on the field side of this dossier
    assert offered_moves(text) == {Stage.REPORT}


def test_a_move_waiting_for_content_says_what_is_missing(login, executif, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.PRE_DIAGNOSTIC)
    url = reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk])
    text = page(login(executif).get(url))
    assert offered_moves(text) == set()
    assert "Pour passer à « Analyse et décision » :" in text
    assert "Remplissez le pré-diagnostic simplifié" in text
