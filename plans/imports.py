"""A plan de travail read from a Word table laid out as seed 004.

`read_plan(document)` returns the preview: plain data (JSON-safe) shaped like
`plans.seed_004.PLAN`, each row with its source ("Tableau 1, ligne 4") and its doubts, and
nothing saved. `plans.services.plan_import` creates the plan from it.

The table: a header row naming QUOI / COMMENT ET QUAND / QUI / SUIVI (by meaning: accents,
case and "Comment et quand ?" or "COMMENT / QUAND" all match), repeated or not after a page
break; orientation rows spanning the table ("1. …", "2. A) … B) …", or unnumbered such as
"Dossier spécial"); action rows, whose steps end with their date in parentheses and whose
follow-ups are bullets, sub-bullets and an underlined outcome sentence last. A row with an
empty QUOI continues the action above (a row cut by a page break). The lists "Dossiers
statutaires" and "Organismes et délégations" follow the table.
"""

import datetime
import re

from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionplans.importing import (
    Cell,
    DocumentReader,
    Line,
    full_date,
    header_roles,
    mentions_a_month,
    month_year,
    normalized,
    read_document,
    table_rows,
)

from .models import OUTCOME_SENTENCES, Action, Step

ROLES = {
    "what": ("quoi",),
    "how": ("comment", "quand"),
    "who": ("qui", "responsable", "responsables"),
    "follow": ("suivi", "suivis"),
}
LISTS = {"dossiers statutaires": "statutory_files", "delegations": "delegations"}

_ORIENTATION = re.compile(r"^(\d+)\s*[.)]\s*(?!\d)(.*)$", re.DOTALL)
_ACTION_NUMBER = re.compile(r"^\d+(?:\.\d+)+\.?\s*[-–)]?\s*")
_LETTERED = re.compile(r"^([A-Z])\s*\)\s*(.*)$", re.DOTALL)
_TRAILING_PARENTHESES = re.compile(r"\s*\(([^()]*)\)\s*[.;,]?\s*$")
_DATE_PREFIX = re.compile(r"^(1er|[0-3]?\d)\s+\w+\s+\d{4}\s*:\s*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LABEL_WORDS = ("mandat", "hiver", "printemps", "ete", "automne", "annee", "continu")

# A sentence of SUIVI that states the outcome, by its words (most specific first).
OUTCOME_WORDS = (
    ("partiellement", Action.Outcome.PARTLY_DONE),
    ("non realisee", Action.Outcome.NOT_DONE),
    ("reportee", Action.Outcome.POSTPONED),
    ("en cours", Action.Outcome.IN_PROGRESS),
    ("realisee", Action.Outcome.DONE),
    ("a venir", Action.Outcome.UPCOMING),
)
_OUTCOME_LINE = re.compile(r"^(?:r[ée]sultat|outcome)\s*:\s*(.+)$", re.IGNORECASE)


class PlanReader(DocumentReader):
    no_header = gettext_lazy(
        "No table with the columns QUOI, COMMENT ET QUAND, QUI and SUIVI was found in this "
        "document."
    )

    def __init__(self):
        super().__init__()
        self.title = ""
        self.orientations: list[dict] = []
        self.lists = {"statutory_files": [], "delegations": []}
        self.skipped: list[dict] = []
        self.doubts: list[str] = []
        self.columns: dict[int, str] | None = None
        self.current_list: str | None = None

    # Reading order

    def read_paragraph(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        key = normalized(text)
        for words, name in LISTS.items():
            if words in key and len(key) < 60:
                self.current_list = name
                return
        if self.current_list:
            self.add_list_items([text])
        elif not self.title and not self.found_header:
            self.title = text[:200]

    def read_table(self, table, number: int) -> None:
        for index, cells in enumerate(table_rows(table), start=1):
            source = _("Table %(table)d, row %(row)d") % {"table": number, "row": index}
            roles = header_roles(cells, ROLES)
            if "what" in roles.values() and len(roles) >= 3:
                self.columns = roles
                self.found_header = True
                self.current_list = None
            elif self.current_list:
                self.add_list_items(
                    [line.text for cell in cells for line in cell.lines], source
                )
            elif self.columns is not None:
                self.read_row(cells, source)

    # Rows of the plan's table

    def read_row(self, cells: list[Cell], source: str) -> None:
        by_role = self.cells_by_role(cells)
        if not any(by_role.values()):
            return  # an empty row
        what = by_role["what"]
        only_what = what and not any(by_role[role] for role in ("how", "who", "follow"))
        if only_what and not _ACTION_NUMBER.match(what[0].text):
            merged = len(cells) == 1 or cells[0].span >= 2
            self.add_orientation(what, source, sure=merged or _ORIENTATION.match(what[0].text))
        elif what:
            self.add_action(by_role, source)
        elif self.actions_so_far():
            self.continue_action(by_role, source)
        else:
            self.skip(source, cells, _("This row fits no action: it was left out."))

    def cells_by_role(self, cells: list[Cell]) -> dict[str, list[Line]]:
        found = {role: [] for role in ROLES}
        if len(cells) == 1:  # one cell spanning the whole row: an orientation
            found["what"] = cells[0].lines
            return found
        for cell in cells:
            role = self.role_of(cell)
            if role and not cell.continued:
                found[role].extend(cell.lines)
        return found

    def role_of(self, cell: Cell) -> str | None:
        """The header's role over the cell's first grid column (or the nearest before)."""
        columns = [c for c in sorted(self.columns) if c <= cell.column]
        return self.columns[columns[-1]] if columns else None

    def add_orientation(self, lines: list[Line], source: str, sure) -> None:
        first, rest = lines[0].text, [line.text for line in lines[1:]]
        numbered = _ORIENTATION.match(first)
        doubts = []
        if numbered:
            title, statement, subs = "", numbered[2], []
            lettered = _LETTERED.match(statement)
            if lettered:
                statement, subs = "", [lettered[2]]
            for text in rest:
                lettered = _LETTERED.match(text)
                if lettered or subs:
                    subs.append(lettered[2] if lettered else text)
                elif title or not statement:
                    statement = "\n".join(filter(None, [statement, text]))
                else:  # "1. Title", then its statement in a paragraph of its own
                    title, statement = statement[:200], text
        else:
            title, statement, subs = first[:200], " ".join(rest), []
            if not sure:
                doubts.append(_("Read as an unnumbered orientation: check it is not an action."))
        self.orientations.append({
            "numbered": bool(numbered), "title": title, "statement": statement,
            "sub_statements": subs, "actions": [], "source": source, "doubts": doubts,
        })

    def add_action(self, by_role: dict[str, list[Line]], source: str) -> None:
        if not self.orientations:
            self.orientations.append({
                "numbered": False, "title": _("Orientation"), "statement": "",
                "sub_statements": [], "actions": [], "source": source,
                "doubts": [_("The table has an action before any orientation.")],
            })
        what_lines = by_role["what"]
        stated = outcome_named(what_lines[-1].text) if len(what_lines) > 1 else None
        if stated:  # "Résultat : Reportée", as UnionPlans writes it under QUOI
            what_lines = what_lines[:-1]
        what = _ACTION_NUMBER.sub("", what_lines[0].text, count=1)
        what = "\n".join([what, *(line.text for line in what_lines[1:])]).strip()
        action = {
            "what": what,
            "responsible": ", ".join(line.text for line in by_role["who"])[:200],
            "outcome": stated or Action.Outcome.UPCOMING.value, "stated": bool(stated),
            "outcome_reason": "", "outcome_text": "",
            "steps": [], "follow_ups": [], "source": source, "doubts": [],
        }
        self.orientations[-1]["actions"].append(action)
        self.fill_action(action, by_role)

    def continue_action(self, by_role: dict[str, list[Line]], source: str) -> None:
        action = self.orientations[-1]["actions"][-1]
        if by_role["who"] and not action["responsible"]:
            action["responsible"] = ", ".join(line.text for line in by_role["who"])[:200]
        self.fill_action(action, by_role)

    def fill_action(self, action: dict, by_role: dict[str, list[Line]]) -> None:
        for line in by_role["how"]:
            if line.level and action["steps"]:
                action["steps"][-1]["text"] += "\n" + line.text
            else:
                action["steps"].append(read_step(line.text))
        for line in by_role["follow"]:
            if line.underlined:
                self.set_outcome(action, line.text)
            elif line.level and action["follow_ups"]:
                action["follow_ups"][-1]["text"] += "\n◦ " + line.text
            else:
                action["follow_ups"].append(read_follow_up(line.text))

    def set_outcome(self, action: dict, sentence: str) -> None:
        text = f"{action['outcome_text']} {sentence}".strip()
        action["outcome_text"] = text
        if action["stated"]:
            return
        named = outcome_named(text)
        action["outcome"] = named or Action.Outcome.IN_PROGRESS.value
        doubt = _("The outcome was read from this sentence: check it.")
        if not named and doubt not in action["doubts"]:
            action["doubts"].append(doubt)

    def actions_so_far(self) -> bool:
        return bool(self.orientations and self.orientations[-1]["actions"])

    def skip(self, source: str, cells: list[Cell], reason: str) -> None:
        text = " | ".join(cell.text for cell in cells if cell.text)
        self.skipped.append({"source": source, "text": text[:300], "reason": reason})

    # The lists after the table

    def add_list_items(self, texts: list[str], source: str = "") -> None:
        for text in texts:
            name, _sep, responsible = text.lstrip("-–•◦ ").partition(" — ")
            if name.strip():
                self.lists[self.current_list].append(
                    {"name": name.strip()[:300], "responsible": responsible.strip()[:200]}
                )

    def result(self) -> dict:
        numbers = iter(range(1, len(self.orientations) + 1))
        for orientation in self.orientations:
            # As the plan will number them (plans.selectors.number_orientations).
            orientation["number"] = str(next(numbers)) if orientation["numbered"] else ""
            orientation["lettered"] = [
                (chr(ord("A") + i) if i < 26 else str(i + 1), text)
                for i, text in enumerate(orientation["sub_statements"])
            ]
            for position, action in enumerate(orientation["actions"], start=1):
                split_standard_sentence(action)
                del action["stated"]
                action["number"] = (
                    f"{orientation['number']}.{position}" if orientation["number"] else ""
                )
                action["outcome_label"] = str(Action.Outcome(action["outcome"]).label)
        start, end = mandate_from(self.title)
        if start is None:
            self.doubts.append(
                _("The mandate's years were not found in the title: enter them below.")
            )
        if start:
            self.flag_outside_mandate(start, end)
        return {
            "title": self.title or _("Imported work plan"),
            "mandate_start": start.isoformat() if start else "",
            "mandate_end": end.isoformat() if end else "",
            "orientations": self.orientations,
            **self.lists,
            "skipped": self.skipped,
            "doubts": self.doubts,
        }


    def flag_outside_mandate(self, start: datetime.date, end: datetime.date) -> None:
        first_month = start.replace(day=1)
        for orientation in self.orientations:
            for action in orientation["actions"]:
                for step in action["steps"]:
                    day = step["when_date"] and datetime.date.fromisoformat(step["when_date"])
                    if day and not first_month <= day <= end:
                        step["doubts"].append(
                            _("« %(when)s » is outside the mandate: it will be kept as a "
                              "label.") % {"when": step["when_text"]}
                        )


def outcome_named(text: str) -> str | None:
    """The outcome a sentence names ("Action non réalisée"), or a "Résultat : Reportée"
    line (an outcome's label, in French or English)."""
    match = _OUTCOME_LINE.match(text.strip())
    if match:
        return OUTCOME_LABELS.get(normalized(match[1]))
    key = normalized(text)
    return next((outcome.value for words, outcome in OUTCOME_WORDS if words in key), None)


def _outcome_labels() -> dict[str, str]:
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels.update({normalized(str(o.label)): o.value for o in Action.Outcome})
    return labels


def split_standard_sentence(action: dict) -> None:
    """"Action non réalisée (pandémie)", the sentence the app writes for an outcome and its
    reason, is stored as that outcome and reason, not as a sentence of its own."""
    sentence = OUTCOME_SENTENCES.get(action["outcome"])
    if not sentence or not action["outcome_text"]:
        return
    with translation.override("fr"):
        standard = normalized(str(sentence))
    match = re.match(r"^(.*?)\s*(?:\(([^()]*)\))?$", action["outcome_text"])
    if normalized(match[1]) == standard:
        action["outcome_reason"] = (match[2] or "")[:200]
        action["outcome_text"] = ""


def read_plan(document) -> dict:
    return read_document(PlanReader().read, document)


OUTCOME_LABELS = SimpleLazyObject(_outcome_labels)


def read_step(text: str) -> dict:
    """ "Mettre sur pied l'unité (mars 2020)" → its text and its when."""
    step = {"text": text, "when_kind": Step.When.NONE.value, "when_date": "",
            "when_label": "", "when_text": "", "doubts": []}
    match = _TRAILING_PARENTHESES.search(text)
    if not match:
        return step
    inside = " ".join(match[1].split())
    month = month_year(inside)
    day, invalid = full_date(inside)
    if day and _is_only_date(inside):
        step.update(when_kind=Step.When.DATE.value, when_date=day.isoformat())
    elif month:
        step.update(when_kind=Step.When.MONTH.value, when_date=month.isoformat())
    elif _YEAR.search(inside) or any(w in normalized(inside) for w in _LABEL_WORDS):
        step.update(when_kind=Step.When.LABEL.value, when_label=inside[:200])
        if mentions_a_month(inside) or invalid:
            step["doubts"].append(_("« %(when)s » was kept as a label, not a date.")
                                  % {"when": inside})
    elif mentions_a_month(inside):
        step.update(when_kind=Step.When.LABEL.value, when_label=inside[:200])
        step["doubts"].append(_("« %(when)s » has no year: it was kept as a label.")
                              % {"when": inside})
    else:
        return step  # "(communication, rencontres, etc.)": part of the text
    step.update(text=text[: match.start()].strip(), when_text=inside)
    return step


def _is_only_date(text: str) -> bool:
    return len(normalized(text).split()) == 3


def read_follow_up(text: str) -> dict:
    """A SUIVI bullet; its date is the one written in it ("AG du 28 février 2020")."""
    prefix = _DATE_PREFIX.match(text)
    day, invalid = full_date(text)
    if prefix and day:
        text = text[prefix.end():]
    follow_up = {"text": text, "date": day.isoformat() if day else "", "doubts": []}
    if invalid:
        follow_up["doubts"].append(_("A date written in this follow-up does not exist."))
    return follow_up


def mandate_from(title: str) -> tuple[datetime.date | None, datetime.date | None]:
    """ "Plan de travail 2019-2022" → June 2019 to June 2022, as the seeds' mandates run."""
    match = re.search(r"((?:19|20)\d\d)\s*[-–/à]+\s*((?:19|20)\d\d)", title)
    if not match or int(match[2]) <= int(match[1]):
        return None, None
    return datetime.date(int(match[1]), 6, 1), datetime.date(int(match[2]), 6, 30)


def counts(data: dict) -> dict:
    """How many of each row the preview will create, and how many doubts it has."""
    actions = [a for o in data["orientations"] for a in o["actions"]]
    rows = [*data["orientations"], *actions]
    rows += [row for a in actions for row in (*a["steps"], *a["follow_ups"])]
    return {
        "orientations": len(data["orientations"]),
        "actions": len(actions),
        "steps": sum(len(a["steps"]) for a in actions),
        "follow_ups": sum(len(a["follow_ups"]) for a in actions),
        "doubts": sum(len(row["doubts"]) for row in rows) + len(data["doubts"]),
        "skipped": len(data["skipped"]),
    }
