"""The bell's page: one's notifications, marked read one by one or all at once (POST), and
the choice, per organization, of being notified of its published plans."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import notifications
from .models import Membership, Notification


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = notifications.notifications_of(request.user)
    for item in items:
        item.sentence = notifications.sentence(item)
    memberships = (
        Membership.objects.filter(user=request.user, is_active=True)
        .select_related("organization").order_by("organization__name")
    )
    return render(request, "unionplans/notifications.html", {
        "notifications": items, "memberships": memberships,
        "unread": sum(item.read_at is None for item in items),
    })


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks it read; with `open`, goes on to its object (a path of this site only)."""
    try:
        notification = notifications.mark_read(user=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if "open" in request.POST and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts=None
    ):
        return redirect(notification.url)
    return redirect("notifications")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notifications.mark_all_read(user=request.user)
    return redirect("notifications")


@require_POST
@login_required
def notification_subscriptions(request: HttpRequest) -> HttpResponse:
    """The boxes ticked are the organizations whose published plans notify the person."""
    notifications.subscriptions_set(user=request.user,
                                    organization_ids=request.POST.getlist("organization"))
    return redirect("notifications")
