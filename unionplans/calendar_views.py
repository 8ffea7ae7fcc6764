"""« Calendriers »: one's private feed addresses (made, shown once, revoked), and the feeds
themselves, opened by their secret alone (calendar apps send no cookie)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from . import calendars, permissions
from .models import CalendarFeed


def _page(request: HttpRequest, *, new_url: str = "", new_for=None, status: int = 200):
    feeds = {feed.organization_id: feed for feed in calendars.feeds_of(request.user)}
    organizations = list(permissions.organizations_for(request.user, permissions.EDIT)
                         .order_by("name"))
    return render(request, "unionplans/calendars.html", {
        "own": feeds.get(None),
        "organizations": [(organization, feeds.get(organization.pk))
                          for organization in organizations],
        "new_url": new_url, "new_for": new_for,
    }, status=status)


@require_GET
@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@login_required
def calendar_create(request: HttpRequest) -> HttpResponse:
    """A new address (the old one stops): shown in this answer only, as it is not kept."""
    organization = None
    slug = request.POST.get("organization", "")
    if slug:  # 404 out of reach, 403 for a membre or a conseiller
        organization, _access = permissions.get_organization_for_user(
            request.user, slug, permissions.EDIT
        )
    token = calendars.feed_create(user=request.user, organization=organization)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    return _page(request, new_url=url, new_for=organization or "own")


@require_POST
@login_required
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        calendars.feed_revoke(user=request.user, pk=pk)
    except CalendarFeed.DoesNotExist:
        raise Http404 from None
    return _page(request)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendars.feed_for_token(token)
    if feed is None:
        raise Http404
    response = HttpResponse(calendars.feed_ics(feed, request.build_absolute_uri),
                            content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
