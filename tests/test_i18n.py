"""The French catalogue is complete and compiled, and dates read the French way."""

import datetime
import gettext
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"


def po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of a .po file, header excluded."""
    entries, current, fuzzy, field = [], {}, False, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append((current["msgid"], current.get("msgstr", ""), fuzzy))
            current, fuzzy, field = {}, False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif match := re.match(r'(msgid|msgstr) "(.*)"$', line):
            field = match[1]
            current[field] = match[2]
        elif line.startswith('"') and field:
            current[field] += line[1:-1]
    unescape = lambda s: s.encode().decode("unicode_escape").encode("latin-1").decode()  # noqa: E731
    return [(unescape(i), unescape(s), f) for i, s, f in entries]


def test_every_string_is_translated():
    entries = po_entries(LOCALE / "django.po")
    assert entries
    assert [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy] == []


def test_the_compiled_catalogue_matches_the_po_file():
    with open(LOCALE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, msgstr, _ in po_entries(LOCALE / "django.po"):
        assert catalogue.gettext(msgid) == msgstr, msgid


def long_date(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return Template("{% load dates %}{{ day|long_date }}").render(Context({"day": day}))


def test_dates_read_the_french_way():
    assert long_date(datetime.date(2021, 11, 18), "fr-ca") == "18 novembre 2021"
    assert long_date(datetime.date(2020, 5, 1), "fr-ca") == "1er mai 2020"
    assert long_date(datetime.date(2020, 5, 1), "en") == "May 1, 2020"
    assert long_date(None, "fr-ca") == ""
