"""Who may see or change what: the one place that answers it.

Permissions come from `Membership`: its role grants a set of abilities in an
organization, and its `on_entraide_committee` flag adds the ENTRAIDE ability (the comité
d'entraide's confidential plans); superusers have every ability everywhere. Views, admin classes,
exports and PDFs all go through the functions below:

- selectors (`organizations_for`, `scope`, `scope_published`) narrow a queryset to what a
  user may reach;
- `organization_view` decorates every view under `/o/<slug>/`: it resolves the
  organization and the person's `Access` once per request (`request.organization`,
  `request.access`), answering 404 when it is out of reach (so nothing leaks) and 403 when
  it is visible but the ability asked for is missing;
- `fetch` then finds one object of that organization, the same way.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from .models import Membership, Organization

Role = Membership.Role

# Abilities a role grants within its organization.
VIEW = "view"  # see the organization and what it published to members
VIEW_INTERNAL = "view_internal"  # see drafts, unpublished plans and dossiers
VIEW_MEMBERS = "view_members"  # see who belongs to the organization
EDIT = "edit"  # create and change the organization's plans and dossiers
REVIEW = "review"  # comment on and advance dossiers, through the admin
MANAGE_MEMBERS = "manage_members"  # invite people, change roles, deactivate memberships
ADMINISTER = "administer"  # change organizations and advisers' assignments: superusers only
ENTRAIDE = "entraide"  # see and edit the confidential plans of the comité d'entraide

ABILITIES = {
    Role.EXECUTIVE: frozenset({VIEW, VIEW_INTERNAL, VIEW_MEMBERS, EDIT, ENTRAIDE,
                               MANAGE_MEMBERS}),
    Role.ADVISER: frozenset({VIEW, VIEW_INTERNAL, VIEW_MEMBERS, REVIEW}),
    Role.MEMBER: frozenset({VIEW}),
}

# Granted by `Membership.on_entraide_committee`, whatever the role: the comité d'entraide
# is made of exécutif members and of members chosen for it, and nobody else reads its plans.
COMMITTEE_ABILITIES = frozenset({ENTRAIDE})

# Abilities whose very existence is confidential: lacking one answers 404, not 403, so a
# plain membre cannot even learn that the organization has entraide plans.
CONFIDENTIAL_ABILITIES = frozenset({ENTRAIDE})


EVERY_ABILITY = frozenset().union(*ABILITIES.values(), {ADMINISTER})


@dataclass(frozen=True)
class Access:
    """What one person may do in one organization."""

    role: str | None
    abilities: frozenset[str]

    def __contains__(self, ability: str) -> bool:
        return ability in self.abilities

    @property
    def role_label(self) -> str:
        return role_label(self.role)


NO_ACCESS = Access(None, frozenset())


def role_label(role: str | None) -> str:
    """The role's name in the active language, or "" for none."""
    return Role(role).label if role else ""


def roles_with(ability: str) -> list[str]:
    return [role for role, abilities in ABILITIES.items() if ability in abilities]


def is_superuser(user) -> bool:
    """Superusers hold every ability in every organization."""
    return user.is_authenticated and user.is_active and user.is_superuser


def organizations_for(user, ability: str = VIEW) -> QuerySet[Organization]:
    """The organizations in which `user` has `ability`."""
    if is_superuser(user):
        return Organization.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    granted = Q(memberships__role__in=roles_with(ability))
    if ability in COMMITTEE_ABILITIES:
        granted |= Q(memberships__on_entraide_committee=True)
    return Organization.objects.filter(
        granted, memberships__user=user, memberships__is_active=True
    ).distinct()


def scope(queryset: QuerySet, user, ability: str = VIEW, *, via: str = "organization"):
    """Narrow `queryset` to rows whose organization (reached through `via`) grants `ability`.

    `via` is the lookup path from the model to its Organization; an empty string
    means the queryset holds organizations themselves.
    """
    if is_superuser(user):
        return queryset
    lookup = f"{via}__in" if via else "pk__in"
    return queryset.filter(**{lookup: organizations_for(user, ability).values("pk")})


def scope_published(
    queryset: QuerySet, user, published: Q, *, via: str = "organization"
) -> QuerySet:
    """Rows `user` may read: all of them where it has VIEW_INTERNAL, else the `published` ones.

    Members read what their organization published (e.g. published and closed plans, or
    the VPP dossiers that name them); drafts stay with those who may see internal things.
    """
    if is_superuser(user):
        return queryset
    internal = organizations_for(user, VIEW_INTERNAL).values("pk")
    visible = organizations_for(user, VIEW).values("pk")
    return queryset.filter(
        Q(**{f"{via}__in": internal}) | (Q(**{f"{via}__in": visible}) & published)
    )


def access_to(user, organization: Organization | None) -> Access:
    """The role and abilities of `user` in `organization`, in one query."""
    if organization is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    role, on_committee = (
        Membership.objects.filter(user=user, organization=organization, is_active=True)
        .values_list("role", "on_entraide_committee")
        .first()
    ) or (None, False)
    if user.is_superuser:
        return Access(role, EVERY_ABILITY)
    if not role:
        return NO_ACCESS
    return Access(role, ABILITIES[role] | (COMMITTEE_ABILITIES if on_committee else frozenset()))


def has_ability(user, organization: Organization, ability: str) -> bool:
    return ability in access_to(user, organization)


def get_organization_for_user(
    user, slug: str, ability: str = VIEW
) -> tuple[Organization, Access]:
    """The organization at `slug` and the user's access to it.

    404 if `user` cannot see it (as for a missing one), 403 if it lacks `ability`.
    """
    organization = Organization.objects.filter(slug=slug).first()
    return organization, _check(access_to(user, organization), ability)


def organization_view(
    ability: str = VIEW, *, methods: Iterable[str] = ("GET",)
) -> Callable:
    """Decorate a view under `/o/<slug>/`: `methods` only (else 405), logged in (else the
    login page), then the organization and the person's access resolved once.

    The view receives the request with `organization` and `access` set, and no `slug`.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args, **kwargs):
            request.organization, request.access = get_organization_for_user(
                request.user, slug, ability
            )
            return view(request, *args, **kwargs)

        return require_http_methods(list(methods))(login_required(wrapped))

    return decorator


def fetch(
    request: HttpRequest,
    queryset: QuerySet,
    ability: str = VIEW,
    *,
    via: str = "organization",
    published: Q | None = None,
    **lookup,
) -> Model:
    """The one object of `request.organization` matching `lookup`, for `request.access`.

    404 when there is none, or when it is not `published` and the person lacks
    VIEW_INTERNAL (members do not learn that drafts exist); 403 without `ability` (404
    for a confidential one). `via` is the path from the model to its organization.
    """
    queryset = queryset.filter(**{via: request.organization}, **lookup)
    if published is not None and VIEW_INTERNAL not in request.access:
        queryset = queryset.filter(published)
    obj = queryset.first()
    if obj is None:
        raise Http404
    require(request.access, ability)
    return obj


# What an affiliate (a syndicat) may choose to share with the body it is affiliated to.
SHARED = {"plans": "shares_plans_with_parent", "dossiers": "shares_dossiers_with_parent"}


def shared_affiliate(request: HttpRequest, slug: str, what: str) -> Organization:
    """The affiliate at `slug` of `request.organization`, if it shares `what` with it.

    Read by those who see the parent's internal work (its exécutif and conseillers): a
    conseil central's picture of its region. 403 for the parent's membres; 404 for an
    affiliate that does not share `what` (or is not an affiliate), as for a missing one.
    """
    require(request.access, VIEW_INTERNAL)
    affiliate = request.organization.affiliates.filter(slug=slug, **{SHARED[what]: True})
    affiliate = affiliate.first()
    if affiliate is None:
        raise Http404
    return affiliate


def can(user, ability: str, obj: Model | None = None, *, via: str = "organization") -> bool:
    """Whether `user` has `ability` on `obj`, or in at least one organization if `obj` is None."""
    if is_superuser(user):
        return True
    if obj is None:
        return organizations_for(user, ability).exists()
    return has_ability(user, organization_of(obj, via), ability)


def can_use_admin(user) -> bool:
    """The admin is the conseillers' workbench; superusers use it too, even on an empty database."""
    return can(user, REVIEW)


@dataclass(frozen=True)
class Accesses:
    """What one person may do in each of its organizations, read in one query."""

    user_id: int | None
    everything: bool
    by_organization: dict[int, Access]

    def of(self, organization_id: int | None) -> Access:
        if self.everything:
            return Access(None, EVERY_ABILITY)
        return self.by_organization.get(organization_id, NO_ACCESS)

    def anywhere(self, ability: str) -> bool:
        """Whether some organization grants `ability`, as `can(user, ability)` answers."""
        return self.everything or any(
            ability in access for access in self.by_organization.values()
        )


def accesses_of(user) -> Accesses:
    """`user`'s access in each organization where it holds an active membership."""
    if is_superuser(user):
        return Accesses(user.pk, True, {})
    if not user.is_authenticated or not user.is_active:
        return Accesses(None, False, {})
    rows = Membership.objects.filter(user=user, is_active=True).values_list(
        "organization_id", "role", "on_entraide_committee")
    return Accesses(user.pk, False, {
        organization_id: Access(role, ABILITIES[role] | (
            COMMITTEE_ABILITIES if on_committee else frozenset()))
        for organization_id, role, on_committee in rows
    })


def request_accesses(request: HttpRequest) -> Accesses:
    """`accesses_of(request.user)`, read once per request: an admin page asks dozens of times
    (every model's every right on the index, every inline's on a change page)."""
    accesses = getattr(request, "_unionplans_accesses", None)
    if accesses is None or accesses.user_id != request.user.pk:
        accesses = request._unionplans_accesses = accesses_of(request.user)
    return accesses


def request_can(request: HttpRequest, ability: str, obj: Model | None = None, *,
                via: str = "organization") -> bool:
    """`can(request.user, ability, obj, via=via)` from the request's `request_accesses`."""
    accesses = request_accesses(request)
    if obj is None:
        return accesses.anywhere(ability)
    return ability in accesses.of(organization_id_of(obj, via))


def require(access: Access, ability: str) -> Access:
    """`access` if it holds `ability`, else 404 / 403 as the fetchers above answer."""
    return _check(access, ability)


def _check(access: Access, ability: str) -> Access:
    if VIEW not in access or (ability in CONFIDENTIAL_ABILITIES and ability not in access):
        raise Http404
    if ability not in access:
        raise PermissionDenied
    return access


def organization_of(obj: Model, via: str) -> Organization:
    for attribute in filter(None, via.split("__")):
        obj = getattr(obj, attribute)
    return obj


def organization_id_of(obj: Model, via: str) -> int | None:
    """The id of `obj`'s organization through `via`, without loading the organization."""
    *path, last = via.split("__") if via else [None]
    if last is None:
        return obj.pk
    for attribute in path:
        obj = getattr(obj, attribute)
    return getattr(obj, f"{last}_id")
