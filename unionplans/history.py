"""Who changed what and when on a plan, a dossier or an entraide plan, and in all it holds.

Read from django-simple-history's records. What a page covers is each app's `undo.HISTORY`
({container model: [(model, key to its parent)…]}), found through the app registry. A page
of changes costs a fixed number of queries: the records of every kind are paged together in
one UNION, then each kind's records of the page and the records before them are read at once.
"""

import datetime
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Value
from django.utils.module_loading import module_has_submodule
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy

from .dates import time_of_day
from .people import display_name
from .restore import DELETED, RESTORED, counts_text, history_model, marked, numbering
from .templatetags.dates import date_and_time, long_date

PER_PAGE = 25
# Longer values are said changed, not shown (a statement, a follow-up's text).
SHORT = 80
# Not changes anyone made: the version and the creation time.
SKIPPED = {"created_at", "updated_at"}

KINDS = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
    "restored": pgettext_lazy("history", "restored"),
}

# A deletion or a restore of several rows, said as one.
GROUPS = {
    "-": pgettext_lazy("history", "Deletion"),
    "restored": pgettext_lazy("history", "Restoration"),
}


@cache
def coverage() -> dict[type, list[tuple[type, str]]]:
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module, "undo"):
            continue
        found.update(getattr(import_module(f"{config.name}.undo"), "HISTORY", {}))
    return found


@dataclass
class FieldChange:
    name: str
    old: str = ""
    new: str = ""
    shown: bool = True


@dataclass
class Change:
    when: datetime.datetime
    user: object
    kind: str
    what: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    # A deletion or a restore of several rows at once: what came with the row shown.
    with_text: str = ""

    @property
    def summary(self) -> str:
        """« Suppression : orientation 2 « … », avec 3 actions et 5 étapes », for a group."""
        if not self.with_text:
            return ""
        noun = GROUPS["restored" if self.kind == KINDS["restored"] else "-"]
        what = f"{self.what[:1].lower()}{self.what[1:]}"
        if self.label:
            what = f"{what} « {self.label} »"
        return pgettext("history", "%(deletion)s: %(what)s, with %(things)s") % {
            "deletion": noun, "what": what, "things": self.with_text}

    @property
    def who(self) -> str:
        return display_name(self.user) if self.user is not None else ""

    @property
    def when_text(self) -> str:
        """« 18 novembre 2021 à 10 h 05 »."""
        return date_and_time(self.when)


def _record_sets(obj: models.Model) -> list[tuple[type, models.QuerySet]]:
    """Each kind's historical records under `obj` (rows since deleted included)."""
    container = type(obj)
    sets = [(container, history_model(container).objects.filter(
        **{container._meta.pk.attname: obj.pk}))]
    ids = {container: None}
    for model, parent in coverage().get(container, []):
        history = history_model(model)
        key = model._meta.get_field(parent)
        target = key.related_model
        if target is container:
            records = history.objects.filter(**{key.attname: obj.pk})
        else:
            records = history.objects.filter(**{f"{key.attname}__in": ids[target]})
        ids[model] = records.values(model._meta.pk.attname)
        sets.append((model, records))
    return sets


def _one_per_mark(sets) -> list[tuple[type, models.QuerySet]]:
    """The records of `sets` less those of a deletion or a restore (one mark) that are not
    its first row: the first kind's (kinds come parents first), of that kind the first."""
    grouped = []
    for i, (model, records) in enumerate(sets):
        same = OuterRef("history_change_reason")
        later = Exists(history_model(model).objects.filter(
            history_change_reason=same, history_id__lt=OuterRef("history_id")))
        for earlier, _records in sets[:i]:
            later |= Exists(history_model(earlier).objects.filter(history_change_reason=same))
        grouped.append((model, records.alias(later=later).exclude(marked(), later=True)))
    return grouped


def changes_page(obj: models.Model, number) -> tuple:
    """The page `number` of the changes to `obj` and what it holds, newest first: (page,
    [Change]) for `page` of Django's paginator. A deletion or a restore of several rows at
    once is one change (« orientation « … », with 3 actions and 5 steps »)."""
    sets = _one_per_mark(_record_sets(obj))
    parts = [records.annotate(k=Value(i), hid=F("history_id"), hdate=F("history_date"))
             .values_list("k", "hid", "hdate").order_by()
             for i, (_model, records) in enumerate(sets)]
    union = parts[0].union(*parts[1:], all=True).order_by("-hdate", "-hid")
    page = Paginator(union, PER_PAGE).get_page(number)
    wanted = {}
    for kind, history_id, _date in page.object_list:
        wanted.setdefault(kind, []).append(history_id)
    found = {}
    for kind, history_ids in wanted.items():
        model, records = sets[kind]
        records = _with_previous(model, history_ids)
        if model in numbering():
            numbering()[model](records)
        found.update({(kind, r.history_id): r for r in records})
    counts = _counts(sets, {r.history_change_reason for r in found.values()
                            if (r.history_change_reason or "").startswith((DELETED, RESTORED))})
    changes = []
    for kind, history_id, _date in page.object_list:
        record = found[kind, history_id]
        change = _change(sets[kind][0], record)
        mark = counts.get(record.history_change_reason, {})
        change.with_text = counts_text(
            [(m, n - (m is sets[kind][0])) for m, n in mark.items()])
        changes.append(change)
    return page, changes


def _counts(sets, marks: set[str]) -> dict[str, dict[type, int]]:
    """How many rows of each kind each mark (a deletion, a restore) holds: one query."""
    if not marks:
        return {}
    parts = [history_model(model).objects.filter(history_change_reason__in=marks).order_by()
             .values("history_change_reason").annotate(k=Value(i), n=Count("history_id"))
             .values_list("k", "history_change_reason", "n")
             for i, (model, _records) in enumerate(sets)]
    counts = {}
    for kind, mark, n in parts[0].union(*parts[1:], all=True):
        counts.setdefault(mark, {})[sets[kind][0]] = n
    return counts


def _relations(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _with_previous(model, history_ids: list[int]) -> list:
    """The records `history_ids` of `model`, each with `previous` (the record before it,
    or None): two queries whatever their number."""
    history = history_model(model)
    pk_name = model._meta.pk.attname
    related = ["history_user", *_relations(model)]
    records = list(history.objects.filter(history_id__in=history_ids).select_related(*related))
    latest = max(r.history_date for r in records)
    earlier = history.objects.filter(
        **{f"{pk_name}__in": {getattr(r, pk_name) for r in records}},
        history_date__lte=latest).select_related(*_relations(model)).order_by(
            "history_date", "history_id")
    by_row = {}
    for record in earlier:
        by_row.setdefault(getattr(record, pk_name), []).append(record)
    for record in records:
        before = [r for r in by_row[getattr(record, pk_name)]
                  if (r.history_date, r.history_id) < (record.history_date, record.history_id)]
        record.previous = before[-1] if before else None
    return records


def _instance(record) -> models.Model:
    """The row as the record has it, with the related rows the record's query joined."""
    instance = record.instance
    for name in _relations(record.instance_type):
        if name in record._state.fields_cache:
            instance._state.fields_cache[name] = record._state.fields_cache[name]
    return instance


def _change(model, record) -> Change:
    reason = record.history_change_reason or ""
    kind = "restored" if reason.startswith(RESTORED) else record.history_type
    what = capfirst(model._meta.verbose_name)
    instance = _instance(record)
    number = getattr(record, "number", "")
    if number:
        what = f"{what} {number}"
        instance.number = number
    label = str(instance)
    change = Change(when=record.history_date, user=record.history_user, kind=KINDS[kind],
                    what=what, label="" if label == what else label)
    if record.history_type == "~" and record.previous is not None:
        change.fields = _fields_changed(model, record.previous, record)
    return change


def _fields_changed(model, old, new) -> list[FieldChange]:
    changed = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in SKIPPED:
            continue
        before, after = getattr(old, f.attname), getattr(new, f.attname)
        if before == after:
            continue
        if f.is_relation:
            before, after = _related(old, f), _related(new, f)
        shown_before, shown_after = _shown(f, before), _shown(f, after)
        short = shown_before is not None and shown_after is not None
        changed.append(FieldChange(capfirst(f.verbose_name), shown_before or "",
                                   shown_after or "", short))
    return changed


def _related(record, f):
    return record._state.fields_cache.get(f.name)


def _shown(f, value) -> str | None:
    """The value as a person reads it, or None when too long to show."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, get_user_model()):
        return display_name(value)
    if isinstance(value, bool):
        return str(pgettext("history value", "yes") if value else pgettext("history value", "no"))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return f"{long_date(value)} {time_of_day(value)}"
    if isinstance(value, datetime.date):
        return long_date(value)
    if isinstance(value, list):
        value = " ; ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= SHORT else None

