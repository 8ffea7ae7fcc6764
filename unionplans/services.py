"""Writes every app shares: one way to update a row from what a form shows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from .models import Organization

EDIT_CONFLICT = _(
    "Someone else changed this since you opened it. Your changes were not saved: "
    "reload the page to see the current version, then make your changes again."
)


def version_of(instance: Model) -> str:
    """A row's version, as edit forms carry it: the time of its last change."""
    return instance.updated_at.isoformat() if instance.updated_at else ""


def version_check(current: Model, version: str | None) -> None:
    """Refuse a write made from another version than `current`'s (a row read under lock).

    `version` None means the caller shows no version (the admin's actions, imports). Every
    service checks it before any other refusal: a page that is out of date says so first.
    """
    if version is not None and version != version_of(current):
        raise ValidationError(EDIT_CONFLICT, code="edit_conflict")


@transaction.atomic
def model_update(instance: Model, fields: dict, *, version: str | None = None) -> Model:
    """Write `fields` of `instance`, and only those, after `full_clean()`.

    The row is read again and locked, compared with `version` (when given) and written
    in one transaction: two edits made from the same version cannot both pass, and the
    fields a form does not show (state, stage, position…) keep their stored values
    whatever the form's copy of the row says. Many-to-many fields are set after the row.
    """
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    version_check(current, version)
    many = {name for name in fields if model._meta.get_field(name).many_to_many}
    for name, value in fields.items():
        if name not in many:
            setattr(current, name, value)
    current.full_clean()
    current.save(update_fields=[*(set(fields) - many), "updated_at"])
    for name in many:
        getattr(current, name).set(fields[name])
    _refresh(instance, current)
    return current


def _refresh(instance: Model, current: Model) -> None:
    """Give the caller's copy the stored values, so that what it shows next is true."""
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(current, field.attname))


@transaction.atomic
def organization_sharing_update(
    *, organization: Organization, by, shares_plans: bool, shares_dossiers: bool
) -> Organization:
    """What an affiliate shares with the body it is affiliated to: its decision alone."""
    if organization.parent_id is None:
        raise ValidationError(
            _("This organization is affiliated to no other: it has nobody to share with."),
            code="no_parent",
        )
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    organization.shares_plans_with_parent = shares_plans
    organization.shares_dossiers_with_parent = shares_dossiers
    organization._history_user = by
    organization.save(update_fields=["shares_plans_with_parent", "shares_dossiers_with_parent",
                                     "updated_at"])
    return organization
