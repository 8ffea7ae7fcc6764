"""Seed 004 lands whole through loaddemo, and its PDF reads like the original."""

import logging
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


@pytest.mark.django_db
def test_the_plan_pdf_prints_the_seed_s_text_and_nothing_it_does_not_have(client, tmp_path):
    """Every step and follow-up of seed 004 is printed; the only outcome sentences are the
    seed's own (2.1, partly done, gets none); a row cut by a page goes on with its number
    and « (suite) », so no page opens with another row's orphan lines."""
    load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre"))
    plan = WorkPlan.objects.get()
    content = client.get(reverse("plans:pdf", args=["ccsne", plan.pk])).content
    body = flat(poppler("pdftotext", content, tmp_path))

    def printed(text: str) -> bool:
        """pdftotext cuts lines at hyphens and reads a raised « er » out of place: compare
        without spaces and hyphens, after the last « 1er »."""
        squashed = re.sub(r"[\s-]", "", body)
        return re.sub(r"[\s-]", "", text.split("1er")[-1]) in squashed

    actions = [a for o in PLAN["orientations"] for a in o["actions"]]
    for action in actions:
        for step in action["steps"]:
            assert printed(f"- {step['text']} ({step['when_text']})"), step["text"]
        for follow_up in action["follow_ups"]:
            for line in follow_up["text"].splitlines():
                assert printed(line.removeprefix("◦ ")), line
    for sentence in ["Action partiellement réalisée", "Action en cours", "Action réalisée"]:
        assert sentence not in body
    assert body.count("Action non réalisée (pandémie)") == 2
    layout = poppler("pdftotext", content, tmp_path, "-layout").split("\f")
    continued = 0
    for page_text in layout[1:]:
        lines = page_text.splitlines()
        headers = [n for n, line in enumerate(lines) if "COMMENT et QUAND" in line]
        if not headers:
            continue  # the lists after the table
        first = next(line for line in lines[headers[0] + 1:] if line.strip())
        # QUOI, at the left, opens the page: an orientation, an action or a continuation.
        assert len(first) - len(first.lstrip()) < 10, first
        continued += "(suite)" in first
    assert continued >= 1


def test_print_raises_the_ordinal_of_the_first():
    from django.template import Context, Template

    template = Template("{% load dates %}{{ text|ordinals }}")
    assert template.render(Context({"text": "Le 1er mai & le 11 mai, 1re fois"})) == (
        "Le 1<sup>er</sup> mai &amp; le 11 mai, 1<sup>re</sup> fois"
    )
    assert template.render(Context({"text": "<b>1er</b>"})) == "&lt;b&gt;1<sup>er</sup>&lt;/b&gt;"


@pytest.mark.django_db
def test_the_plan_pdf_cut_across_pages_logs_no_weasyprint_error(client, tmp_path, caplog):
    """The demo plan's rows are cut by its pages (« (suite) »), so it is laid out again
    (`split_rows_to_pdf`): the fonts go to the layout, and WeasyPrint has nothing to say
    (it said « Unknown PDF option: font_config » for every plan PDF)."""
    load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre"))
    plan = WorkPlan.objects.get()
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        content = client.get(reverse("plans:pdf", args=["ccsne", plan.pk])).content
    assert "(suite)" in poppler("pdftotext", content, tmp_path)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
