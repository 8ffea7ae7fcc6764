"""A plan as Word (seed 004's table) and Excel, and its bilan as Word: open the files and
read them back as someone (or an importer) would."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from plans import exports, services
from plans.models import Action, FollowUp, Orientation, Step, WorkPlan
from plans.seed_004 import PLAN
from tests.plans.test_demo_pdf import load

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def french(message: str) -> str:
    with translation.override("fr-ca"):
        return gettext(message)


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def texts(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs]


def distinct_cells(row) -> list:
    """The row's cells, a merged cell once."""
    seen = []
    for cell in row.cells:
        if all(cell._tc is not other._tc for other in seen):
            seen.append(cell)
    return seen


def is_repeated_header(row) -> bool:
    flag = row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return flag is not None and flag.get(qn("w:val")) == "true"


def body_order(document) -> list[str]:
    """The document's blocks in order: "table", or a paragraph's text."""
    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            blocks.append("table")
        elif child.tag == qn("w:p"):
            blocks.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
    return [block for block in blocks if block]


def plan_document(plan):
    return open_docx(exports.plan_docx(plan))


def action_row(document, number: str):
    (row,) = [row for row in document.tables[0].rows if row.cells[0].text.startswith(number)]
    return row


# The view


def test_it_serves_the_plan_as_a_word_attachment(login, membre, plan):
    response = login(membre).get(reverse("plans:docx", args=["ccsne", plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-de-travail-2019-2022.docx"'
    )
    assert open_docx(response.content).paragraphs[0].text == "Plan de travail 2019-2022"


def test_it_serves_the_bilan_and_the_workbook_as_attachments(login, membre, plan):
    client = login(membre)
    bilan = client.get(reverse("plans:bilan_docx", args=["ccsne", plan.pk]))
    assert bilan["Content-Type"] == DOCX_TYPE
    assert bilan["Content-Disposition"] == (
        'attachment; filename="bilan-plan-de-travail-2019-2022.docx"'
    )
    workbook = client.get(reverse("plans:xlsx", args=["ccsne", plan.pk]))
    assert workbook["Content-Type"] == XLSX_TYPE
    assert workbook["Content-Disposition"] == (
        'attachment; filename="plan-de-travail-2019-2022.xlsx"'
    )
    assert openpyxl.load_workbook(io.BytesIO(workbook.content)).sheetnames == [
        "Actions", french("Steps"),
    ]


def test_the_plan_page_and_the_bilan_link_their_downloads(login, membre, plan):
    client = login(membre)
    page = client.get(reverse("plans:detail", args=["ccsne", plan.pk])).content.decode()
    assert reverse("plans:docx", args=["ccsne", plan.pk]) in page
    assert reverse("plans:xlsx", args=["ccsne", plan.pk]) in page
    bilan = client.get(reverse("plans:bilan", args=["ccsne", plan.pk])).content.decode()
    assert reverse("plans:bilan_docx", args=["ccsne", plan.pk]) in bilan


# The Word plan: seed 004's layout


def test_the_document_is_landscape_letter(plan):
    section = plan_document(plan).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.inches, section.page_height.inches) == (11, 8.5)


def test_one_table_of_the_seed_s_four_columns_whose_bold_header_repeats(plan):
    document = plan_document(plan)
    table = document.tables[0]
    assert len(table.columns) == 4
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == ["QUOI", "COMMENT et QUAND", "QUI", "SUIVI"]
    assert is_repeated_header(header)
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert not any(is_repeated_header(row) for row in table.rows[1:])
    # The title, then the table: nothing between them for an importer to trip on.
    assert body_order(document)[:2] == ["Plan de travail 2019-2022", "table"]


def test_an_orientation_row_is_merged_across_the_table_and_bold(plan):
    row = plan_document(plan).tables[0].rows[1]
    (cell,) = distinct_cells(row)
    assert cell._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert texts(cell) == ["1. Le CCSNE développe la solidarité 1."]
    assert all(run.bold for run in cell.paragraphs[0].runs)


def test_sub_statements_are_lettered_paragraphs_and_an_unnumbered_orientation_shows_its_title(
    plan,
):
    services.orientation_create(
        plan=plan, sub_statements="Le CCSNE stimule les syndicats.\nLe CCSNE organise."
    )
    special = services.orientation_create(
        plan=plan, numbered=False, title="Dossier spécial", statement="Pour l'environnement."
    )
    services.action_create(orientation=special, what="Engager le CCSNE", responsible="Mélanie")
    rows = plan_document(plan).tables[0].rows
    assert texts(rows[3].cells[0]) == [
        "2. A) Le CCSNE stimule les syndicats.", "B) Le CCSNE organise.",
    ]
    assert texts(rows[4].cells[0]) == ["Dossier spécial", "Pour l'environnement."]
    assert len(distinct_cells(rows[4])) == 1
    assert all(run.bold for p in rows[4].cells[0].paragraphs for run in p.runs)
    # Its action has no number.
    assert rows[5].cells[0].text == "Engager le CCSNE"


def test_an_action_row_gives_its_number_steps_with_their_time_and_who(plan, action):
    services.step_create(action=action, text="Faire le bilan", when_kind=Step.When.NONE)
    row = action_row(plan_document(plan), "1.1")
    what, how, who, _follow_up = row.cells
    assert what.text == "1.1 Action 1-1"
    assert texts(how) == [
        "- Définir le mandat (décembre 2019)",
        "- Mettre sur pied (mandat complet)",
        "- Faire le bilan",  # no date, no parentheses
    ]
    assert who.text == "Denis"


def test_a_dated_follow_up_starts_with_its_date_unless_its_text_already_says_it(plan, action):
    services.follow_up_create(action=action, author=None, text="Rencontre tenue",
                              date=datetime.date(2020, 2, 28))
    services.follow_up_create(action=action, author=None, date=datetime.date(2020, 2, 28),
                              text="Présentation à l'AG du 28 février 2020")
    services.follow_up_create(action=action, author=None, date=datetime.date(2020, 6, 1),
                              text="Rencontre avec le conseiller")
    follow_up = action_row(plan_document(plan), "1.1").cells[3]
    assert texts(follow_up) == [
        "- Travail préparatoire",
        "- 28 février 2020 : Rencontre tenue",
        "- Présentation à l'AG du 28 février 2020",
        "- 1er juin 2020 : Rencontre avec le conseiller",
    ]


def test_nested_lines_of_a_follow_up_are_indented_o_sub_bullets(plan, action):
    FollowUp.objects.filter(action=action).delete()
    services.follow_up_create(action=action, author=None, text=(
        "Nouveau point à l'ODJ des AG : photo de famille\n"
        "◦ AG 28 février 2020 : Josée Lemieux\n"
        "◦ AG 28 avril 2022 : Myriam Nadeau"
    ))
    services.follow_up_create(action=action, author=None,
                              text="Capsule 1 : Mélanie Boulet\nsuite de la capsule")
    paragraphs = action_row(plan_document(plan), "1.1").cells[3].paragraphs
    assert [p.text for p in paragraphs] == [
        "- Nouveau point à l'ODJ des AG : photo de famille",
        "o AG 28 février 2020 : Josée Lemieux",
        "o AG 28 avril 2022 : Myriam Nadeau",
        "- Capsule 1 : Mélanie Boulet\nsuite de la capsule",  # a line break, same entry
    ]
    indents = [p.paragraph_format.left_indent for p in paragraphs]
    assert indents[0] is None and indents[3] is None
    assert indents[1] == indents[2] and indents[1] > 0


def outcome_paragraph(plan):
    return action_row(plan_document(plan), "1.1").cells[3].paragraphs[-1]


def test_the_outcome_sentence_ends_suivi_underlined(plan, action):
    services.row_update(row=action, outcome=Action.Outcome.NOT_DONE, outcome_reason="pandémie")
    paragraph = outcome_paragraph(plan)
    assert paragraph.text == "- Action non réalisée (pandémie)"
    dash, sentence = paragraph.runs
    assert not dash.underline
    assert sentence.underline
    assert sentence.text == "Action non réalisée (pandémie)"


def test_an_action_s_outcome_is_written_under_quoi_as_the_page_s_badge(plan, action):
    services.row_update(row=action, outcome=Action.Outcome.DONE)
    what = action_row(plan_document(plan), "1.1").cells[0]
    assert texts(what)[1] == "Résultat : Réalisée"
    assert what.paragraphs[1].runs[-1].italic
    assert texts(action_row(plan_document(plan), "1.1").cells[3]) == ["- Travail préparatoire"]


def test_an_outcome_text_is_written_as_the_plan_wrote_it(plan, action):
    services.row_update(row=action, outcome=Action.Outcome.DONE,
                        outcome_text="Reporté au prochain mandat.")
    assert outcome_paragraph(plan).text == "- Reporté au prochain mandat."


def test_an_upcoming_action_has_no_outcome_sentence(plan, action):
    assert action.outcome == Action.Outcome.UPCOMING
    follow_up = action_row(plan_document(plan), "1.1").cells[3]
    assert texts(follow_up) == ["- Travail préparatoire"]


def test_the_lists_follow_the_table_in_three_columns_without_borders(plan):
    document = plan_document(plan)
    assert body_order(document)[1:] == [
        "table", "Dossiers statutaires", "table", "Organismes et délégations", "table",
    ]
    statutory, delegations = document.tables[1:]
    assert len(statutory.columns) == 3
    assert statutory.rows[0].cells[0].text == "- Santé et sécurité — Julie"
    assert delegations.rows[0].cells[0].text == "- Centraide"
    borders = statutory._tbl.tblPr.find(qn("w:tblBorders"))
    assert {side.get(qn("w:val")) for side in borders} == {"nil"}
    assert all(run.bold for p in document.paragraphs if p.text == "Dossiers statutaires"
               for run in p.runs)


def test_a_text_that_xml_cannot_hold_is_written_without_its_control_characters(plan, action):
    services.row_update(row=action, what="Action\x0b avec\x01 un caractère de contrôle")
    assert action_row(plan_document(plan), "1.1").cells[0].text == (
        "1.1 Action avec un caractère de contrôle"
    )


@pytest.mark.django_db
def test_the_demo_plan_reads_like_seed_004():
    load()
    plan = WorkPlan.objects.get()
    document = plan_document(plan)
    (table, statutory, delegations) = document.tables
    orientation_rows = [row for row in table.rows[1:] if len(distinct_cells(row)) == 1]
    assert [row.cells[0].paragraphs[0].text[:3] for row in orientation_rows] == [
        "1. ", "2. ", "3. ", "Dos",
    ]
    body = [row.cells[0].paragraphs[0].text for row in table.rows]
    for orientation in PLAN["orientations"]:
        for action in orientation["actions"]:
            assert f"{action['number']} {action['what']}".strip() in body
    assert len(table.rows) == 1 + 4 + 15
    first = action_row(document, "1.1")
    assert texts(first.cells[1])[0] == (
        "- Définir le mandat et la composition de l'unité (décembre 2019)"
    )
    nested = [p for p in action_row(document, "2.2").cells[3].paragraphs
              if p.text.startswith("o AG 28 février 2020 : Josée Lemieux")]
    assert nested and nested[0].paragraph_format.left_indent > 0
    assert action_row(document, "2.3").cells[3].text == "- Action non réalisée (pandémie)"
    assert len(statutory.rows) == 10 and len(delegations.rows) == 5
    assert delegations.rows[4].cells[2].text == "- Comité régional égalité (CAFE)"


# The bilan


def test_the_bilan_counts_the_outcomes_and_lists_each_group_in_tables_of_one_width(
    plan, action
):
    other = services.action_create(
        orientation=Orientation.objects.get(plan=plan), what="Action reportée",
        responsible="Julie",
    )
    services.row_update(row=other, outcome=Action.Outcome.POSTPONED,
                        outcome_reason="pandémie")
    services.row_update(row=action, outcome=Action.Outcome.DONE)
    document = open_docx(exports.bilan_docx(plan))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.paragraphs[0].text == "Bilan — Plan de travail 2019-2022"
    assert "Réalisées : 1 sur 2 (50 %)" in [p.text for p in document.paragraphs]
    counts, *groups = document.tables
    assert [row.cells[0].text for row in counts.rows][0] == "Résultat"
    assert [(row.cells[0].text, row.cells[1].text) for row in counts.rows][-1] == ("Total", "2")
    assert len(groups) == 2
    assert [c.text for c in groups[1].rows[1].cells] == [
        "1.2", "Action reportée", "pandémie", "Julie",
    ]
    assert all(is_repeated_header(group.rows[0]) for group in groups)
    widths = {tuple(column.width for column in group.columns) for group in groups}
    assert len(widths) == 1


# The workbook


def test_the_workbook_has_a_row_per_action_and_per_step_with_real_dates(plan, action):
    services.row_update(row=action, outcome=Action.Outcome.IN_PROGRESS)
    workbook = openpyxl.load_workbook(io.BytesIO(exports.plan_xlsx(plan)))
    actions, steps = workbook.worksheets
    assert actions.title == "Actions"
    assert [c.value for c in actions[1]] == [
        "No", "Orientation", "QUOI", "QUI", "Résultat", french("Number of steps"),
        french("Number of follow-ups"),
    ]
    assert [c.value for c in actions[2]] == [
        "1.1", "1. Le CCSNE développe la solidarité 1.", "Action 1-1", "Denis", "En cours", 2, 1,
    ]
    assert actions.max_row == 1 + Action.objects.filter(orientation__plan=plan).count()
    assert actions.freeze_panes == "A2"
    assert actions.auto_filter.ref == "A1:G2"
    assert all(cell.font.bold for cell in actions[1])
    assert [c.value for c in steps[1]] == [
        french("Action no."), french("Step"), "Quand", "Date",
    ]
    month, label = steps[2], steps[3]
    assert [month[0].value, month[1].value, month[2].value] == [
        "1.1", "Définir le mandat", "décembre 2019",
    ]
    assert month[3].is_date
    assert month[3].value.date() == datetime.date(2019, 12, 1)
    assert label[2].value == "mandat complet"
    assert label[3].value is None


def test_a_text_starting_with_equals_stays_a_text_in_the_workbook(plan, action):
    services.row_update(row=action, what='=HYPERLINK("https://example.org","x")')
    sheet = openpyxl.load_workbook(io.BytesIO(exports.plan_xlsx(plan))).worksheets[0]
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == '=HYPERLINK("https://example.org","x")'
