"""Word and Excel files: the only module that writes them (python-docx, openpyxl).

The apps' `exports.py` build their documents with these helpers and serve them with
`download`. Like the PDFs, the files are written in French whatever the request's
language (`LANGUAGE`, as `unionplans.pdf`). This module knows no app.

- A Word document is landscape Letter with narrow margins, in a sans-serif body font.
  Its tables repeat their header row on every page (`w:tblHeader`) and have fixed column
  widths, so Word lays them out as the PDF does.
- A workbook sheet has a bold, frozen header row with an autofilter; dates are real
  dates, and a text that starts with "=" stays a text (never a formula).
- User text may hold characters that XML cannot (control characters): they are dropped.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

LANGUAGE = "fr-ca"  # as unionplans.pdf.PDF_LANGUAGE
BODY_FONT = "Calibri"
BODY_SIZE = Pt(9)
MARGIN = Mm(12)
CENTER = WD_ALIGN_PARAGRAPH.CENTER

DOCX, XLSX = "docx", "xlsx"
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# XML 1.0 allows tab, newline and carriage return, not the other control characters.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text) -> str:
    return NOT_XML.sub("", str(text))


# Word


@dataclass(frozen=True)
class Text:
    """A run of a paragraph with its own look: `Text("Action réalisée", underline=True)`."""

    text: str
    bold: bool = False
    underline: bool = False
    italic: bool = False


def landscape_document(*, title: str = "") -> Document:
    """An empty landscape Letter document with narrow margins and the body font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Inches(11), Inches(8.5)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = Mm(6)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(0)
    run_properties = normal.element.get_or_add_rPr()
    fonts = run_properties.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), BODY_FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-CA")  # Word's spelling checker reads the text as French
    run_properties.append(language)
    document.core_properties.title = clean(title)
    document.core_properties.language = "fr-CA"
    return document


def text_width(document: Document):
    """The width between the margins of the document's (first) section."""
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def widths_of(document: Document, shares: Sequence[float]) -> list[int]:
    """Column widths in EMU from shares of the text width (any unit: they are normalized)."""
    total = sum(shares)
    width = text_width(document)
    return [int(width * share / total) for share in shares]


def heading(document: Document, text: str, *, size: int = 11) -> Paragraph:
    """A bold paragraph that stays with what follows."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(clean(text))
    run.bold = True
    run.font.size = Pt(size)
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def paragraph(container, *parts: str | Text, bold: bool = False, indent=None,
              align=None) -> Paragraph:
    """A paragraph of runs at the end of `container` (a document or a cell).

    A cell is born with one empty paragraph: the first paragraph written into it uses
    that one. A newline in a text is a line break.
    """
    existing = getattr(container, "paragraphs", [])
    if isinstance(container, _Cell) and len(existing) == 1 and not existing[0].runs:
        result = existing[0]
    else:
        result = container.add_paragraph()
    for part in parts:
        part = part if isinstance(part, Text) else Text(part)
        if not part.text:
            continue
        run = result.add_run(clean(part.text))
        run.bold = bold or part.bold or None
        run.underline = part.underline or None
        run.italic = part.italic or None
    if indent is not None:
        result.paragraph_format.left_indent = indent
    if align is not None:
        result.alignment = align
    return result


def table(document: Document, headers: Sequence[str], shares: Sequence[float], *,
          borders: bool = True) -> Table:
    """A table of fixed column widths whose first row, `headers` in bold, is repeated on
    every page; with no headers, a table without a header row."""
    widths = widths_of(document, shares)
    result = document.add_table(rows=0, cols=len(widths))
    if borders:
        result.style = document.styles["Table Grid"]
    else:
        no_borders(result)
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    for column, width in zip(result.columns, widths, strict=True):
        column.width = width
    if headers:
        row = add_row(result)
        repeat_header(row)
        for cell, header in zip(row.cells, headers, strict=True):
            paragraph(cell, header, bold=True, align=CENTER)  # as the PDF's headers
    return result


def add_row(of: Table) -> _Row:
    """A new row whose cells have the table's column widths (Word reads the cells')."""
    row = of.add_row()
    for cell, column in zip(row.cells, of.columns, strict=True):
        cell.width = column.width
    return row


def repeat_header(row: _Row) -> None:
    """Mark `row` as a header row, repeated at the top of each page the table spans."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def merge_row(row: _Row) -> _Cell:
    """Merge the cells of `row` across all the columns; return the merged cell."""
    return row.cells[0].merge(row.cells[-1])


def no_borders(of: Table) -> None:
    properties = of._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    # The schema orders tblPr's children: tblBorders comes before these.
    later = properties.first_child_found_in("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    if later is None:
        properties.append(borders)
    else:
        later.addprevious(borders)


def footer(document: Document, text: str) -> None:
    """A small centred line at the bottom of every page."""
    footer_paragraph = document.sections[0].footer.paragraphs[0]
    footer_paragraph.alignment = CENTER
    run = footer_paragraph.add_run(clean(text))
    run.font.size = Pt(7.5)


def document_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Excel

MAX_COLUMN_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"


def new_workbook() -> Workbook:
    """A workbook without sheets: `add_sheet` adds them in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_sheet(workbook: Workbook, title: str, headers: Sequence[str],
              rows: Iterable[Sequence]) -> Worksheet:
    """A sheet of `rows` under a bold, frozen header row with an autofilter.

    Dates stay dates (shown yyyy-mm-dd); a text is never read as a formula; each column is
    as wide as its longest line, within reason.
    """
    sheet = workbook.create_sheet(clean(title)[:31])
    sheet.append([clean(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(header)) for header in headers]
    for values in rows:
        sheet.append([clean(value) if isinstance(value, str) else value for value in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
                length = len(DATE_FORMAT)
            else:
                if cell.data_type == "f":  # "=…" typed by someone: a text, not a formula
                    cell.data_type = "s"
                text = "" if cell.value is None else str(cell.value)
                length = max((len(line) for line in text.splitlines()), default=0)
            widths[index] = max(widths[index], length)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
    return sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Serving


def download(content: bytes, filename, kind: str) -> HttpResponse:
    """`content` as an attachment named after `filename` (slugified, in French)."""
    with translation.override(LANGUAGE):
        name = slugify(str(filename)) or "document"
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}.{kind}"
    )
    # Documents belong to one organization: browsers may keep them, shared caches may not.
    response["Cache-Control"] = "private, no-cache"
    return response
