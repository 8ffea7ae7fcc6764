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


HEADER_002 = ("Objectifs", "Résultats attendus", "Moyens/Actions/Activités",
              "Ressources requises", "Responsables", "Échéancier")
BLANK_002 = "_____ _____"


def _entraide_header(document, period, need, results, *, bold_period=False):
    """The heading and header block of one plan of seed 002."""
    document.add_paragraph("Plan d'action : Comité Entraide")
    paragraph = document.add_paragraph("Période de : ")
    paragraph.add_run(period).bold = bold_period
    document.add_paragraph(f"Besoin identifié/description de la situation : {need}")
    document.add_paragraph(f"Résultats attendus : {results}")


def _entraide_row(table, objective, *cells):
    """A row of six cells: each of `cells` as `_write` takes it, or a str for one line;
    ("u", before, underlined, after) writes a paragraph with an underlined run inside."""
    row = table.add_row().cells
    for cell, lines in zip(row, (objective, *cells), strict=True):
        if isinstance(lines, tuple) and lines and lines[0] == "u":
            paragraph = cell.paragraphs[0]
            paragraph.add_run(lines[1])
            paragraph.add_run(lines[2]).underline = True
            paragraph.add_run(lines[3])
        else:
            _write(cell, [lines] if isinstance(lines, str) else lines)
    return row


def seed_002_docx(header=HEADER_002) -> bytes:
    """Seed 002 as its Word document: Année 1, whose six rows share one Objectif cell
    merged down the table (Word's vertical merge: the lower parts are empty "continue"
    cells), with list cells of several paragraphs, a line break inside one, hand-typed
    "• " bullets, a result with an underlined blank (« Recruter _X_ personnes ») and an
    empty row at the end; then Année 2, its period in bold, its header block and list
    cells only "_____" blanks to fill by hand, its objectives on two paragraphs; then a
    blank form (every cell "_____"), which is no plan to import."""
    document = _document()
    _entraide_header(
        document, "ANNÉE 1, MISE SUR PIED",
        "Implantation d'un réseau d'entraide, donner de l'information afin d'offrir une "
        "brigade d'intervenants qui sauront répondre aux besoins des membres aux prises avec "
        "divers problèmes d'ordre personnel ou professionnel.",
        "Avoir un comité fonctionnel d'ici _____",
    )
    table = _table(document, header)
    first = _entraide_row(
        table, "Mise sur pied d'un Comité d'entraide",
        "1. Identifier un « responsable de l'entraide au comité exécutif du syndicat »",
        "Présenter les rôles et responsabilités du porteur de dossier et vérifier l'intérêt "
        "personnel des officiers en place",
        "Documents explicatifs, responsable régionale", [], "Janvier-Février",
    )
    rows = [
        ("2. Présenter le projet aux membres (et à la partie patronale s'il y a lieu)",
         "Où, quand et comment exemple : Assemblée générale, kiosque lors de journée "
         "thématique, lettre ou courriel, etc.",
         ["• Documents promotionnels et autres selon les moyens choisis",
          "• Responsable régionale"], [], "Mars"),
        ("3. Obtenir l'engagement de l'employeur et définir les modalités de sa participation "
         "($, libération, affichage, etc.)",
         "Documents de promotion, articles de journaux, exemple de clause de cc, etc.",
         "Boîte à outils Web, responsable régionale,", [], "Février-Mars"),
        (("u", "4. Recruter ", " X ", " personnes entraïdantes"),
         "Définir quels moyens utilisés exemple : Affiches de personnes recherchées, sondage "
         "auprès des membres, entrevues de sélection, etc",
         [("br", "$ pour la création et production de matériel papier,",
           "$ de libération pour entrevues")], [], "Printemps-été"),
        ("5. Offrir la formation de base",
         "Déterminer la date et le lieu (milieu de travail ou CCM)",
         "$ libérations syndicale (voir à voter un budget ou utiliser celui de formation ?)",
         [], "Septembre"),
        ("6. S'assurer de la continuité du Comité d'entraide",
         "Définir la fréquence des rencontres et la composition du Comité d'entraide",
         "Identifier un entraïdant « responsable local », $ libérations", [],
         ["Responsable-juin", "2 fois par année"]),
    ]
    last = None
    for cells in rows:
        last = _entraide_row(table, "", *cells)
    first[0].merge(last[0])  # one Objectif cell down the six rows
    table.add_row()  # an empty row ends the table
    _entraide_header(document, "ANNÉE 2 : VISIBILITÉ, LIEN DE CONFIANCE ET EXPÉRIENCE",
                     "_____", "_____", bold_period=True)
    table = _table(document, header)
    for title, text, items in (
        ("VISIBILITÉ", "Faire connaître les membres et le rôle du RÉSEAU d'entraide", 2),
        ("CONFIANCE", "Promouvoir la confidentialité et le respect des personnes", 2),
        ("EXPÉRIENCE", "Soutenir et encadrer le travail des entraidant(es)", 1),
    ):
        blanks = [f"• {BLANK_002}"] * items
        row = _entraide_row(table, [title, text], blanks, blanks, blanks, [], [])
        row[0].paragraphs[0].runs[0].bold = True
    _entraide_header(document, "_____", "_____", "_____")
    table = _table(document, header)
    for _row in range(8):
        _entraide_row(table, BLANK_002, f"• {BLANK_002}", f"• {BLANK_002}",
                      f"• {BLANK_002}", [], [])
    return _saved(document)


DOCUMENTS = {"seed_004.docx": seed_004_docx, "seed_002.docx": seed_002_docx}

if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for name, build in DOCUMENTS.items():
        (folder / name).write_bytes(build())
