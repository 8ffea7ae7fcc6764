"""An entraide plan as Word, in seed 002's layout: read the file back."""

import io

import docx
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from entraide import exports, services
from entraide.models import EntraidePlan

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADERS = ["Objectifs", "Résultats attendus", "Moyens/Actions/Activités", "Ressources requises",
           "Responsables", "Échéancier"]


def document_of(plan: EntraidePlan):
    return docx.Document(io.BytesIO(exports.plan_docx(plan)))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_comite_downloads_the_plan_as_a_word_attachment(login, benevole, plan):
    response = login(benevole).get(reverse("entraide:plan_docx", args=["ccsne", plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-daction-comite-entraide-2025.docx"'
    )
    page = login(benevole).get(reverse("entraide:plan_detail", args=["ccsne", plan.pk]))
    assert reverse("entraide:plan_docx", args=["ccsne", plan.pk]) in page.content.decode()


def test_the_header_lines_read_as_the_seed(plan):
    services.plan_update(plan=plan, target_date="2025-12-31")
    plan.refresh_from_db()
    document = document_of(plan)
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    lines = paragraphs(document)
    assert lines[:3] == ["Plan d'action : Comité Entraide", "Période de : ANNÉE 1, MISE SUR PIED",
                         "Année : 2025"]
    assert lines[3].startswith("Besoin identifié/description de la situation : Implantation")
    assert lines[4] == "Résultats attendus : Avoir un comité fonctionnel d'ici le 31 décembre 2025"
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == "Confidentiel : aucune information sur les personnes aidées."


def test_six_columns_under_a_repeated_header_and_one_paragraph_per_item(plan):
    row = plan.rows.order_by("position")[:1].get()
    services.row_update(row=row, resources=["Documents explicatifs", "Responsable régionale"])
    table = document_of(plan).tables[0]
    assert len(table.columns) == 6
    assert [cell.text for cell in table.rows[0].cells] == HEADERS
    header_flag = table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert header_flag.get(qn("w:val")) == "true"
    assert [p.text for p in table.rows[1].cells[3].paragraphs] == [
        "Documents explicatifs", "Responsable régionale",
    ]
    assert len(table.rows) == 1 + plan.rows.count()


def test_rows_that_continue_an_objective_share_its_cell_merged_down(plan):
    table = document_of(plan).tables[0]
    column = [table.cell(index, 0) for index in range(1, len(table.rows))]
    assert len(column) == 6
    assert all(cell._tc is column[0]._tc for cell in column)  # one cell, six rows high
    assert column[0].text == "Mise sur pied d'un Comité d'entraide"
    assert column[0].paragraphs[0].runs[0].bold
    merge = [table.rows[index].cells[0]._tc.tcPr.find(qn("w:vMerge"))
             for index in (1, 2)]
    assert merge[0].get(qn("w:val")) == "restart"
    # The other columns stay one cell a row.
    assert table.cell(1, 1)._tc is not table.cell(2, 1)._tc


def test_a_new_objective_starts_a_cell_of_its_own(plan):
    services.row_add(plan=plan, objective="Faire connaître le réseau", results=["Affiches"])
    table = document_of(plan).tables[0]
    assert table.cell(7, 0)._tc is not table.cell(6, 0)._tc
    assert table.cell(7, 0).text == "Faire connaître le réseau"
    assert table.cell(6, 0)._tc is table.cell(1, 0)._tc


def test_a_closed_plan_adds_its_year_end_review_after_the_table(plan):
    assert "Bilan de fin d'année" not in " ".join(paragraphs(document_of(plan)))
    closed = services.plan_close(plan=plan, review="Comité en place.\nDeux rencontres.")
    body = list(document_of(closed).element.body.iterchildren())
    table_at = [child.tag for child in body].index(qn("w:tbl"))
    after = ["".join(t.text for t in child.iter(qn("w:t"))) for child in body[table_at + 1:]]
    after = [text for text in after if text]
    assert after[0].startswith("Bilan de fin d'année (")
    assert after[1:] == ["Comité en place.", "Deux rencontres."]


def test_an_empty_template_prints_lines_to_fill(templates):
    blank = [t for t in templates.values() if not t.rows.exists()][0]
    document = document_of(blank)
    assert "Période de : ____________________" in paragraphs(document)
    assert len(document.tables[0].rows) == 1 + 8
