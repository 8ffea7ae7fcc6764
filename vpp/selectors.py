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
from django.utils.translation import gettext as _

from unionplans import permissions
from unionplans.models import Organization
from unionplans.templatetags.dates import long_date

from . import workflow
from .models import (
    Bulletin,
    Deadline,
    DeploymentStep,
    Dossier,
    DossierEvent,
    LE28Project,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)


def _listed(user) -> Q:
    direction = Dossier.direction_people.through.objects.filter(
        dossier=OuterRef("pk"), user=user.pk
    )
    terrain = Dossier.terrain_people.through.objects.filter(dossier=OuterRef("pk"), user=user.pk)
    return Q(Exists(direction)) | Q(Exists(terrain))


def dossiers_visible_to(*, user, queryset: QuerySet | None = None) -> QuerySet[Dossier]:
    """All of an organisation's dossiers with VIEW_INTERNAL; with VIEW only, those naming `user`."""
    queryset = Dossier.objects.all() if queryset is None else queryset
    return permissions.scope_published(queryset, user, _listed(user))


def dossier_for(request, pk: int, ability: str = permissions.VIEW, *, queryset=None) -> Dossier:
    """The dossier at `pk` in the request's organization: 404 when out of sight (a membre
    not named on it included), 403 without `ability`."""
    queryset = Dossier.objects.select_related("organization") if queryset is None else queryset
    return permissions.fetch(request, queryset, ability, published=_listed(request.user), pk=pk)


def findings_dossier_for(request, pk: int) -> Dossier:
    """The dossier whose survey findings the person may write (terrain side or EDIT), else 403."""
    dossier = dossier_for(request, pk)
    if not workflow.may_write_findings(request.user, dossier, request.access):
        raise PermissionDenied
    return dossier


def veille_item_for(request, pk: int, ability: str = permissions.VIEW_INTERNAL) -> VeilleItem:
    return permissions.fetch(
        request, VeilleItem.objects.select_related("organization"), ability, pk=pk
    )


def bulletin_for(request, pk: int, ability: str = permissions.VIEW_INTERNAL) -> Bulletin:
    return permissions.fetch(request, Bulletin.objects.select_related("organization"),
                             ability, pk=pk)


def deployment_step_for(request, pk: int, ability: str = permissions.EDIT) -> DeploymentStep:
    return permissions.fetch(request, DeploymentStep.objects.all(), ability, pk=pk)


def vpp_structure_of(organization: Organization) -> VppStructure | None:
    """The organisation's VPP structure with its people, or None before it is set up."""
    return (VppStructure.objects.filter(organization=organization)
            .prefetch_related("direction_people", "terrain_people").first())


def le28_project_for(request, pk: int, ability: str = permissions.VIEW_INTERNAL) -> LE28Project:
    projects = LE28Project.objects.select_related(
        "organization", "dossier", "conseiller"
    ).prefetch_related("phases", "committee", "assessments", "decisions")
    return permissions.fetch(request, projects, ability, pk=pk)


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


def veille_items_for(*, organization: Organization, search: str = "") -> QuerySet[VeilleItem]:
    items = organization.veille_items.select_related("bulletin")
    for word in search.split()[:10]:
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(source__icontains=word)
            | Q(tags__icontains=word) | Q(decisions__icontains=word)
            | Q(bulletin__title__icontains=word)
        )
    return items


def le28_projects_for(*, organization: Organization) -> QuerySet[LE28Project]:
    return organization.le28_projects.select_related("dossier", "conseiller")


def answered_by(*, user, today) -> list:
    """« Mes actions »: the open dossiers naming `user` (conseiller, direction or terrain)
    that `user` may see, with their next unmet deadline; one query."""
    from django.urls import reverse

    from unionplans.due import Item

    direction = Dossier.direction_people.through.objects.filter(
        dossier=OuterRef("pk"), user=user.pk
    )
    dossiers = (
        dossiers_visible_to(user=user)
        .filter(_listed(user) | Q(conseiller=user))
        .exclude(stage=Stage.CLOSED)
        .annotate(next_due=Min("deadlines__due_on", filter=Q(deadlines__met=False)),
                  on_direction=Exists(direction))
        .select_related("organization")
    )
    items = []
    for dossier in dossiers:
        if dossier.conseiller_id == user.pk:
            side = Dossier._meta.get_field("conseiller").verbose_name
        elif dossier.on_direction:
            side = Dossier._meta.get_field("direction_people").verbose_name
        else:
            side = Dossier._meta.get_field("terrain_people").verbose_name
        items.append(Item(
            kind=str(Dossier._meta.verbose_name), title=dossier.title,
            organization=dossier.organization,
            url=reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk]),
            context=f"{dossier.get_stage_display()} · {str(side).capitalize()}",
            date=dossier.next_due, when=long_date(dossier.next_due) if dossier.next_due else "",
            overdue=dossier.next_due is not None and dossier.next_due < today,
        ))
    return items


def due_items(*, user, today, until, organizations=None) -> list:
    """The unmet deadlines and the unfinished dated tasks of open dossiers, falling due by
    `until` or overdue (`unionplans.due`); two queries. Without `organizations`, those of the
    dossiers naming `user` (conseiller, direction or terrain side)."""
    from django.urls import reverse

    from unionplans.due import Item

    dossiers = dossiers_visible_to(user=user).exclude(stage=Stage.CLOSED)
    if organizations is not None:
        dossiers = dossiers.filter(organization__in=organizations)
    else:
        dossiers = dossiers.filter(_listed(user) | Q(conseiller=user))
    direction = Dossier.direction_people.through.objects.filter(
        dossier=OuterRef("dossier_id"), user=user.pk
    )
    # Everything unmet when no end is given, else what falls due by then or is overdue.
    window = Q() if until is None else Q(due_on__lte=until) | Q(due_on__lt=today)

    def why(row) -> str:
        if organizations is not None:
            return _("Stage: %(stage)s") % {"stage": row.dossier.get_stage_display()}
        if row.dossier.conseiller_id == user.pk:
            return _("You are its conseiller.")
        if row.on_direction:
            return _("You are named on its direction side.")
        return _("You are named on its terrain side.")

    def url(dossier, anchor):
        return reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk]) \
            + anchor

    items = []
    deadlines = (
        Deadline.objects.filter(window, dossier__in=dossiers, met=False)
        .annotate(on_direction=Exists(direction))
        .select_related("rule", "dossier__organization")
    )
    for deadline in deadlines:
        items.append(Item(
            kind=str(_("VPP deadline")), title=f"{deadline.rule.name} ({deadline.rule.reference})"
            if deadline.rule.reference else deadline.rule.name,
            organization=deadline.dossier.organization, url=url(deadline.dossier, "#deadlines"),
            context=deadline.dossier.title, date=deadline.due_on, when=long_date(deadline.due_on),
            overdue=deadline.due_on < today, why=str(why(deadline)), key=f"deadline:{deadline.pk}",
        ))
    tasks = (
        Task.objects.filter(window, dossier__in=dossiers, done=False,
                            due_on__isnull=False)
        .annotate(on_direction=Exists(direction))
        .select_related("dossier__organization")
    )
    for task in tasks:
        items.append(Item(
            kind=str(_("VPP task")), title=task.description,
            organization=task.dossier.organization, url=url(task.dossier, "#plan"),
            context=task.dossier.title, date=task.due_on, when=long_date(task.due_on),
            overdue=task.is_overdue(today), why=str(why(task)), key=f"task:{task.pk}",
        ))
    return items
