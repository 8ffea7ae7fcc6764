"""Reading an uploaded Word document for the imports of plans and entraide plans.

What every import shares: the upload limit (checked while the request is read, before
the file is kept anywhere), opening a .docx safely, walking its tables cell by cell with
merged cells resolved, reading a cell's lines with their list level and underline,
recognising French dates, and carrying the parsed preview to the confirmation in a
signed form field, so that no uploaded file is ever stored.

Each app's `imports` module turns these into its own rows; nothing here knows a plan.
"""

import datetime
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

MAX_UPLOAD = 10 * 1024 * 1024  # a Word plan of 300 actions is well under 1 MB
# What a .docx's text may hold once unzipped (zip bombs): a 300-action plan's is ~2 MB.
MAX_UNPACKED = 10 * 1024 * 1024
MAX_ROWS = 3_000  # table rows read from one document: 300 actions are about 330
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview can be confirmed

TOO_LARGE = gettext_lazy(
    "This file is too large: %(max)d MB at most."
)


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: skips the files of a request past MAX_UPLOAD.

    The request's announced length is checked before its first file byte is received, and
    the bytes of all its files are counted as they come (a length can lie): a skipped file
    is never stored, not even in a temporary file. It leaves `request.upload_too_large`
    set, for the view to say so.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        self.too_large = content_length > MAX_UPLOAD + 64 * 1024  # room for the other fields

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.too_large:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        self.request.upload_too_large = True
        raise SkipFile()


def upload_refusal(request) -> str | None:
    """The French message for an upload that LimitedUploadHandler skipped, if any."""
    if getattr(request, "upload_too_large", False):
        return TOO_LARGE % {"max": MAX_UPLOAD // (1024 * 1024)}
    return None


def open_docx(upload):
    """The python-docx Document of an upload, or a ValidationError saying what is wrong."""
    import docx  # imported here: only an import needs it

    if upload.size > MAX_UPLOAD:
        raise ValidationError(TOO_LARGE, code="too_large",
                              params={"max": MAX_UPLOAD // (1024 * 1024)})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: an old .doc, or a .docx that Word encrypted with a password.
        raise ValidationError(
            _("This file is an old Word document (.doc) or is protected by a password. "
              "Open it in Word, remove the password if any, and save it as .docx."),
            code="protected",
        )
    if not head.startswith(b"PK"):
        raise ValidationError(
            _("This file is not a Word document (.docx). Save the plan from Word as .docx "
              "and try again."),
            code="not_docx",
        )
    corrupt = damaged()
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist()
                           if info.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise corrupt from None
    if "word/document.xml" not in names:
        raise ValidationError(
            _("This file is not a Word document (.docx). Save the plan from Word as .docx "
              "and try again."),
            code="not_docx",
        )
    if unpacked > MAX_UNPACKED:
        raise ValidationError(TOO_LARGE, code="too_large",
                              params={"max": MAX_UNPACKED // (1024 * 1024)})
    upload.seek(0)
    try:
        return docx.Document(upload)
    except Exception:  # python-docx raises whatever lxml or zipfile raise on a bad part
        raise corrupt from None


def damaged() -> ValidationError:
    return ValidationError(
        _("This Word document could not be read: it may be damaged. Open it in Word, save "
          "it again as .docx and try again."),
        code="corrupt",
    )


def read_document(read: Callable, document) -> dict:
    """`read(document)`, for a document of a size a plan can have; what python-docx cannot
    parse in it (an attribute such as gridSpan="x") is answered as a damaged document."""
    from docx.exceptions import InvalidXmlError

    if len(document.element.body.xpath(".//w:tr")) > MAX_ROWS:
        raise ValidationError(
            _("This document's tables have more than %(max)d rows: it is not a plan."),
            code="too_many_rows", params={"max": MAX_ROWS},
        )
    try:
        return read(document)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError,
            InvalidXmlError) as error:
        logger.warning("Unreadable Word document: %r", error)
        raise damaged() from None


# Text


def normalized(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: "Comment et quand ?" →
    "comment et quand"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def is_blank(text: str) -> bool:
    """Empty, or only the underscores of a form to fill in ("_____")."""
    return not re.sub(r"[\s_]+", "", text)


MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTH = "|".join(MONTHS)
_FULL_DATE = re.compile(rf"\b(1er|[0-3]?\d)\s+({_MONTH})\s+((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"^({_MONTH})\s+((?:19|20)\d\d)$")


def full_date(text: str) -> tuple[datetime.date | None, bool]:
    """The first "28 février 2020" written in a text, and whether one was seen but invalid
    ("31 février 2020")."""
    match = _FULL_DATE.search(normalized(text))
    if not match:
        return None, False
    day = 1 if match[1] == "1er" else int(match[1])
    try:
        return datetime.date(int(match[3]), MONTHS[match[2]], day), False
    except ValueError:
        return None, True


def month_year(text: str) -> datetime.date | None:
    """"décembre 2019" → 1 December 2019; anything else → None."""
    match = _MONTH_YEAR.match(normalized(text))
    return datetime.date(int(match[2]), MONTHS[match[1]], 1) if match else None


def mentions_a_month(text: str) -> bool:
    return any(word in MONTHS for word in normalized(text).split())


# Tables and cells


@dataclass
class Line:
    """One line of a cell: a paragraph, or a part of one cut by a line break."""

    text: str
    level: int = 0  # 0 for a bullet, 1 for a sub-bullet ("o …" in the seeds)
    underlined: bool = False


@dataclass
class Cell:
    column: int  # the first grid column it covers
    span: int  # how many grid columns it covers
    lines: list[Line] = field(default_factory=list)
    continued: bool = False  # the lower part of a vertical merge: the cell above goes on

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# Bullet characters Word users type by hand, and the one "o" the seeds use for sub-bullets.
_BULLET = re.compile(r"^\s*([-–—•·▪●*]|o(?=\s)|◦)\s*")
_SUB_BULLETS = ("o", "◦")


def table_rows(table) -> Iterator[list[Cell]]:
    """Each row of a python-docx table as its cells, merged cells counted once."""
    from docx.table import _Cell

    for tr in table._tbl.tr_lst:
        column = tr.grid_before
        cells = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            cell = Cell(column=column, span=span, continued=tc.vMerge == "continue")
            if not cell.continued:
                cell.lines = cell_lines(_Cell(tc, table))
            cells.append(cell)
            column += span
        yield cells


def pasted_lines(text: str) -> list[str]:
    """The non-empty lines of text pasted in a form, each without the bullet typed before
    it ("- ", "• ", "o "), as a Word cell's lines are read."""
    return [_BULLET.sub("", line, count=1).strip() for line in text.splitlines()
            if _BULLET.sub("", line, count=1).strip()]


def cell_lines(cell) -> list[Line]:
    """The non-empty lines of a cell, their bullets removed and their level kept."""
    lines = []
    for paragraph in cell.paragraphs:
        level = _list_level(paragraph)
        for index, (text, underlined) in enumerate(_paragraph_parts(paragraph)):
            marker = _BULLET.match(text)
            if marker:
                if marker[1] in _SUB_BULLETS:
                    level = max(level, 1)
                text = text[marker.end():]
            text = " ".join(text.split())
            if is_blank(text):
                continue
            if index and not marker and lines:
                # After a line break without a bullet, the same item goes on.
                lines[-1].text += "\n" + text
            else:
                lines.append(Line(text, level, underlined))
    return lines


def _list_level(paragraph) -> int:
    """Word's own list level (0, 1…), or 1 for a paragraph indented like a sub-bullet."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None and p_pr.numPr.ilvl is not None:
        return min(int(p_pr.numPr.ilvl.val), 1)
    indent = paragraph.paragraph_format.left_indent
    return 1 if indent is not None and indent.cm >= 1.5 else 0


def _paragraph_parts(paragraph) -> list[tuple[str, bool]]:
    """A paragraph's text cut at its line breaks, each part with whether all of its
    letters are underlined."""
    parts: list[list] = [["", []]]
    for run in _runs(paragraph):
        for piece in re.split(r"(\n)", run.text):
            if piece == "\n":
                parts.append(["", []])
            elif piece:
                part = parts[-1]
                part[0] += piece
                if re.search(r"\w", piece):  # a bullet's "- " is often not underlined
                    part[1].append(bool(run.underline))
    return [(text, all(u) and bool(u)) for text, u in parts if text]


def _runs(paragraph) -> list:
    """Every run of a paragraph, those inside a hyperlink, a tracked insertion or a smart
    tag included (python-docx's `paragraph.runs` skips them); deleted text is not text."""
    from docx.text.run import Run

    return [Run(r, paragraph) for r in paragraph._p.xpath(".//w:r[not(ancestor::w:del)]")]


class DocumentReader:
    """Reads a document's paragraphs and tables in order; each app's reader says what
    they mean (`read_paragraph`, `read_table`) and what to answer when no table had the
    plan's header (`no_header`)."""

    no_header = ""

    def __init__(self):
        self.found_header = False

    def read(self, document) -> dict:
        tables = 0
        for block in body(document):
            if hasattr(block, "rows"):
                tables += 1
                self.read_table(block, tables)
            else:
                self.read_paragraph(block.text)
        if not self.found_header:
            raise ValidationError(self.no_header, code="no_header")
        return self.result()

    def read_paragraph(self, text: str) -> None:
        raise NotImplementedError

    def read_table(self, table, number: int) -> None:
        raise NotImplementedError

    def result(self) -> dict:
        raise NotImplementedError


def body(document) -> Iterator:
    """The document's paragraphs and tables, in reading order."""
    return document.iter_inner_content()


def header_roles(cells: list[Cell], roles: dict[str, tuple[str, ...]]) -> dict[int, str]:
    """The columns of a header row, by meaning: {grid column: role}.

    `roles` gives each role the words that name it ({"how": ("comment", "quand")}); a cell
    takes the first role not yet taken that one of its words names.
    """
    found: dict[int, str] = {}
    for cell in cells:
        words = normalized(cell.text).split()
        for role, names in roles.items():
            if role not in found.values() and any(name in words for name in names):
                found[cell.column] = role
                break
    return found


# The preview, carried signed from the upload to the confirmation


def sign_preview(data: dict, salt: str) -> str:
    return signing.dumps(data, salt=salt, compress=True)


def read_preview(token: str, salt: str) -> dict:
    try:
        return signing.loads(token, salt=salt, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(
            _("This preview has expired or was changed: upload the file again."),
            code="preview_expired",
        ) from None
