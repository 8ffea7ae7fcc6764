"""Seed 004 lands whole through loaddemo, and its PDF reads like the original."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans.models import Action, Delegation, FollowUp, Orientation, StatutoryFile, Step, WorkPlan
from plans.seed_004 import PLAN
from tests.helpers import poppler

MODELS = [WorkPlan, Orientation, Action, Step, FollowUp, StatutoryFile, Delegation]


def load():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return [(m.objects.count(), m.history.count()) for m in MODELS]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.django_db
def test_loaddemo_loads_all_of_seed_004_once():
    load()
    first = counts()
    load()
    assert counts() == first
    assert [c for c, _h in first] == [1, 4, 15, 44, 48, 30, 15]
    plan = WorkPlan.objects.get()
    assert plan.state == WorkPlan.State.CLOSED
    assert plan.organization.slug == "ccsne"
    # Spot checks against the seed.
    first_action = Action.objects.get(what="Créer une unité de mobilisation")
    assert first_action.responsible == "Denis"
    assert [s.when_text for s in first_action.steps.all()] == [
        "décembre 2019", "mars 2020", "juin 2020"
    ]
    assert Action.objects.filter(outcome="non_realisee", outcome_reason="pandémie").count() == 2
    special = Orientation.objects.get(title="Dossier spécial")
    assert not special.numbered
    assert special.actions.get().steps.count() == 5
    assert [letter for letter, _t in Orientation.objects.get(position=1).lettered_sub_statements] \
        == ["A", "B"]


@pytest.mark.django_db
def test_the_demo_plan_pdf_holds_every_action_number_and_title_of_seed_004(client, tmp_path):
    load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre"))
    plan = WorkPlan.objects.get()
    response = client.get(reverse("plans:pdf", args=["ccsne", plan.pk]))
    assert response.status_code == 200
    info = poppler("pdfinfo", response.content, tmp_path)
    assert "792 x 612 pts" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages >= 3
    text = poppler("pdftotext", response.content, tmp_path)
    body = flat(text)
    for orientation in PLAN["orientations"]:
        for action in orientation["actions"]:
            expected = f"{action['number']} {action['what']}".strip()
            assert flat(expected) in body, expected
    for heading in ["QUOI", "COMMENT et QUAND", "QUI", "SUIVI", "Dossiers statutaires",
                    "Organismes et délégations", "Dossier spécial"]:
        assert heading in body
    assert "- Définir le mandat et la composition de l'unité (décembre 2019)" in body
    assert "Action non réalisée (pandémie)" in body
    assert "Comité régional égalité (CAFE)" in body
    # On every page: the header row, the plan's title and organization, "page N / M".
    page_texts = text.split("\f")[:pages]
    for number, page_text in enumerate(page_texts, start=1):
        assert "COMMENT et QUAND" in page_text or number == pages
        assert "Plan de travail 2019-2022" in page_text
        assert "Conseil central des syndicats nationaux de l'Estrie" in page_text
        assert f"page {number} / {pages}" in page_text
        assert "Imprimé le" in page_text


@pytest.mark.django_db
def test_the_bilan_pdf_counts_and_lists_actions_by_outcome(client, tmp_path):
    load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="executif"))
    plan = WorkPlan.objects.get()
    response = client.get(reverse("plans:bilan_pdf", args=["ccsne", plan.pk]))
    body = flat(poppler("pdftotext", response.content, tmp_path))
    assert "Bilan — Plan de travail 2019-2022" in body
    assert "Non réalisée 2" in body
    assert "Reportée 3" in body
    assert "2.3 Organiser au moins un événement" in body
    assert "pandémie" in body and "manque de temps" in body
