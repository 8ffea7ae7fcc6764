"""Importing comité d'entraide plans from Word: the reader on seed 002's document, the
service (whole or nothing, in bulk) and the pages (upload → preview → confirm)."""

import io

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from entraide import imports, services
from entraide.import_views import ENTRAIDE_IMPORT
from entraide.imports import read_entraide
from entraide.models import MAX_ITEM_LENGTH, MAX_ITEMS, EntraidePlan, EntraideRow
from tests.documents import (
    BLANK_002,
    HEADER_002,
    _document,
    _entraide_header,
    _entraide_row,
    _saved,
    _table,
    seed_002_docx,
)
from tests.helpers import page
from unionplans.importing import MAX_UPLOAD, sign_preview

YEAR_1 = "ANNÉE 1, MISE SUR PIED"
YEAR_2 = "ANNÉE 2 : VISIBILITÉ, LIEN DE CONFIANCE ET EXPÉRIENCE"
NO_HEADER = (
    "No table with the columns Objectif, Résultats attendus, Moyens/Actions/Activités, "
    "Ressources requises, Responsables and Échéancier was found in this document."
)


def read(content: bytes) -> dict:
    return read_entraide(docx.Document(io.BytesIO(content)))


def french(msgid: str) -> str:
    with translation.override("fr-ca"):
        return gettext(msgid)


def plan_source(number: int) -> str:
    return french("Plan %(number)d of the document") % {"number": number}


def one_plan_docx(rows, header=HEADER_002, period="ANNÉE 3") -> bytes:
    """One plan whose rows are `_entraide_row`'s arguments after the objective's."""
    document = _document()
    _entraide_header(document, period, "Un besoin", "Des résultats")
    table = _table(document, header)
    for objective, *cells in rows:
        _entraide_row(table, objective, *cells)
    return _saved(document)


def preview(rows: int) -> dict:
    """A preview of one plan of `rows` rows, as read_entraide returns it."""
    return {"plans": [{
        "period_label": "ANNÉE 1", "need": "", "expected_results": "", "source": "Plan 1",
        "doubts": [],
        "rows": [{"objective": "Objectif" if n == 0 else "", "results": [f"{n}. Résultat"],
                  "means": ["Un moyen", "Un autre"], "resources": [], "responsibles": [],
                  "schedule": ["Mars"], "source": f"Tableau 1, ligne {n + 2}", "doubts": []}
                 for n in range(rows)],
    }], "skipped": [], "doubts": []}


# The reader


@pytest.fixture(scope="module")
def seed():
    return read(seed_002_docx())


def test_the_seed_reads_as_two_plans_and_a_blank_form_left_out(seed):
    assert [plan["period_label"] for plan in seed["plans"]] == [YEAR_1, YEAR_2]
    assert [len(plan["rows"]) for plan in seed["plans"]] == [6, 3]
    assert [row["source"] for row in seed["skipped"]] == [plan_source(3)]
    assert seed["doubts"] == []


def test_the_header_block_is_read_and_its_blanks_are_empty(seed):
    year_1, year_2 = seed["plans"]
    assert year_1["need"].startswith("Implantation d'un réseau d'entraide, donner")
    assert year_1["need"].endswith("d'ordre personnel ou professionnel.")
    assert year_1["expected_results"] == "Avoir un comité fonctionnel d'ici"
    assert (year_2["need"], year_2["expected_results"]) == ("", "")


def test_the_merged_objective_heads_the_group_and_the_rows_below_continue_it(seed):
    rows = seed["plans"][0]["rows"]
    assert rows[0]["objective"] == "Mise sur pied d'un Comité d'entraide"
    assert [row["objective"] for row in rows[1:]] == [""] * 5
    assert all(row["doubts"] == [] for row in rows)


def test_list_cells_hold_one_item_per_line_as_written(seed):
    rows = seed["plans"][0]["rows"]
    assert rows[0]["results"] == [
        "1. Identifier un « responsable de l'entraide au comité exécutif du syndicat »"
    ]
    assert rows[0]["schedule"] == ["Janvier-Février"]
    assert rows[0]["responsibles"] == []
    # Hand-typed "• " bullets are removed; each paragraph is an item.
    assert rows[1]["resources"] == ["Documents promotionnels et autres selon les moyens choisis",
                                    "Responsable régionale"]
    # A line break inside a paragraph cuts it into two items.
    assert rows[3]["resources"] == ["$ pour la création et production de matériel papier,",
                                    "$ de libération pour entrevues"]
    assert rows[3]["results"] == ["4. Recruter X personnes entraïdantes"]
    assert rows[5]["schedule"] == ["Responsable-juin", "2 fois par année"]


def test_blank_placeholders_are_dropped_and_objectives_keep_their_lines(seed):
    rows = seed["plans"][1]["rows"]
    assert rows[0]["objective"] == (
        "VISIBILITÉ\nFaire connaître les membres et le rôle du RÉSEAU d'entraide"
    )
    for row in rows:
        assert [row[name] for name in imports.LIST_CELLS] == [[]] * 5


def test_each_row_says_where_it_comes_from(seed):
    assert [row["source"] for row in seed["plans"][0]["rows"]] == [
        f"Tableau 1, ligne {n}" for n in range(2, 8)
    ]
    assert seed["plans"][1]["rows"][0]["source"] == "Tableau 2, ligne 2"
    assert [plan["source"] for plan in seed["plans"]] == [plan_source(1), plan_source(2)]


@pytest.mark.parametrize("header", [
    HEADER_002,
    ("OBJECTIF", "Résultat", "Moyens / actions / activités", "Ressources", "Responsable",
     "Échéance"),
    ("objectifs", "RESULTATS ATTENDUS", "Actions", "Ressources requises", "Qui",
     "ÉCHÉANCIER"),
    ("Objectifs", "Résultats attendus", "Activités", "Ressources", "Responsables",
     "Calendrier"),
])
def test_header_columns_are_matched_by_meaning(header):
    data = read(seed_002_docx(header))
    row = data["plans"][0]["rows"][0]
    assert row["objective"] == "Mise sur pied d'un Comité d'entraide"
    assert row["means"][0].startswith("Présenter les rôles")
    assert row["resources"] == ["Documents explicatifs, responsable régionale"]
    assert row["schedule"] == ["Janvier-Février"]


def test_columns_in_another_order_are_read_by_their_header():
    header = ("Échéancier", "Objectifs", "Responsables", "Résultats attendus",
              "Ressources requises", "Moyens/Actions/Activités")
    data = read(one_plan_docx([("Mars", "Un objectif", "Julie", "1. Un résultat", "Salle",
                                "Un moyen")], header=header))
    row = data["plans"][0]["rows"][0]
    assert (row["objective"], row["schedule"], row["responsibles"]) == (
        "Un objectif", ["Mars"], ["Julie"])
    assert (row["results"], row["resources"], row["means"]) == (
        ["1. Un résultat"], ["Salle"], ["Un moyen"])


def test_a_bold_marked_period_keeps_its_words_without_the_markers():
    data = read(one_plan_docx([("Un objectif", "1. Un résultat", [], [], [], [])],
                              period="**ANNÉE 2 : VISIBILITÉ**"))
    assert data["plans"][0]["period_label"] == "ANNÉE 2 : VISIBILITÉ"


def test_an_empty_objective_continues_and_an_empty_row_is_skipped():
    data = read(one_plan_docx([
        ("Premier objectif", "1. Un", [], [], [], []),
        ("", [], [], [], [], []),
        (BLANK_002, "2. Deux", [], [], [], []),
    ]))
    rows = data["plans"][0]["rows"]
    assert [(row["objective"], row["results"]) for row in rows] == [
        ("Premier objectif", ["1. Un"]), ("", ["2. Deux"])]
    assert data["skipped"] == []


def test_a_first_row_without_objective_is_doubted():
    data = read(one_plan_docx([("", "1. Un", [], [], [], [])]))
    assert data["plans"][0]["rows"][0]["doubts"] == [
        french("This row has no objective and there is none above it to continue.")
    ]


def test_a_plan_without_period_is_named_and_doubted():
    data = read(one_plan_docx([("Un objectif", "1. Un", [], [], [], [])], period="_____"))
    plan = data["plans"][0]
    assert plan["period_label"] == french("Imported plan %(number)d") % {"number": 1}
    assert len(plan["doubts"]) == 1


def test_a_document_without_the_table_header_is_refused():
    document = _document()
    document.add_paragraph("Plan d'action : Comité Entraide")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text = "Nom"
    table.rows[1].cells[0].text = "Mise sur pied"
    with pytest.raises(ValidationError) as refused:
        read_entraide(docx.Document(io.BytesIO(_saved(document))))
    assert refused.value.code == "no_header"
    assert refused.value.messages == [french(NO_HEADER)]


@pytest.mark.django_db
def test_too_many_items_or_too_long_an_item_is_an_error_of_the_preview(cc):
    data = read(one_plan_docx([
        ("Un objectif", [f"Résultat {n}" for n in range(MAX_ITEMS + 1)], [], [], [], []),
        ("", [], ["x" * (MAX_ITEM_LENGTH + 1)], [], [], []),
        ("", [], ["x" * MAX_ITEM_LENGTH], [], [], []),
    ]))
    problems = services.plan_import_problems(organization=cc, data=data, year=2025)
    assert [problem.source for problem in problems] == ["Tableau 1, ligne 2",
                                                        "Tableau 1, ligne 3"]


def test_the_preview_is_json_safe(seed):
    import json

    assert json.loads(json.dumps(seed)) == seed


# The service


def test_plan_import_creates_every_plan_one_year_after_the_other(cc, executif):
    plans = services.plan_import(organization=cc, data=read(seed_002_docx()), year=2025,
                                 by=executif)
    assert [(p.period_label, p.year, p.status) for p in plans] == [
        (YEAR_1, 2025, EntraidePlan.Status.OPEN), (YEAR_2, 2026, EntraidePlan.Status.OPEN)]
    rows = list(plans[0].rows.order_by("position"))
    assert [row.position for row in rows] == [1, 2, 3, 4, 5, 6]
    assert [row.objective for row in rows] == ["Mise sur pied d'un Comité d'entraide"] + [""] * 5
    assert rows[3].resources == ["$ pour la création et production de matériel papier,",
                                 "$ de libération pour entrevues"]
    assert plans[0].expected_results == "Avoir un comité fonctionnel d'ici"
    assert plans[1].rows.count() == 3
    history = EntraideRow.history.filter(plan_id=plans[0].pk)
    assert history.count() == 6
    assert {record.history_user for record in history} == {executif}
    assert plans[0].history.get().history_user == executif


def test_plan_import_refuses_a_too_long_item_and_creates_nothing(cc):
    data = preview(3)
    data["plans"][0]["rows"][2]["means"] = ["x" * (MAX_ITEM_LENGTH + 1)]
    with pytest.raises(ValidationError) as refused:
        services.plan_import(organization=cc, data=data, year=2025)
    assert refused.value.messages[0].startswith("Tableau 1, ligne 4 : ")
    assert EntraidePlan.objects.filter(organization=cc).count() == 0
    assert EntraideRow.objects.filter(plan__organization=cc).count() == 0


def test_plan_import_refuses_too_many_items_and_creates_nothing(cc):
    data = preview(2)
    data["plans"][0]["rows"][1]["schedule"] = ["Mars"] * (MAX_ITEMS + 1)
    with pytest.raises(ValidationError):
        services.plan_import(organization=cc, data=data, year=2025)
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


def test_plan_import_takes_the_same_number_of_queries_for_5_or_50_rows(cc):
    counted = []
    for rows in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            services.plan_import(organization=cc, data=preview(rows), year=2020 + rows)
        counted.append(len(queries))
    assert counted[0] == counted[1]
    assert EntraideRow.objects.filter(plan__organization=cc).count() == 55


# The pages


def import_url(cc):
    return reverse("entraide:import", args=[cc.slug])


def confirm_url(cc):
    return reverse("entraide:import_confirm", args=[cc.slug])


def upload(content: bytes, name="plan.docx"):
    return {"file": SimpleUploadedFile(name, content)}


def test_upload_preview_then_confirm_creates_the_plans(login, benevole, cc):
    client = login(benevole)
    assert client.get(reverse("entraide:index", args=[cc.slug])).status_code == 200
    assert import_url(cc) in page(client.get(reverse("entraide:index", args=[cc.slug])))
    response = client.post(import_url(cc), upload(seed_002_docx()))
    assert response.status_code == 200
    text = page(response)
    for shown in (YEAR_1, YEAR_2, "Mise sur pied d'un Comité d'entraide", "Janvier-Février",
                  "$ de libération pour entrevues", "Tableau 1, ligne 7",
                  plan_source(3), "Avoir un comité fonctionnel d'ici"):
        assert shown in text
    assert "_____" not in text
    assert EntraidePlan.objects.filter(organization=cc).count() == 0
    token = response.context["confirm"].initial["preview"]

    response = client.post(confirm_url(cc), {"preview": token, "year": "2025"})
    assert response.status_code == 302
    plans = EntraidePlan.objects.filter(organization=cc).order_by("year")
    assert [(p.period_label, p.year) for p in plans] == [(YEAR_1, 2025), (YEAR_2, 2026)]
    assert response.url == reverse("entraide:plan_detail", args=[cc.slug, plans[0].pk])
    assert EntraideRow.history.filter(plan_id__in=[p.pk for p in plans]).count() == 9
    history = EntraideRow.history.filter(plan_id__in=[p.pk for p in plans])
    assert {record.history_user for record in history} == {benevole}


def test_a_confirmation_without_a_year_creates_nothing(login, executif, cc):
    client = login(executif)
    token = client.post(import_url(cc), upload(seed_002_docx())).context["confirm"].initial[
        "preview"]
    response = client.post(confirm_url(cc), {"preview": token, "year": ""})
    assert response.status_code == 400
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


@pytest.mark.parametrize("tamper", ["expired", "changed", "other_person", "missing"])
def test_an_expired_or_tampered_preview_is_refused_and_creates_nothing(
    login, executif, benevole, cc, tamper, monkeypatch
):
    data = read(seed_002_docx())
    salt = ENTRAIDE_IMPORT.salt(cc, executif)
    token = sign_preview(data, salt)
    if tamper == "expired":
        monkeypatch.setattr("unionplans.importing.PREVIEW_MAX_AGE", -1)
    elif tamper == "changed":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif tamper == "other_person":
        token = sign_preview(data, ENTRAIDE_IMPORT.salt(cc, benevole))
    else:
        token = ""
    response = login(executif).post(confirm_url(cc), {"preview": token, "year": "2025"})
    assert response.status_code == 400
    assert french("This preview has expired or was changed: upload the file again.") in page(
        response)
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


OLD_DOC = "This file is an old Word document (.doc) or is protected by a password. Open it in " \
          "Word, remove the password if any, and save it as .docx."
NOT_DOCX = "This file is not a Word document (.docx). Save the plan from Word as .docx and " \
           "try again."
CORRUPT = "This Word document could not be read: it may be damaged. Open it in Word, save it " \
          "again as .docx and try again."


@pytest.mark.parametrize(("content", "message"), [
    (b"Plan d'action : Comite Entraide", NOT_DOCX),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, OLD_DOC),
    (b"PK\x03\x04" + b"not really a zip" * 10, CORRUPT),
], ids=["text", "old-doc", "corrupt-zip"])
def test_a_file_that_is_no_docx_is_refused_in_french(login, executif, cc, content, message):
    response = login(executif).post(import_url(cc), upload(content))
    assert response.status_code == 400
    assert french(message) in page(response)
    assert french(message) != message  # the message has its French translation
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


def test_a_docx_without_the_table_is_refused(login, executif, cc):
    document = _document()
    document.add_paragraph("Plan d'action : Comité Entraide")
    response = login(executif).post(import_url(cc), upload(_saved(document)))
    assert response.status_code == 400
    assert french(NO_HEADER) in page(response)


def test_a_too_large_upload_is_413_in_french(login, executif, cc):
    response = login(executif).post(import_url(cc), upload(b"PK" + b"\0" * MAX_UPLOAD))
    assert response.status_code == 413
    assert "Ce fichier est trop volumineux : 10 Mo au plus." in page(response)
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


def test_a_too_long_item_is_shown_refused_and_nothing_is_created(login, executif, cc):
    client = login(executif)
    content = one_plan_docx([("Un objectif", [], ["x" * (MAX_ITEM_LENGTH + 1)], [], [], [])])
    response = client.post(import_url(cc), upload(content))
    assert response.status_code == 200
    assert response.context["errors"][0].startswith("Tableau 1, ligne 2 : ")
    assert 'name="preview"' not in response.content.decode()  # no confirmation offered
    assert response.content.decode().count('<tr class="table-danger">') == 1  # the row
    # Confirming the same preview anyway is refused by the service.
    token = sign_preview(read(content), ENTRAIDE_IMPORT.salt(cc, executif))
    response = client.post(confirm_url(cc), {"preview": token, "year": "2025"})
    assert response.status_code == 400
    assert EntraidePlan.objects.filter(organization=cc).count() == 0
    assert EntraideRow.objects.filter(plan__organization=cc).count() == 0


# Once only, versioned previews, and the service's own messages in the preview


def test_a_preview_confirmed_twice_creates_its_plans_once(login, executif, cc):
    client = login(executif)
    token = client.post(import_url(cc), upload(seed_002_docx())).context["confirm"].initial[
        "preview"]
    first = client.post(confirm_url(cc), {"preview": token, "year": "2025"})
    second = client.post(confirm_url(cc), {"preview": token, "year": "2025"})
    plans = EntraidePlan.objects.filter(organization=cc).order_by("year")
    assert [p.year for p in plans] == [2025, 2026]
    assert (first.status_code, second.status_code) == (302, 302)
    assert first.url == second.url == reverse("entraide:plan_detail", args=[cc.slug, plans[0].pk])
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == french(
        "This import was already done: here is the plan.")


@pytest.mark.parametrize("change", ["unversioned_salt", "missing_key", "missing_row_key"])
def test_a_preview_of_another_version_is_refused_as_expired(login, executif, cc, change):
    data = read(seed_002_docx())
    salt = ENTRAIDE_IMPORT.salt(cc, executif)
    if change == "unversioned_salt":  # signed before the salt had a version
        salt = f"entraide.import:{cc.pk}:{executif.pk}"
    elif change == "missing_key":
        del data["plans"][0]["need"]
    else:
        del data["plans"][1]["rows"][0]["schedule"]
    response = login(executif).post(confirm_url(cc), {"preview": sign_preview(data, salt),
                                                      "year": "2025"})
    assert response.status_code == 400
    assert french("This preview has expired or was changed: upload the file again.") in page(
        response)
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


def test_the_problems_are_the_services_messages(cc):
    data = preview(3)
    data["plans"][0]["rows"][1]["means"] = ["x" * (MAX_ITEM_LENGTH + 1)]
    data["plans"][0]["period_label"] = " "
    problems = services.plan_import_problems(organization=cc, data=data, year=2025)
    assert [problem.source for problem in problems] == ["Plan 1", "Tableau 1, ligne 3"]
    with pytest.raises(ValidationError) as refused:
        services.plan_import(organization=cc, data=data, year=2025)
    assert refused.value.messages == [str(problem) for problem in problems]
    assert EntraidePlan.objects.filter(organization=cc).count() == 0


def test_a_plan_without_a_period_is_shown_refused_with_no_confirmation(login, executif, cc):
    data = preview(1)
    data["plans"][0]["period_label"] = ""
    token = sign_preview(data, ENTRAIDE_IMPORT.salt(cc, executif))
    response = login(executif).post(confirm_url(cc), {"preview": token, "year": "2025"})
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert error.startswith("Plan 1 : ")
    assert french("A plan needs a period, e.g. « Année 1 : mise sur pied ».") in error
    assert 'name="preview"' not in response.content.decode()
    assert EntraidePlan.objects.filter(organization=cc).count() == 0
