"""Reads of entraide plans, always on behalf of someone (HackSoft selectors)."""

from django.db.models import Q, QuerySet

from unionplans import permissions
from unionplans.models import Organization

from . import services
from .models import EntraidePlan, EntraideRow


def plans_visible_to(*, user, organization: Organization) -> QuerySet[EntraidePlan]:
    """The organization's plans (not its templates), if `user` is on its comité d'entraide."""
    plans = EntraidePlan.objects.filter(organization=organization, is_template=False)
    return permissions.scope(plans, user, permissions.ENTRAIDE)


def templates_for(*, user, organization: Organization) -> QuerySet[EntraidePlan]:
    """The built-in templates and the organization's own, as `user` may use them."""
    services.builtin_templates_ensure()
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
    rows = list(plan.rows.order_by("position", "pk"))
    leader = None
    for row in rows:
        if row.objective or leader is None:
            leader = row
            row.objective_span = 1
        else:
            leader.objective_span += 1
            row.objective_span = 0
    return rows
