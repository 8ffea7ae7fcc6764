from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import documents, members, pdf, permissions, services
from .due import WINDOW_DAYS, due_by_organization, due_for
from .forms import SharingForm
from .models import Membership, Organization

ROLE_ORDER = list(Membership.Role)
DASHBOARD_SHOWN = 8  # items of an organization's card; the rest are counted


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """« À échéance » (what falls due in 30 days, and what is overdue) for the person, then
    each organization the person belongs to with its own, its role and its apps."""
    user = request.user
    own_role = Membership.objects.filter(organization=OuterRef("pk"), user=user)
    organizations = list(
        permissions.organizations_for(user)
        .select_related("parent")
        .annotate(role=Subquery(own_role.values("role")[:1]))
        .order_by("name")
    )
    due = due_by_organization(user=user, organizations=organizations)
    with_entraide = set(permissions.organizations_for(user, permissions.ENTRAIDE)
                        .values_list("pk", flat=True)) if organizations else set()
    for organization in organizations:
        organization.role_label = permissions.role_label(organization.role)
        organization.due = due[organization.pk]
        organization.can_see_entraide = organization.pk in with_entraide
    return render(request, "unionplans/dashboard.html", {
        "organizations": organizations, "due": due_for(user=user), "window_days": WINDOW_DAYS,
        "shown": DASHBOARD_SHOWN,
    })


@permissions.organization_view()
def organization_detail(request: HttpRequest) -> HttpResponse:
    organization, access = request.organization, request.access
    can_view_members = permissions.VIEW_MEMBERS in access
    context = {
        "role_label": access.role_label,
        # Its exécutif and conseillers see every affiliate and what each shares with them.
        "affiliates": organization.affiliates.order_by("name")
        if permissions.VIEW_INTERNAL in access
        else permissions.scope(organization.affiliates.all(), request.user, via=""),
        "can_see_affiliates": permissions.VIEW_INTERNAL in access,
        "can_share": permissions.EDIT in access and organization.parent_id is not None,
        "can_edit": permissions.EDIT in access,
        "can_view_members": can_view_members,
        "memberships": members_by_role(organization) if can_view_members else [],
        "can_see_entraide": permissions.ENTRAIDE in access,
        "can_see_internal": permissions.VIEW_INTERNAL in access,
    }
    return render(request, "unionplans/organization_detail.html", context)


@permissions.organization_view(permissions.EDIT, methods=("GET", "POST"))
def organization_sharing(request: HttpRequest) -> HttpResponse:
    """An affiliate's exécutif decides what the body it is affiliated to may read."""
    organization = request.organization
    if organization.parent_id is None:
        raise Http404
    form = SharingForm(request.POST or None, initial={
        "shares_plans": organization.shares_plans_with_parent,
        "shares_dossiers": organization.shares_dossiers_with_parent,
    })
    if request.method == "POST" and form.is_valid():
        services.organization_sharing_update(organization=organization, by=request.user,
                                             **form.cleaned_data)
        messages.success(request, _("What you share was saved."))
        return redirect("organization_detail", organization.slug)
    return render(request, "unionplans/sharing.html", {"form": form})


@permissions.organization_view(permissions.VIEW_INTERNAL)
def affiliates(request: HttpRequest) -> HttpResponse:
    """The affiliates of a conseil central and what each shares with it."""
    context = {"affiliates": request.organization.affiliates.order_by("name")}
    return render(request, "unionplans/affiliates.html", context)


@permissions.organization_view(permissions.VIEW_MEMBERS)
def member_list_pdf(request: HttpRequest) -> HttpResponse:
    return pdf.pdf_response(request, documents.member_list(request.organization))


def members_by_role(organization: Organization) -> list[Membership]:
    """The active members (`unionplans.members.members_of`): exécutifs first, then
    conseillers and membres, each by name."""
    return sorted(members.members_of(organization), key=lambda m: ROLE_ORDER.index(m.role))


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database and the cache answer, else 503."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse({name: "ok" if up else "error" for name, up in checks.items()},
                        status=status)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _cache_answers() -> bool:
    try:
        cache.set("health", "ok", 10)
        return cache.get("health") == "ok"
    except Exception:  # any backend error means the cache is down
        return False
