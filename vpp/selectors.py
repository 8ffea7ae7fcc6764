"""Reads of the VPP app, always on behalf of a user.

Who sees a dossier (the one rule, built on `unionplans.permissions`):

- those holding VIEW_INTERNAL in its organisation (exécutif, conseillers, superusers) see
  all of its dossiers;
- a plain membre (VIEW only) sees a dossier only when listed on it, on the direction or
  the terrain side: the structure terrain works from the dossier, other members do not
  see internal union work;
- anyone else: 404, in lists, pages, PDFs and the admin alike.

Veille items and LE28 projects are internal: VIEW_INTERNAL.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from unionplans import permissions
from unionplans.models import Organization

from .models import Deadline, Dossier, DossierEvent, LE28Project, Stage, VeilleItem


def _listed(user) -> Q:
    direction = Dossier.direction_people.through.objects.filter(
        dossier=OuterRef("pk"), user=user.pk
    )
    terrain = Dossier.terrain_people.through.objects.filter(dossier=OuterRef("pk"), user=user.pk)
    return Q(Exists(direction)) | Q(Exists(terrain))


def dossiers_visible_to(*, user, queryset: QuerySet | None = None) -> QuerySet[Dossier]:
    queryset = Dossier.objects.all() if queryset is None else queryset
    if permissions.is_superuser(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    internal = permissions.organizations_for(user, permissions.VIEW_INTERNAL).values("pk")
    member = permissions.organizations_for(user, permissions.VIEW).values("pk")
    return queryset.filter(
        Q(organization__in=internal) | (Q(organization__in=member) & _listed(user))
    )


def get_dossier_for_user(
    user, slug: str, pk: int, ability: str = permissions.VIEW, queryset: QuerySet | None = None
) -> tuple[Dossier, permissions.Access]:
    """The dossier and the user's access: 404 when out of sight, 403 without `ability`."""
    queryset = Dossier.objects.select_related("organization") if queryset is None else queryset
    dossier, access = permissions.get_object_for_user(
        queryset, user, permissions.VIEW, organization__slug=slug, pk=pk
    )
    if permissions.VIEW_INTERNAL not in access and not (
        Dossier.objects.filter(pk=dossier.pk).filter(_listed(user)).exists()
    ):
        raise Http404
    if ability not in access:
        raise PermissionDenied
    return dossier, access


def dossier_list(*, user, organization: Organization) -> QuerySet[Dossier]:
    return (
        dossiers_visible_to(user=user, queryset=organization.dossiers.all())
        .select_related("conseiller")
        .annotate(next_due=Min("deadlines__due_on", filter=Q(deadlines__met=False)))
    )


def dossier_detail_queryset() -> QuerySet[Dossier]:
    """Everything the dossier page and its report show, in a fixed number of queries."""
    return Dossier.objects.select_related("organization", "conseiller").prefetch_related(
        "direction_people",
        "terrain_people",
        "veille_items",
        "tasks",
        "questionnaires",
        Prefetch("deadlines", queryset=Deadline.objects.select_related("rule")),
        Prefetch("events", queryset=DossierEvent.objects.select_related("by")),
        "le28_projects",
    )


def financial_analysis_of(dossier: Dossier):
    try:
        return dossier.financial_analysis
    except Dossier.financial_analysis.RelatedObjectDoesNotExist:
        return None


def upcoming_deadlines(*, user, limit: int = 10) -> list[Dossier]:
    """Open intervention dossiers the user may see, nearest unmet deadline first."""
    return list(
        dossiers_visible_to(user=user)
        .filter(mode=Dossier.Mode.INTERVENTION)
        .exclude(stage=Stage.CLOSED)
        .annotate(next_due=Min("deadlines__due_on", filter=Q(deadlines__met=False)))
        .filter(next_due__isnull=False)
        .select_related("organization")
        .order_by("next_due", "pk")[:limit]
    )


def veille_items_for(*, organization: Organization, search: str = "") -> QuerySet[VeilleItem]:
    items = organization.veille_items.all()
    for word in search.split()[:10]:
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(source__icontains=word)
            | Q(tags__icontains=word)
        )
    return items


def le28_projects_for(*, organization: Organization) -> QuerySet[LE28Project]:
    return organization.le28_projects.select_related("dossier")
