"""An entraide plan as Word, in seed 002's layout (as its PDF).

The header lines, then the six-column table; a row whose objective is empty continues the
objective above, and its Objectifs cell is merged into that one, as in the seed. Like the
PDF, it is confidential: its views need the ENTRAIDE ability, and each page says so.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionplans import office
from unionplans.templatetags.dates import long_date

from . import seed_002, selectors
from .models import EntraidePlan

PLAN_TITLE = gettext_lazy("Action plan: peer support committee")
COLUMNS = (17, 20, 21, 17, 13, 12)  # near the PDF's <colgroup>; « Responsables » on one line
BLANK = "____________________"  # a line to write on, as the seed's empty fields


def plan_docx(plan: EntraidePlan) -> bytes:
    with translation.override(office.LANGUAGE):
        rows = selectors.rows_of(plan)
        document = office.landscape_document(title=str(PLAN_TITLE))
        office.footer(document, _("Confidential: no information about the people helped."))
        office.heading(document, str(PLAN_TITLE), size=14)
        office.paragraph(document, f"{_('Period:')} ",
                         office.Text(plan.period_label or BLANK, bold=True))
        if plan.year:
            office.paragraph(document, f"{_('Year')} : {plan.year}")
        office.paragraph(document, f"{_('Identified need / description of the situation:')} "
                                   f"{plan.need or BLANK}")
        target = plan.target_text or BLANK
        results = " ".join(filter(None, [plan.expected_results.strip(), target]))
        office.paragraph(document, f"{_('Expected results:')} {results}")
        document.add_paragraph()
        table = office.table(document, [
            _("Objectives"), _("Expected results"), _("Means/Actions/Activities"),
            _("Required resources"), _("Responsible people"), _("Schedule"),
        ], COLUMNS)
        leaders = []  # (first row, how many rows its objective spans)
        for row in rows:
            cells = office.add_row(table).cells
            if row.objective_span:
                leaders.append((len(table.rows) - 1, row.objective_span))
                office.paragraph(cells[0], row.objective, bold=True)
            lists = (row.results, row.means, row.resources, row.responsibles, row.schedule)
            for cell, items in zip(cells[1:], lists, strict=True):
                for item in items:
                    office.paragraph(cell, item)
        for first, span in leaders:
            if span > 1:
                table.cell(first, 0).merge(table.cell(first + span - 1, 0))
        if not rows:  # lines to write on, as the PDF prints
            for _blank in range(seed_002.BLANK_ROWS):
                office.add_row(table)
        if plan.review:
            closed = f" ({long_date(plan.closed_on)})" if plan.closed_on else ""
            office.heading(document, f"{_('Year-end review')}{closed} :")
            for line in plan.review.splitlines():
                office.paragraph(document, line)
        return office.document_bytes(document)
