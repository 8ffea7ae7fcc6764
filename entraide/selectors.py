"""Reads of entraide plans, always on behalf of someone (HackSoft selectors)."""

from django.db.models import Q, QuerySet

from unionplans import permissions
from unionplans.models import Organization
from unionplans.templatetags.dates import long_date

from .models import EntraidePlan, EntraideRow


def plan_for(request, pk: int, *, write: bool = False) -> EntraidePlan:
    """The plan (or organization template) at `pk`: 404 without ENTRAIDE in its organization.

    Templates are the exécutif's: changing one needs EDIT as well (403).
    """
    plans = EntraidePlan.objects.select_related("organization", "previous", "next_plan")
    plan = permissions.fetch(request, plans, permissions.ENTRAIDE, pk=pk)
    if write and plan.is_template:
        permissions.require(request.access, permissions.EDIT)
    return plan


def row_for(request, pk: int, row_pk: int) -> EntraideRow:
    """A row of the plan at `pk`, checked as a write to its plan is."""
    rows = EntraideRow.objects.select_related("plan__organization").filter(plan_id=pk)
    row = permissions.fetch(
        request, rows, permissions.ENTRAIDE, via="plan__organization", pk=row_pk
    )
    if row.plan.is_template:
        permissions.require(request.access, permissions.EDIT)
    return row


def plans_visible_to(*, user, organization: Organization) -> QuerySet[EntraidePlan]:
    """The organization's plans (not its templates), if `user` is on its comité d'entraide."""
    plans = EntraidePlan.objects.filter(organization=organization, is_template=False)
    return permissions.scope(plans, user, permissions.ENTRAIDE)


def templates_for(*, user, organization: Organization) -> QuerySet[EntraidePlan]:
    """The built-in templates (created after migrate, see `apps.py`) and the organization's
    own, as `user` may use them."""
    own = permissions.scope(
        EntraidePlan.objects.filter(organization=organization), user, permissions.ENTRAIDE
    )
    return EntraidePlan.objects.filter(
        Q(organization__isnull=True, is_template=True) | Q(pk__in=own.values("pk")),
        is_template=True,
    ).order_by("organization_id", "builtin_key", "name", "pk")


def rows_of(plan: EntraidePlan) -> list[EntraideRow]:
    """The plan's rows in order, each knowing how many rows its objective spans.

    A row whose objective is empty continues the objective above, as the merged cells
    of seed 002 do; `objective_span` is 0 for such a row and the count for the first.
    """
    rows = list(plan.rows.prefetch_related("responsible_users").order_by("position", "pk"))
    leader = None
    for row in rows:
        if row.objective or leader is None:
            leader = row
            row.objective_span = 1
        else:
            leader.objective_span += 1
            row.objective_span = 0
    return rows


def answered_by(*, user, today) -> list:
    """« Mes actions »: the unfinished rows of open plans (not templates) where `user` is
    among the responsables, only where `user` has ENTRAIDE; one query. A row's schedule is a
    season (« Printemps-été »), not a date: these items come last."""
    from django.urls import reverse

    from unionplans.due import Item

    rows = permissions.scope(
        EntraideRow.objects.filter(responsible_users=user, plan__is_template=False)
        .exclude(state=EntraideRow.State.DONE)
        .exclude(plan__status=EntraidePlan.Status.CLOSED),
        user, permissions.ENTRAIDE, via="plan__organization",
    ).select_related("plan__organization").order_by("plan__year", "position", "pk")
    return [
        Item(
            kind=str(EntraidePlan._meta.verbose_name).capitalize(),
            title=row.objective or next(iter(row.results), "") or next(iter(row.means), "")
            or str(row),
            organization=row.plan.organization,
            url=reverse("entraide:plan_detail", args=[row.plan.organization.slug, row.plan.pk])
            + f"#row-{row.pk}",
            context=str(row.plan), when=", ".join(row.schedule),
        )
        for row in rows
    ]


def row_due_date(row: EntraideRow):
    """When a row falls due: the first date its Échéancier writes (« 15 mars 2026 », or
    « juin 2026 » for the month's last day), else its plan's target date, else None (a
    season such as « Printemps-été » is no date)."""
    from unionplans.due import end_of_month
    from unionplans.importing import full_date, month_year

    for text in row.schedule:
        day, _invalid = full_date(text)
        if day:
            return day
        month = month_year(text)
        if month:
            return end_of_month(month)
    return row.plan.target_date


def due_items(*, user, today, until, organizations=None) -> list:
    """The unfinished rows of open plans that have a date (`row_due_date`), falling due by
    `until` or overdue (`unionplans.due`), only where `user` has ENTRAIDE (confidential);
    one query. Without `organizations`, the rows where `user` is among the responsables."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from unionplans.due import Item

    rows = permissions.scope(
        EntraideRow.objects.filter(plan__is_template=False)
        .exclude(state=EntraideRow.State.DONE)
        .exclude(plan__status=EntraidePlan.Status.CLOSED),
        user, permissions.ENTRAIDE, via="plan__organization",
    ).select_related("plan__organization")
    if organizations is not None:
        rows = rows.filter(plan__organization__in=organizations).prefetch_related(
            "responsible_users")
    else:
        rows = rows.filter(responsible_users=user)
    items = []
    for row in rows:
        due = row_due_date(row)
        if due is None or (until is not None and until < due and today <= due):
            continue
        items.append(Item(
            kind=str(EntraidePlan._meta.verbose_name).capitalize(),
            title=row.objective or next(iter(row.results), "") or next(iter(row.means), "")
            or str(row),
            organization=row.plan.organization,
            url=reverse("entraide:plan_detail", args=[row.plan.organization.slug, row.plan.pk])
            + f"#row-{row.pk}",
            context=str(row.plan), date=due,
            when=", ".join(row.schedule) if due != row.plan.target_date else long_date(due),
            overdue=due < today,
            why=", ".join(row.responsible_names) if organizations is not None
            else str(_("You are among its responsables.")),
            key=f"entraide-row:{row.pk}", confidential=True,
        ))
    return items
