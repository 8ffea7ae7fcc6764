"""The French catalogue is complete and compiled, plurals included, and dates and day
counts read the French way."""

import datetime
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) "(.*)"$')


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], match[0]), text)


@dataclass
class Entry:
    """One entry of a .po file: `msgstr` holds one text, or one per plural form."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr.values())


def po_entries(path: Path) -> list[Entry]:
    """Every live entry of a .po file (header and obsolete `#~` entries left out)."""
    entries, entry, target = [], Entry(), None

    def close():
        nonlocal entry, target
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry, target = Entry(), None

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            close()
        elif line.startswith("#,"):
            entry.fuzzy = entry.fuzzy or "fuzzy" in line[2:].replace(",", " ").split()
        elif line.startswith("#"):
            continue  # comments, references, previous msgids (#|) and obsolete entries (#~)
        elif match := KEYWORD.match(line):
            keyword, index, text = match[1], match[2], unescape(match[3])
            if keyword == "msgid" and (entry.msgid or entry.msgstr):
                close()  # entries not separated by a blank line
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = text
            else:
                target = (keyword, None)
                setattr(entry, keyword, text)
        elif line.startswith('"') and line.endswith('"') and target:
            text = unescape(line[1:-1])
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += text
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + text)
        else:
            raise AssertionError(f"{path.name}: cannot read {line!r}")
    return [e for e in entries if e.msgid]  # the header has an empty msgid


def compiled() -> gettext.GNUTranslations:
    with open(LOCALE / "django.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)


def test_the_reader_handles_plurals_contexts_and_fuzzy_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#, python-format\nmsgid "%(days)s day"\nmsgid_plural "%(days)s days"\n'
        'msgstr[0] "%(days)s jour"\nmsgstr[1] ""\n\n'
        'msgctxt "month"\nmsgid "May"\nmsgstr "mai"\n\n'
        '#, fuzzy\n#| msgid "Old"\nmsgid "Say \\"hi\\"\\n"\nmsgstr ""\n"Dis "\n"« salut »"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Parti"\n',
        encoding="utf-8",
    )
    plural, month, fuzzy = po_entries(po)
    assert (plural.msgid_plural, plural.msgstr, plural.translated) == (
        "%(days)s days", {0: "%(days)s jour", 1: ""}, False
    )
    assert (month.msgctxt, month.msgstr, month.translated) == ("month", {0: "mai"}, True)
    assert (fuzzy.msgid, fuzzy.msgstr[0], fuzzy.fuzzy, fuzzy.translated) == (
        'Say "hi"\n', "Dis « salut »", True, False
    )


def test_every_string_is_translated():
    entries = po_entries(LOCALE / "django.po")
    assert entries
    assert any(entry.msgid_plural for entry in entries)
    assert [entry.msgid for entry in entries if not entry.translated] == []
    for entry in entries:
        assert len(entry.msgstr) == (2 if entry.msgid_plural else 1), entry.msgid


def test_the_compiled_catalogue_matches_the_po_file():
    catalogue = compiled()
    # French: 0 and 1 take the singular, 2 and more the plural (`Plural-Forms` of the .po).
    assert [catalogue.plural(n) for n in (0, 1, 2, 12)] == [0, 0, 1, 1]
    for entry in po_entries(LOCALE / "django.po"):
        if entry.msgid_plural is None:
            translated = (
                catalogue.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else catalogue.gettext(entry.msgid)
            )
            assert translated == entry.msgstr[0], entry.msgid
            continue
        for n in (1, 2, 12):
            translated = (
                catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt is not None
                else catalogue.ngettext(entry.msgid, entry.msgid_plural, n)
            )
            assert translated == entry.msgstr[catalogue.plural(n)], (entry.msgid, n)


def long_date(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return Template("{% load dates %}{{ day|long_date }}").render(Context({"day": day}))


def test_dates_read_the_french_way():
    assert long_date(datetime.date(2021, 11, 18), "fr-ca") == "18 novembre 2021"
    assert long_date(datetime.date(2020, 5, 1), "fr-ca") == "1er mai 2020"
    assert long_date(datetime.date(2020, 5, 1), "en") == "May 1, 2020"
    assert long_date(None, "fr-ca") == ""


def days_left(days: int, language: str, overdue: bool = False) -> str:
    with translation.override(language):
        return render_to_string("vpp/_days_left.html", {"days": days, "overdue": overdue})


def test_days_left_read_in_words_singular_and_plural():
    assert days_left(1, "fr-ca") == "1 jour"
    assert days_left(3, "fr-ca") == "3 jours"
    assert days_left(1, "fr-ca", overdue=True) == "En retard de 1 jour"
    assert days_left(12, "fr-ca", overdue=True) == "En retard de 12 jours"
    assert days_left(1, "en") == "1 day"
    assert days_left(3, "en") == "3 days"
    assert days_left(1, "en", overdue=True) == "Overdue by 1 day"
    assert days_left(12, "en", overdue=True) == "Overdue by 12 days"


def test_a_deadline_rule_counts_its_days_in_words():
    from vpp.deadlines import DayKind
    from vpp.models import DeadlineRule

    def duration(days, kind, language):
        with translation.override(language):
            return DeadlineRule(days=days, day_kind=kind).duration

    assert duration(1, DayKind.CALENDAR, "fr-ca") == "1 jour de calendrier"
    assert duration(30, DayKind.CALENDAR, "fr-ca") == "30 jours de calendrier"
    assert duration(1, DayKind.WORKING, "fr-ca") == "1 jour ouvrable"
    assert duration(10, DayKind.WORKING, "fr-ca") == "10 jours ouvrables"
    assert duration(1, DayKind.CALENDAR, "en") == "1 calendar day"
    assert duration(10, DayKind.WORKING, "en") == "10 working days"


def test_times_read_the_quebec_way_whole_hours_without_minutes():
    from unionplans.dates import time_of_day

    def at(hour, minute, language):
        moment = timezone.make_aware(datetime.datetime(2026, 3, 2, hour, minute))
        with translation.override(language):
            return time_of_day(moment)

    assert at(10, 0, "fr-ca") == "10\xa0h"
    assert at(14, 35, "fr-ca") == "14\xa0h\xa035"
    assert at(9, 5, "fr-ca") == "9\xa0h\xa005"
    assert at(10, 0, "en") == "10 a.m."
    assert at(14, 35, "en") == "2:35 p.m."


def test_the_project_s_french_time_format_is_the_locale_s():
    from django.utils.formats import get_format

    with translation.override("fr-ca"):
        assert get_format("TIME_FORMAT") == "G\xa0\\h\xa0i"
        # The rest stays Django's own fr-ca.
        assert get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


# Django's own French, which a bare msgid of ours would replace everywhere, the admin
# included ("Go" on its action button): our generic words carry a context instead.
# Only these Quebec words knowingly replace Django's ("courriel", not "électronique").
QUEBEC_OVER_DJANGO = {"Email address", "email address"}


def django_french() -> dict[str, str]:
    from django.apps import apps

    catalogues = [Path(django.__file__).parent / "conf" / "locale"]
    catalogues += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    french = {}
    for folder in catalogues:
        mo = folder / "fr" / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            with open(mo, "rb") as file:
                french.update(
                    (key, text) for key, text in gettext.GNUTranslations(file)._catalog.items()
                    if isinstance(key, str) and "\x04" not in key
                )
    return french


def test_no_bare_msgid_of_ours_overrides_django_s_own_french():
    theirs = django_french()
    assert theirs["Go"] == "Envoyer" and theirs["Search"] == "Rechercher"
    overridden = [
        (entry.msgid, theirs[entry.msgid], entry.msgstr[0])
        for entry in po_entries(LOCALE / "django.po")
        if entry.msgctxt is None and entry.msgid_plural is None and entry.msgid in theirs
        and theirs[entry.msgid] != entry.msgstr[0] and entry.msgid not in QUEBEC_OVER_DJANGO
    ]
    assert overridden == []


def test_generic_words_read_by_their_context():
    from django.utils.translation import pgettext

    with translation.override("fr-ca"):
        assert pgettext("action outcome", "Done") == "Réalisée"
        assert pgettext("entraide row state", "Done") == "Fait"
        assert pgettext("VPP decision", "Go") == "Aller de l'avant"
        assert pgettext("VPP decision", "No-go") == "Ne pas donner suite"
        assert pgettext("search field", "Search") == "Recherche"
        assert pgettext("search button", "Search") == "Rechercher"
        assert translation.gettext("Go") == "Envoyer"  # Django's admin button, untouched


def test_the_catalogue_writes_one_apostrophe():
    curly = [entry.msgid for entry in po_entries(LOCALE / "django.po")
             if any("’" in text for text in entry.msgstr.values())]
    assert curly == []


def test_the_admin_speaks_django_s_french(client, superuser):
    import io

    from django.core.management import call_command

    call_command("loaddemo", allow_production=True, stdout=io.StringIO())
    client.force_login(superuser)
    text = client.get("/admin/vpp/dossier/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="0">Envoyer</button>' in text  # the action button
    assert '<input type="submit" value="Rechercher">' in text
    assert '<h2 id="changelist-filter-header">Filtre</h2>' in text
    assert ">Déconnexion</button>" in text


def test_pages_print_times_the_quebec_way():
    moment = timezone.make_aware(datetime.datetime(2021, 11, 18, 10, 0))
    with translation.override("fr-ca"):
        text = Template("{% load dates %}{{ at|long_date }}, {{ at|time_of_day }}").render(
            Context({"at": moment}))
    assert text == "18 novembre 2021, 10\xa0h"
