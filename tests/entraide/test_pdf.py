"""The printed plans, read back with poppler: seed 002's texts, landscape letter, blank lines."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from entraide import seed_002, services
from tests.helpers import poppler


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def text_of(response, tmp_path) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # pdftotext breaks lines inside table cells: compare with whitespace collapsed.
    return " ".join(poppler("pdftotext", response.content, tmp_path).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_landscape_letter(response, tmp_path):
    assert "792 x 612 pts" in poppler("pdfinfo", response.content, tmp_path)


def test_the_year_1_plan_prints_the_seed_rows(login, executif, plan, tmp_path):
    services.plan_update(plan=plan, **{"target_date": datetime.date(2025, 6, 30)})
    response = login(executif).get(
        reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])
    )
    text = text_of(response, tmp_path)
    assert_landscape_letter(response, tmp_path)
    assert "Plan d'action : Comité Entraide" in text
    assert "Période de : ANNÉE 1, MISE SUR PIED" in text
    assert "Besoin identifié/description de la situation :" in text
    assert "Avoir un comité fonctionnel d'ici le 30 juin 2025" in text
    for header in ["Objectifs", "Résultats attendus", "Moyens/Actions/Activités",
                   "Ressources requises", "Responsables", "Échéancier"]:
        assert header in text
    assert flat(seed_002.YEAR_1["need"]) in text
    assert "Mise sur pied d'un Comité d'entraide" in text
    for row in seed_002.YEAR_1["rows"]:
        for name in ["results", "means", "resources", "schedule"]:
            for item in row[name]:
                # pdftotext may hyphen-break; the words must all be there in order.
                assert flat(item).replace("-", "") in text.replace("-", ""), item
    assert "personnes aidées" in text


def test_the_year_2_plan_prints_its_three_objectives(login, benevole, other_plan, cc,
                                                     templates, tmp_path):
    plan = services.plan_create_from_template(template=templates["annee-2"], organization=cc,
                                              year=2026)
    response = login(benevole).get(reverse("entraide:plan_pdf", args=[cc.slug, plan.pk]))
    text = text_of(response, tmp_path)
    assert "ANNÉE 2 : VISIBILITÉ, LIEN DE CONFIANCE ET EXPÉRIENCE" in text
    for objective in ["VISIBILITÉ Faire connaître les membres et le rôle du RÉSEAU d'entraide",
                      "CONFIANCE Promouvoir la confidentialité et le respect des personnes",
                      "EXPÉRIENCE Soutenir et encadrer le travail des entraidant(es)"]:
        assert objective in text


def test_the_blank_template_is_the_seed_s_two_blank_forms(login, executif, cc, tmp_path):
    """Seed 002's pages 3 and 4: the Plan d'action with two lines a cell, then the Plan de
    travail with three; a bullet in the three list columns only."""
    response = login(executif).get(reverse("entraide:blank_pdf", args=[cc.slug]))
    assert_landscape_letter(response, tmp_path)
    assert "Pages: 2" in flat(poppler("pdfinfo", response.content, tmp_path))
    pages = poppler("pdftotext", response.content, tmp_path).split("\f")
    for page_text, title in zip(pages, ["Plan d'action : Comité Entraide",
                                        "Plan de travail : Comité Entraide"], strict=False):
        text = flat(page_text)
        assert title in text
        assert "Période de :" in text and "Résultats attendus :" in text
        for header in ["Objectifs", "Résultats attendus", "Moyens/Actions/Activités",
                       "Ressources requises", "Responsables", "Échéancier"]:
            assert header in text
        assert text.count("•") == 3 * seed_002.BLANK_ROWS
    html = login(executif).get(reverse("entraide:blank_pdf", args=[cc.slug]))
    assert [form["lines"] for form in seed_002.BLANK_FORMS] == [2, 3]
    assert html.status_code == 200


def test_row_states_are_printed_only_when_asked_for(login, executif, plan, tmp_path):
    client = login(executif)
    url = reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])
    assert "À faire" not in text_of(client.get(url), tmp_path)
    assert "À faire" in text_of(client.get(url + "?etats=1"), tmp_path)


def test_a_numbered_result_and_the_schedule_have_no_bullet(login, executif, plan, tmp_path):
    text = text_of(login(executif).get(
        reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])), tmp_path)
    assert "1. Identifier un" in text and "• 1. Identifier" not in text
    assert "• Janvier-Février" not in text and "Janvier-Février" in text
    assert "• Présenter les rôles" in text  # the means keep theirs, as the seed


def test_user_markup_is_printed_as_text(login, executif, plan, tmp_path):
    row = plan.rows.first()
    services.row_update(row=row, **{"means": ["<b>gras</b> & <img src=x>"]})
    response = login(executif).get(
        reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])
    )
    assert "<b>gras</b> & <img src=x>" in text_of(response, tmp_path)


def test_a_plain_membre_gets_no_pdf(login, membre, plan):
    client = login(membre)
    assert client.get(reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])
                      ).status_code == 404
    assert client.get(reverse("entraide:blank_pdf", args=[plan.organization.slug])
                      ).status_code == 404


def test_long_unbroken_texts_wrap_inside_their_cells(login, executif, plan, tmp_path):
    """A pasted link or a long word wraps in its column instead of pushing the table off
    the page (where its end would be cut)."""
    link = "https://example.org/" + "a" * 270
    services.plan_update(plan=plan, **{"period_label": "P" * 200})
    services.row_add(plan=plan, **{"objective": "O" * 500, "results": [link],
                                      "responsibles": ["R" * 300], "schedule": ["Z" * 300]})
    response = login(executif).get(
        reverse("entraide:plan_pdf", args=[plan.organization.slug, plan.pk])
    )
    text = "".join(poppler("pdftotext", response.content, tmp_path).split())
    for whole in [link, "O" * 500, "R" * 300, "Z" * 300, "P" * 200, "Échéancier"]:
        assert whole in text
