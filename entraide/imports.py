"""Comité d'entraide plans read from a Word document laid out as seed 002.

`read_entraide(document)` returns the preview: plain data (JSON-safe), one entry per plan
of the document, each row with its source ("Table 1, row 4") and its doubts, and nothing
saved. `entraide.services.plan_import` creates the plans from it.

A document holds one plan or several one after the other (the seed: Année 1, Année 2, then
blank forms). Each plan: a heading "Plan d'action : Comité Entraide", the header block
("Période de : …", "Besoin identifié/description de la situation : …", "Résultats
attendus : …"; "_____" is a blank to fill by hand, so nothing), then a table of six
columns named by meaning (accents, case, "Objectifs", "Moyens / actions / activités",
"Échéancier" or "Échéance" all match). An objective cell merged down over several rows, or
an empty one, continues the objective above; list cells hold one item per line. A plan
that is only a blank form is left out.

Nothing about the people helped is read into anything new: the same fields as the editor.
"""

import re

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionplans.importing import (
    Cell,
    DocumentReader,
    full_date,
    header_roles,
    is_blank,
    normalized,
    read_document,
    table_rows,
)

from . import seed_002
from .models import EntraideRow

ROLES = {
    "objective": ("objectif", "objectifs"),
    "results": ("resultat", "resultats"),
    "means": ("moyen", "moyens", "action", "actions", "activite", "activites"),
    "resources": ("ressource", "ressources"),
    "responsibles": ("responsable", "responsables", "qui"),
    "schedule": ("echeancier", "echeanciers", "echeance", "echeances", "calendrier", "quand"),
}
LIST_CELLS = seed_002.LIST_CELLS

# The header block's labels, by the normalized words they start with.
LABELS = (
    ("periode", "period_label"),
    ("besoin identifie", "need"),
    ("description de la situation", "need"),
    ("resultats attendus", "expected_results"),
)
_HEADING = re.compile(r"^plan (d|de) (action|travail)\b")
_MARKERS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}(?=\w)|(?<=\w)_{1,3}(?!\w)")
_BLANKS = re.compile(r"_{2,}")


def _text(text: str) -> str:
    """A header value as kept: no "_____" blanks, no markdown bold markers, single spaces
    within a line."""
    text = _MARKERS.sub("", _BLANKS.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip(" :")


class EntraideReader(DocumentReader):
    no_header = gettext_lazy(
        "No table with the columns Objectif, Résultats attendus, Moyens/Actions/Activités, "
        "Ressources requises, Responsables and Échéancier was found in this document."
    )

    def __init__(self):
        super().__init__()
        self.plans: list[dict] = []
        self.skipped: list[dict] = []
        self.doubts: list[str] = []
        self.columns: dict[int, str] | None = None
        self.current: dict | None = None
        self.field: str | None = None  # the header field that a bare paragraph goes on
        self.headerless_tables: list[str] = []

    # Reading order

    def read_paragraph(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        key = normalized(text)
        if _HEADING.match(key) and len(key) < 80:
            self.new_plan()
            self.field = None
            return
        label, colon, value = text.partition(":")
        if colon and normalized(label) in ("annee", "year") and value.strip().isdigit():
            self.field = None  # "Année : 2025", as UnionPlans writes it: the confirmation asks
            return
        for words, name in LABELS:
            if colon and normalized(label).startswith(words):
                plan = self.plan()
                if plan["has_table"] or plan[name] or plan["read"].get(name):
                    plan = self.new_plan()  # a header block with no heading
                plan["read"][name] = True
                plan[name] = _text(value)
                self.field = name
                return
        if self.field and not self.plan()["has_table"]:
            plan = self.plan()
            plan[self.field] = "\n".join(filter(None, [plan[self.field], _text(text)]))
        # Any other text (a title, a note under the table) is not part of the plan.

    def read_table(self, table, number: int) -> None:
        self.field = None
        header_seen = False
        rows = list(table_rows(table))
        for index, cells in enumerate(rows, start=1):
            source = _("Table %(table)d, row %(row)d") % {"table": number, "row": index}
            roles = header_roles(cells, ROLES)
            if len(roles) >= 4 and {"objective", "results"} & set(roles.values()):
                # Every column of the header, those of no role too (their text is left out).
                self.columns = {cell.column: roles.get(cell.column) for cell in cells}
                self.found_header, header_seen = True, True
                self.plan()["has_table"] = True
            elif self.columns is None:
                self.skip(source, cells, _("This row comes before any header row with the "
                                           "columns of the plan: it was left out."))
            else:
                if not header_seen:
                    header_seen = True
                    plan = self.plan()
                    if not plan["has_table"]:
                        plan["doubts"].append(
                            _("Table %(table)d has no header row: its columns were read as "
                              "those of the table before.") % {"table": number}
                        )
                    plan["has_table"] = True
                self.read_row(cells, source)

    # The plans

    def plan(self) -> dict:
        return self.current if self.current is not None else self.new_plan()

    def new_plan(self) -> dict:
        self.current = {
            "period_label": "", "need": "", "expected_results": "", "rows": [],
            "source": _("Plan %(number)d of the document") % {"number": len(self.plans) + 1},
            "doubts": [], "has_table": False, "read": {},
        }
        self.plans.append(self.current)
        return self.current

    # Rows of a plan's table

    def read_row(self, cells: list[Cell], source: str) -> None:
        plan = self.plan()
        row = {"objective": "", **{name: [] for name in LIST_CELLS},
               "source": source, "doubts": []}
        merged_objective = False
        for cell in cells:
            role = self.role_of(cell)
            if role is None:
                if cell.text and not cell.continued:
                    row["doubts"].append(
                        _("A column the plan does not have was left out: « %(text)s ».")
                        % {"text": cell.text[:100]}
                    )
                continue
            if cell.continued:
                if role == "objective":
                    merged_objective = True
                else:
                    row["doubts"].append(
                        _("The « %(column)s » cell is merged with the one above: its text "
                          "is kept on the row above only.") % {"column": column_name(role)}
                    )
                continue
            # A list cell holds one item per line, a line break included.
            texts = [text for line in cell.lines for text in line.text.split("\n")]
            if role == "objective":
                row["objective"] = "\n".join(filter(None, [row["objective"], *texts]))
            else:
                row[role].extend(texts)
        if not row["objective"] and not any(row[name] for name in LIST_CELLS):
            return  # an empty row, or a form's row of blanks to fill by hand
        if not row["objective"] and not plan["rows"]:
            row["doubts"].append(
                _("This row has no objective and there is none above it to continue.")
                if not merged_objective else
                _("This row continues an objective that was not read.")
            )
        plan["rows"].append(row)

    def role_of(self, cell: Cell) -> str | None:
        """The header's role over the cell's first grid column (or the nearest before)."""
        columns = [c for c in sorted(self.columns) if c <= cell.column]
        return self.columns[columns[-1]] if columns else None

    def skip(self, source: str, cells: list[Cell], reason: str) -> None:
        text = " | ".join(cell.text for cell in cells if cell.text)
        if not is_blank(text):
            self.skipped.append({"source": source, "text": text[:300], "reason": reason})

    def result(self) -> dict:
        plans = []
        for plan in self.plans:
            plan.pop("read")
            has_table = plan.pop("has_table")
            if not plan["rows"] and not any(
                plan[name] for name in ("period_label", "need", "expected_results")
            ):
                if has_table:
                    self.skipped.append({
                        "source": plan["source"], "text": "",
                        "reason": _("This plan is a blank form: it was left out."),
                    })
                continue
            plans.append(plan)
        for number, plan in enumerate(plans, start=1):
            take_target_date(plan)
            if not plan["period_label"]:
                plan["period_label"] = _("Imported plan %(number)d") % {"number": number}
                plan["doubts"].append(
                    _("No period was found: the plan is named « %(name)s »; change it after "
                      "the import.") % {"name": plan["period_label"]}
                )
            if not plan["rows"]:
                plan["doubts"].append(_("No row was read in this plan's table."))
        if not plans:
            self.doubts.append(_("Every plan of this document is a blank form: there is "
                                 "nothing to import."))
        return {"plans": plans, "skipped": self.skipped, "doubts": self.doubts}


def read_entraide(document) -> dict:
    return read_document(EntraideReader().read, document)


def column_name(role: str) -> str:
    field = "objective" if role == "objective" else role
    return capfirst(EntraideRow._meta.get_field(field).verbose_name)


def take_target_date(plan: dict) -> None:
    """"Avoir un comité fonctionnel d'ici (le) 30 juin 2026": the date ending the expected
    results is the plan's target date, printed after the text as the seed has it."""
    plan["target_date"] = ""
    match = re.search(r"\s*(?:\ble\s+)?\b(1er|[0-3]?\d)\s+\S+\s+\d{4}\s*\.?$",
                      plan["expected_results"])
    day, _invalid = full_date(match[0]) if match else (None, False)
    if day:
        plan["target_date"] = day.isoformat()
        plan["expected_results"] = plan["expected_results"][: match.start()].rstrip()


def counts(data: dict) -> dict:
    """How many plans and rows the preview will create, and how many doubts it has."""
    rows = [row for plan in data["plans"] for row in plan["rows"]]
    return {
        "plans": len(data["plans"]),
        "rows": len(rows),
        "doubts": len(data["doubts"]) + sum(len(p["doubts"]) for p in data["plans"])
        + sum(len(row["doubts"]) for row in rows),
        "skipped": len(data["skipped"]),
    }
