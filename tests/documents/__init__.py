"""Word documents made with python-docx that reproduce the seeds' quirks, for the imports.

`seed_004_docx()` writes the start of seed 004 as its Word table did: a title before the
table, orientation rows merged across the four columns ("2. A) … B) …" on two paragraphs),
steps and follow-ups as hand-typed "- " bullets, sub-bullets "o …" indented, line breaks
inside a cell, the underlined outcome sentence last in SUIVI, an empty row, the table split
in two by a page break (the second part repeats the header, its first row continues the
action above with an empty QUOI), an unnumbered "Dossier spécial" orientation, then the
"Dossiers statutaires" and "Organismes et délégations" lists as three-column tables.

`python -m tests.documents DIR` writes them into DIR, to open them in Word.
"""

import io
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm

HEADER = ("QUOI", "COMMENT et QUAND", "QUI", "SUIVI")


def _document():
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    return document


def _table(document, header=HEADER):
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _write(cell, lines):
    """Each item a paragraph; ("o", text) indented sub-bullet; ("u", text) underlined;
    ("br", a, b) one paragraph with a line break between a and b."""
    cell.paragraphs[0].text = ""
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if isinstance(line, str):
            paragraph.add_run(line)
        elif line[0] == "o":
            paragraph.paragraph_format.left_indent = Cm(2)
            paragraph.add_run(f"o {line[1]}")
        elif line[0] == "u":
            paragraph.add_run("- ")
            paragraph.add_run(line[1]).underline = True
        elif line[0] == "br":
            run = paragraph.add_run(line[1])
            run.add_break(WD_BREAK.LINE)
            paragraph.add_run(line[2])


def _orientation(table, *paragraphs):
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    _write(merged, paragraphs)
    for paragraph in merged.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def _action(table, what, steps, who, follow_ups):
    cells = table.add_row().cells
    for cell, lines in zip(cells, ([what], steps, [who] if who else [], follow_ups),
                           strict=True):
        _write(cell, lines)


def seed_004_docx(header=HEADER) -> bytes:
    document = _document()
    document.add_paragraph("")
    document.add_paragraph("Plan de travail 2019-2022")
    table = _table(document, header)
    _orientation(table, "1. Le CCSNE développe et encourage la solidarité aux niveaux local "
                        "et régional.")
    _action(
        table, "1.1 Créer une unité de mobilisation",
        ["- Définir le mandat et la composition de l'unité (décembre 2019)",
         ("br", "- Mettre sur pied l'unité (mars 2020)",
          "- Développer les outils nécessaires au fonctionnement de l'unité (communication, "
          "rencontres, etc.) (juin 2020)")],
        "Denis",
        ["- Travail préparatoire effectué, comité préliminaire assemblé",
         "- Présentation des aspects recrutement à l'AG du 28 février 2020"],
    )
    table.add_row()  # an empty row, as Word tables often end a group with
    _action(
        table, "1.3 Mettre en place une salle d'enregistrement au CCSNE",
        ["- Évaluer les besoins et les coûts (février 2020)",
         "- Offrir des formations pour l'utilisation de la salle (reste du mandat)"],
        "Julie",
        ["- Plan d'aménagement soumis par Vincent Descôteaux (2 juin 2020)",
         ("u", "La promotion de la salle et la formation seront faites dans le prochain "
               "mandat.")],
    )
    _orientation(table, "2. A) Le CCSNE stimule et soutient les syndicats.",
                 "B) Le CCSNE organise des événements.")
    _action(
        table, "2.2 Valoriser les différents titres d'emplois représentés au CCSNE",
        ["- Analyser le portrait des membres du CCSNE (juin 2020)",
         "- Déterminer une stratégie de valorisation (mandat complet)"],
        "Denis",
        ["- Nouveau point à l'ODJ des AG : photo de famille",
         ("o", "AG 28 février 2020 : Josée Lemieux, technicienne"),
         ("o", "AG 28 avril 2022 : Myriam Nadeau, SANC"),
         "- Capsule 1 : Mélanie Boulet, CSS Hauts-Cantons"],
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    table = _table(document, header)
    _action(table, "", [], "", ["- Capsule 2 : Nathalie Boivin, Aide juridique de l'Estrie",
                                ("u", "Action en cours")])
    _orientation(table, "Dossier spécial")
    _action(table, "Pandémie : maintenir les services aux syndicats", ["- Adapter (2020-2022)"],
            "Exécutif", [("u", "Action non réalisée (pandémie)")])
    for heading, items in (
        ("Dossiers statutaires", ["Santé et sécurité", "Immigration", "Fondation", "Leucan"]),
        ("Organismes et délégations", ["Centraide", "SPE (Solidarité populaire Estrie)"]),
    ):
        document.add_paragraph(heading)
        lists = document.add_table(rows=0, cols=3)
        for start in range(0, len(items), 3):
            cells = lists.add_row().cells
            for cell, item in zip(cells, items[start:start + 3], strict=False):
                cell.text = f"- {item}"
    return _saved(document)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCUMENTS = {"seed_004.docx": seed_004_docx}

if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for name, build in DOCUMENTS.items():
        (folder / name).write_bytes(build())
