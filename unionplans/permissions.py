"""Who may see or change what: the one place that answers it.

Permissions come from `Membership.role` alone. Each role grants a set of abilities in
an organization; superusers have every ability everywhere. Views, admin classes,
exports and PDFs all go through the functions below:

- selectors (`organizations_for`, `scope`) narrow a queryset to what a user may reach;
- `get_organization_for_user` and `get_object_for_user` fetch one object and answer
  404 when it is out of reach (so nothing leaks), 403 when it is visible but the
  ability asked for is missing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Membership, Organization

Role = Membership.Role

# Abilities a role grants within its organization.
VIEW = "view"  # see the organization and what it published to members
VIEW_INTERNAL = "view_internal"  # see drafts, unpublished plans and dossiers
VIEW_MEMBERS = "view_members"  # see who belongs to the organization
EDIT = "edit"  # create and change the organization's plans and dossiers
REVIEW = "review"  # comment on and advance dossiers, through the admin
ADMINISTER = "administer"  # change organizations and memberships: superusers only

ABILITIES = {
    Role.EXECUTIVE: frozenset({VIEW, VIEW_INTERNAL, VIEW_MEMBERS, EDIT}),
    Role.ADVISER: frozenset({VIEW, VIEW_INTERNAL, VIEW_MEMBERS, REVIEW}),
    Role.MEMBER: frozenset({VIEW}),
}


def roles_with(ability: str) -> list[str]:
    return [role for role, abilities in ABILITIES.items() if ability in abilities]


def organizations_for(user, ability: str = VIEW) -> QuerySet[Organization]:
    """The organizations in which `user` has `ability`."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=roles_with(ability)
    ).distinct()


def scope(queryset: QuerySet, user, ability: str = VIEW, *, via: str = "organization"):
    """Narrow `queryset` to rows whose organization (reached through `via`) grants `ability`.

    `via` is the lookup path from the model to its Organization; an empty string
    means the queryset holds organizations themselves.
    """
    if user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    lookup = f"{via}__in" if via else "pk__in"
    return queryset.filter(**{lookup: organizations_for(user, ability).values("pk")})


def abilities_in(user, organization: Organization) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset().union(*ABILITIES.values(), {ADMINISTER})
    roles = Membership.objects.filter(user=user, organization=organization).values_list(
        "role", flat=True
    )
    return frozenset().union(*(ABILITIES[role] for role in roles))


def has_ability(user, organization: Organization, ability: str) -> bool:
    return ability in abilities_in(user, organization)


def role_in(user, organization: Organization) -> str | None:
    membership = Membership.objects.filter(user=user, organization=organization).first()
    return membership.role if membership else None


def get_organization_for_user(user, slug: str, ability: str = VIEW) -> Organization:
    """The organization at `slug`: 404 if `user` cannot see it, 403 if it lacks `ability`."""
    organization = Organization.objects.filter(slug=slug).first()
    return _check(user, organization, organization, ability)


def get_object_for_user(
    queryset: QuerySet, user, ability: str = VIEW, *, via: str = "organization", **lookup
) -> Model:
    """One object of `queryset`: 404 if `user` cannot see it, 403 if it lacks `ability`."""
    obj = queryset.filter(**lookup).first()
    organization = organization_of(obj, via) if obj is not None else None
    return _check(user, obj, organization, ability)


def can(user, ability: str, obj: Model | None = None, *, via: str = "organization") -> bool:
    """Whether `user` has `ability` on `obj`, or in at least one organization if `obj` is None."""
    if obj is None:
        return organizations_for(user, ability).exists()
    return has_ability(user, organization_of(obj, via), ability)


def can_use_admin(user) -> bool:
    """The admin is the conseillers' workbench; superusers use it too, even on an empty database."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return organizations_for(user, REVIEW).exists()


def _check(user, obj, organization, ability):
    abilities = abilities_in(user, organization) if organization is not None else frozenset()
    if VIEW not in abilities:
        raise Http404
    if ability not in abilities:
        raise PermissionDenied
    return obj


def organization_of(obj: Model, via: str) -> Organization:
    for attribute in filter(None, via.split("__")):
        obj = getattr(obj, attribute)
    return obj
