"""A plan as Word (seed 004's layout) and Excel files, and its bilan as Word.

The Word plan is the table of seed 004: QUOI | COMMENT et QUAND | QUI | SUIVI, one merged
bold row per orientation, one row per action, then the two lists. Its French headers and
list titles are the seed's own words, not translations: they are what the .docx import
recognizes, so a plan written here reads back as the same plan. For that too, a done
action's SUIVI ends with « Action réalisée » (the PDF prints no sentence for it).
"""

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from unionplans import office
from unionplans.templatetags.dates import long_date

from . import selectors
from .models import Action, FollowUp, Orientation, WorkPlan

# The seed's words (see the module's docstring).
HEADERS = ("QUOI", "COMMENT et QUAND", "QUI", "SUIVI")
STATUTORY_FILES = "Dossiers statutaires"
DELEGATIONS = "Organismes et délégations"
SUB_BULLET = "◦ "  # how a nested line of a follow-up is stored (plans/seed_004.py)

PLAN_COLUMNS = (24, 32, 8, 36)  # as the PDF's <colgroup>
LIST_COLUMNS = (1, 1, 1)
BILAN_COLUMNS = (8, 56, 20, 16)  # No. | QUOI | Reason | QUI, the same for every outcome
COUNT_COLUMNS = (3, 1)
SUB_INDENT = Mm(6)


def plan_docx(plan: WorkPlan) -> bytes:
    with translation.override(office.LANGUAGE):
        orientations = selectors.plan_tree(plan)
        statutory_files, delegations = selectors.plan_lists(plan)
        document = office.landscape_document(title=plan.title)
        office.heading(document, plan.title, size=14)
        table = office.table(document, HEADERS, PLAN_COLUMNS)
        for orientation in orientations:
            write_orientation(office.merge_row(office.add_row(table)), orientation)
            for action in orientation.actions.all():
                write_action(office.add_row(table), action)
        for title, items in [(STATUTORY_FILES, statutory_files), (DELEGATIONS, delegations)]:
            if items:
                office.heading(document, title)
                write_list(document, items)
        return office.document_bytes(document)


def orientation_lines(orientation: Orientation) -> list[str]:
    """The paragraphs of an orientation's row: "1. <statement>" (or "1. <title>" and the
    statement) then "A) …", "B) …"; unnumbered, its title then its statement."""
    lettered = [f"{letter}) {text}" for letter, text in orientation.lettered_sub_statements]
    if orientation.number:
        # "1. Title" then the statement in its own paragraph, as plans.imports reads it back.
        heads = [line for line in [orientation.title, orientation.statement.strip()] if line]
        if not heads and lettered:
            heads = [lettered.pop(0)]
        return [f"{orientation.number}. {heads[0]}", *heads[1:], *lettered]
    return [line for line in [orientation.title, orientation.statement.strip()] if line] + lettered


def write_orientation(cell, orientation: Orientation) -> None:
    for line in orientation_lines(orientation):
        office.paragraph(cell, line, bold=True)


def write_action(row, action: Action) -> None:
    what, how, who, follow_up = row.cells
    office.paragraph(what, f"{action.number} {action.what}" if action.number else action.what)
    if action.outcome != Action.Outcome.UPCOMING:  # as the page's badge under QUOI
        office.paragraph(what, office.Text(outcome_label(action), italic=True))
    for step in action.step_list:
        when = f" ({step.when_text})" if step.when_text else ""
        office.paragraph(how, f"- {step.text}{when}")
    office.paragraph(who, action.responsible, align=WD_ALIGN_PARAGRAPH.CENTER)
    for entry in action.follow_up_list:
        write_follow_up(follow_up, entry)
    if sentence := outcome_sentence(action):
        office.paragraph(follow_up, "- ", office.Text(sentence, underline=True))


def write_follow_up(cell, follow_up: FollowUp) -> None:
    """"- <date> : <text>", its "◦ " lines as indented "o " paragraphs (as the seed)."""
    lines = [line.strip() for line in follow_up.text.splitlines() if line.strip()]
    if not lines:
        return
    prefix = f"{follow_up.date_prefix} : " if follow_up.date_prefix else ""
    current = office.paragraph(cell, f"- {prefix}{lines[0]}")
    for line in lines[1:]:
        if line.startswith(SUB_BULLET.strip()):
            text = line.removeprefix(SUB_BULLET.strip()).strip()
            current = office.paragraph(cell, f"o {text}", indent=SUB_INDENT)
        else:  # a line of the same entry, as the PDF's line break
            current.add_run().add_break()
            current.add_run(office.clean(line))


def outcome_sentence(action: Action) -> str:
    return action.outcome_sentence


def outcome_label(action: Action) -> str:
    """"Résultat : Reportée": read back by plans.imports, so the outcome survives Word."""
    return _("Outcome: %(outcome)s") % {"outcome": action.get_outcome_display()}


def write_list(document, items) -> None:
    """Three columns without borders, filled row by row: "- <name> — <responsible>"."""
    table = office.table(document, (), LIST_COLUMNS, borders=False)
    width = len(LIST_COLUMNS)
    for start in range(0, len(items), width):
        row = office.add_row(table)
        for cell, item in zip(row.cells, items[start:start + width], strict=False):
            responsible = f" — {item.responsible}" if item.responsible else ""
            office.paragraph(cell, f"- {item.name}{responsible}")


# The bilan


def bilan_docx(plan: WorkPlan) -> bytes:
    """The assessment: how many actions ended how, then the actions of each outcome."""
    with translation.override(office.LANGUAGE):
        orientations = selectors.plan_tree(plan)
        progress = selectors.progress_of(orientations)
        groups = selectors.plan_bilan(orientations)
        title = f"{_('Assessment')} — {plan.title}"
        document = office.landscape_document(title=title)
        office.heading(document, title, size=14)
        mandate = _("Mandate from %(start)s to %(end)s") % {
            "start": long_date(plan.mandate_start), "end": long_date(plan.mandate_end),
        }
        office.paragraph(document, f"{mandate} · {plan.get_state_display()}")
        office.paragraph(document, _("%(done)s of %(total)s actions done (%(percent)s %%)") % {
            "done": progress.done, "total": progress.total, "percent": progress.percent_done,
        })
        counts = office.table(document, (_("Outcome"), _("Actions")), COUNT_COLUMNS)
        counts.alignment = WD_TABLE_ALIGNMENT.LEFT
        for label, count in [*((g.label, len(g.actions)) for g in groups),
                             (_("Total"), progress.total)]:
            label_cell, count_cell = office.add_row(counts).cells
            office.paragraph(label_cell, str(label))
            office.paragraph(count_cell, str(count), align=WD_ALIGN_PARAGRAPH.RIGHT)
        headers = (_("No."), "QUOI", _("Reason"), "QUI")
        for group in groups:
            if not group.actions:
                continue
            office.heading(document, f"{group.label} ({len(group.actions)})")
            table = office.table(document, headers, BILAN_COLUMNS)
            for action in group.actions:
                number, what, reason, who = office.add_row(table).cells
                office.paragraph(number, action.number or action.orientation_label)
                office.paragraph(what, action.what)
                if action.outcome_text:
                    office.paragraph(what, office.Text(action.outcome_text, italic=True))
                office.paragraph(reason, action.outcome_reason)
                office.paragraph(who, action.responsible)
        return office.document_bytes(document)


# Excel


def plan_xlsx(plan: WorkPlan, orientations: list[Orientation] | None = None) -> bytes:
    """Two sheets: the actions (one row each, with how many steps and follow-ups) and
    their steps. `orientations` is `selectors.plan_tree(plan)`, read here if not given.

    The plan's page has no filters (plans/filters.py filters the list of plans), so the
    workbook holds the whole plan, as the page and the PDF do.
    """
    with translation.override(office.LANGUAGE):
        if orientations is None:
            orientations = selectors.plan_tree(plan)
        actions, steps = [], []
        for orientation in orientations:
            label = next(iter(orientation_lines(orientation)), "")
            for action in orientation.actions.all():
                number = action.number or orientation.title
                action_steps = action.step_list
                actions.append([
                    number, label, action.what, action.responsible,
                    action.get_outcome_display(), len(action_steps),
                    len(action.follow_up_list),
                ])
                steps += [[number, step.text, step.when_text, step.when_date]
                          for step in action_steps]
        workbook = office.new_workbook()
        office.add_sheet(workbook, _("Actions"), [
            _("No."), _("Orientation"), "QUOI", "QUI", _("Outcome"), _("Number of steps"),
            _("Number of follow-ups"),
        ], actions)
        office.add_sheet(workbook, _("Steps"), [
            _("Action no."), _("Step"), _("When"), _("Date"),
        ], steps)
        return office.workbook_bytes(workbook)
