"""Undo a deletion: what was deleted comes back from django-simple-history, with what it held.

`delete(obj, by=…)` deletes `obj` and everything it cascades to, each historical record of
that deletion carrying one mark (its change reason), so that the deletion is restored as a
whole: an orientation with its actions, steps and follow-ups. `deleted_in` lists an
organization's deletions of the last `settings.RESTORE_DAYS` days; `restore` brings one back.

The core knows no app: each app says what of its own can come back in its `undo.py`
(`RESTORABLE`, a list of `Restorable`), found through the app registry, and what its
history pages cover (`HISTORY`, read by `unionplans.history`).
"""

import datetime
import uuid
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.deletion import SET_NULL, Collector
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The change reasons that mark a deletion (one per deletion) and a restore. Plain words, not
# translated: they are data, never shown as such (`marked` keeps them out of reasons shown).
DELETED = "deletion:"
RESTORED = "restored:"


def marked() -> Q:
    """Historical records whose change reason is one of ours, not a person's."""
    return Q(history_change_reason__startswith=DELETED) | Q(
        history_change_reason__startswith=RESTORED)


@dataclass(frozen=True)
class Restorable:
    """A kind of row that can be restored once deleted.

    `organization`: the lookup from the model to its organization (through its live parent,
    so that what was deleted with its parent is listed, and restored, with it). `parent`:
    the foreign key to what must exist for the row to come back. `siblings`: the foreign key
    of the rows it shares positions with, if it has a `position`. `check(parent)` raises a
    `ValidationError` when the parent refuses it (a closed plan). `ability`: what one needs
    besides restoring to see it (the comité d'entraide's confidential rows).
    """

    model: type[models.Model]
    organization: str
    parent: str
    siblings: str = ""
    check: object = None
    ability: str = ""

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def history(self) -> type[models.Model]:
        return history_model(self.model)


def history_model(model: type[models.Model]) -> type[models.Model]:
    return getattr(model, model._meta.simple_history_manager_attribute).model


@cache
def restorables() -> dict[str, Restorable]:
    """Every app's `undo.RESTORABLE`, by "app_label.model_name"."""
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module, "undo"):
            continue
        for restorable in getattr(import_module(f"{config.name}.undo"), "RESTORABLE", ()):
            found[restorable.key] = restorable
    return found


@cache
def numbering() -> dict:
    """Each app's `undo.NUMBERING`: {model: function setting `.number` on its records}."""
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module, "undo"):
            continue
        found.update(getattr(import_module(f"{config.name}.undo"), "NUMBERING", {}))
    return found


def restore_days() -> int:
    return settings.RESTORE_DAYS


# Deleting


@transaction.atomic
def delete(obj: models.Model, *, by=None) -> str:
    """Delete `obj` and what it cascades to, as `Model.delete` does, every historical record
    of the deletion marked with one reason (and `by`, when given): its undo is one."""
    mark = f"{DELETED}{uuid.uuid4().hex}"
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    for instances in collector.data.values():
        for instance in instances:
            instance._change_reason = mark
            if by is not None:
                instance._history_user = by
    collector.delete()
    return mark


def deletion_counts(obj: models.Model) -> list[tuple[type[models.Model], int]]:
    """What deleting `obj` takes with it: (model, how many) of each restorable kind."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    return [(model, len(instances)) for model, instances in collector.data.items()
            if model is not type(obj) and model._meta.label_lower in restorables()]


def counts_text(counts) -> str:
    """« 2 actions, 5 étapes et 1 suivi »: the verbose names, singular or plural."""
    names = [(count, model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)
             for model, count in counts if count]
    parts = [f"{count} {name}" for count, name in names]
    if len(parts) > 1:
        return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}
    return parts[0] if parts else ""


# Listing what was deleted


@dataclass
class Deleted:
    """One deletion, as the page lists it: its root record and what went with it."""

    restorable: Restorable
    record: models.Model
    counts: list

    @property
    def label(self) -> str:
        instance = self.record.instance
        instance.number = getattr(self.record, "number", "")
        return str(instance)

    @property
    def parent_label(self) -> str:
        parent = getattr(self.record, self.restorable.parent, None)
        return str(parent) if parent is not None else ""

    @property
    def kind_label(self) -> str:
        return capfirst(self.restorable.model._meta.verbose_name)

    @property
    def with_text(self) -> str:
        return counts_text(self.counts)


def _still_deleted(restorable: Restorable, queryset):
    """Deletions whose row is still gone and that are the row's last record."""
    history = restorable.history
    pk = restorable.model._meta.pk.attname
    return queryset.filter(history_type="-").exclude(
        Exists(restorable.model._base_manager.filter(pk=OuterRef(pk)))
    ).exclude(Exists(history.objects.filter(**{pk: OuterRef(pk)},
                                            history_date__gt=OuterRef("history_date"))))


def deletions_of(restorable: Restorable, organization):
    """The records of `organization`'s restorable deletions of this kind, newest first."""
    since = timezone.now() - datetime.timedelta(days=restore_days())
    queryset = restorable.history.objects.filter(
        **{restorable.organization: organization}, history_date__gte=since)
    return _still_deleted(restorable, queryset)


def deleted_in(organization, access) -> list[Deleted]:
    """What can be restored in `organization`, newest first, for someone of `access`, in
    a number of queries that the data does not change: one UNION to find the deletions,
    one per kind of row found, one UNION to count what went with each."""
    kinds = [r for r in restorables().values() if not r.ability or r.ability in access]
    if not kinds:
        return []
    parts = [deletions_of(r, organization).annotate(k=Value(i)).values_list("k", "history_id")
             .order_by() for i, r in enumerate(kinds)]
    ids = {}
    for kind, history_id in parts[0].union(*parts[1:], all=True):
        ids.setdefault(kind, []).append(history_id)
    found = []
    for kind, history_ids in ids.items():
        restorable = kinds[kind]
        records = restorable.history.objects.filter(history_id__in=history_ids).select_related(
            "history_user", restorable.parent)
        records = list(records)
        if restorable.model in numbering():
            numbering()[restorable.model](records)
        found += [Deleted(restorable, record, []) for record in records]
    marks = {d.record.history_change_reason for d in found
             if (d.record.history_change_reason or "").startswith(DELETED)}
    if marks:
        counted = [r.history.objects.filter(history_type="-", history_change_reason__in=marks)
                   .order_by().values("history_change_reason")
                   .annotate(k=Value(i), count=Count("pk"))
                   .values_list("k", "history_change_reason", "count")
                   for i, r in enumerate(kinds)]
        by_mark = {d.record.history_change_reason: d for d in found}
        for kind, mark, count in sorted(counted[0].union(*counted[1:], all=True)):
            deletion = by_mark[mark]
            restorable = kinds[kind]
            deletion.counts.append((restorable.model, count - (deletion.restorable is restorable)))
    return sorted(found, key=lambda d: d.record.history_date, reverse=True)


def deletion_for(organization, access, key: str, history_id: int):
    """The restorable deletion record `history_id` of kind `key` in `organization`, or None."""
    restorable = restorables().get(key)
    if restorable is None or (restorable.ability and restorable.ability not in access):
        return None
    history = restorable.history
    return history.objects.filter(
        history_id=history_id, history_type="-", **{restorable.organization: organization}
    ).first()


# Restoring


@transaction.atomic
def restore(*, record, by=None) -> models.Model:
    """Bring back the row deleted in `record` (a historical record of a deletion) with what
    was deleted with it, as they were; its place among its siblings is made free again.

    Refused, in French, once `settings.RESTORE_DAYS` have passed, when the row is back
    already, when what it belonged to is gone or refuses it (a closed plan)."""
    restorable = restorables().get(record.instance_type._meta.label_lower)
    if restorable is None:
        raise ValidationError(_("This kind of row cannot be restored."), code="not_restorable")
    model = restorable.model
    pk_name = model._meta.pk.attname
    pk = getattr(record, pk_name)
    if record.history_type != "-" or not _still_deleted(
            restorable, restorable.history.objects.filter(pk=record.pk)).exists():
        raise ValidationError(_("This row is no longer deleted: it was restored already."),
                              code="restored")
    days = restore_days()
    if record.history_date < timezone.now() - datetime.timedelta(days=days):
        raise ValidationError(
            ngettext("This was deleted more than %(days)s day ago: it can no longer be restored.",
                     "This was deleted more than %(days)s days ago: it can no longer be restored.",
                     days) % {"days": days}, code="expired")
    parent_field = model._meta.get_field(restorable.parent)
    parent = (parent_field.related_model._base_manager.select_for_update()
              .filter(pk=getattr(record, parent_field.attname)).first())
    if parent is None:
        raise ValidationError(
            _("What this belonged to was deleted too: restore that first."), code="orphan")
    if restorable.check is not None:
        restorable.check(parent)
    records = _group(record)
    now = timezone.now()
    mark = f"{RESTORED}{uuid.uuid4().hex}"
    for history in _parents_first(records):
        instances = [_revived(r, records) for r in records[history]]
        if history is restorable.history:
            root = next(i for i in instances if i.pk == pk)
            if restorable.siblings:
                _make_room(restorable, root)
        for instance in instances:
            instance.updated_at = now
            instance.save_base(raw=True, force_insert=True)
        _restore_m2m(history, records[history], instances, by, now, mark)
    return root


def _group(record) -> dict[type, list]:
    """The deletion records of `record`'s deletion, by historical model: all those of its
    mark (that are still deleted), or `record` alone for a deletion made without one."""
    reason = record.history_change_reason or ""
    if not reason.startswith(DELETED):
        return {type(record): [record]}
    group = {}
    for restorable in restorables().values():
        found = list(_still_deleted(restorable, restorable.history.objects.filter(
            history_change_reason=reason)))
        if found:
            group[restorable.history] = found
    group.setdefault(type(record), [record])
    return group


def _parents_first(records: dict[type, list]) -> list[type]:
    """The historical models of `records`, each after those its rows point at."""
    models_of = {history.instance_type: history for history in records}
    order, left = [], list(records)
    while left:
        for history in left:
            targets = {f.related_model for f in history.instance_type._meta.concrete_fields
                       if f.is_relation and f.related_model in models_of
                       and f.related_model is not history.instance_type}
            if all(models_of[t] in order for t in targets):
                order.append(history)
                left.remove(history)
                break
        else:  # a cycle: the database checks the keys at the end of the transaction
            order += left
            break
    return order


def _revived(record, records) -> models.Model:
    """The row as it was, its optional links to what is gone since left empty."""
    instance = record.instance
    ids = {h.instance_type: {getattr(r, h.instance_type._meta.pk.attname) for r in rs}
           for h, rs in records.items()}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not field.is_relation or value is None or field.remote_field.on_delete is not SET_NULL:
            continue
        if value in ids.get(field.related_model, ()):
            continue
        if not field.related_model._base_manager.filter(pk=value).exists():
            setattr(instance, field.attname, None)
    return instance


def _make_room(restorable: Restorable, row: models.Model) -> None:
    """When another row took the row's old place: move down the siblings from there, last
    first, so that positions stay unique and the row comes back where it was."""
    model = restorable.model
    siblings = model._base_manager.select_for_update().filter(
        **{restorable.siblings: getattr(row, f"{restorable.siblings}_id")},
        position__gte=row.position).order_by("-position", "-pk")
    siblings = list(siblings)
    if not any(sibling.position == row.position for sibling in siblings):
        return
    for sibling in siblings:
        sibling.position += 1
        sibling.save(update_fields=["position"])


def _restore_m2m(history, records, instances, by, now, mark) -> None:
    """The restore in history (who, when), and the many-to-many links as they were just
    before the deletion (the deletion's own record holds none: they go first)."""
    model = history.instance_type
    manager = getattr(model, model._meta.simple_history_manager_attribute)
    created = manager.bulk_history_create(
        instances, default_user=by, default_change_reason=mark, default_date=now)
    m2m_fields = getattr(history, "_history_m2m_fields", [])
    if not m2m_fields:
        return
    pk_name = history.instance_type._meta.pk.attname
    by_pk = {getattr(r, pk_name): r for r in created}
    for record, instance in zip(records, instances, strict=True):
        before = (history.objects.filter(**{pk_name: instance.pk},
                                         history_date__lt=record.history_date)
                  .exclude(history_type="-").order_by("-history_date").first())
        if before is None:
            continue
        for field in m2m_fields:
            source, target = field.m2m_field_name(), f"{field.m2m_reverse_field_name()}_id"
            ids = list(getattr(before, field.name).values_list(target, flat=True))
            through = getattr(instance, field.name).through
            links = through.objects.bulk_create(
                [through(**{source: instance, target: i}) for i in ids])
            kept = getattr(by_pk[instance.pk], field.name).model
            kept.objects.bulk_create([
                kept(history=by_pk[instance.pk], id=link.pk, **{source: instance,
                                                                target: getattr(link, target)})
                for link in links])
