"""Private iCalendar feeds: a person's deadlines and steps (what `unionplans.due` says they
answer for) and, for its exécutif, an organization's (its plans' steps, its dossiers'
deadlines and tasks).

An address is a secret: only its sha256 is kept (as for invitation links), so it is shown
once, when made; making a new one revokes the old. A feed answers 404 for an unknown or
revoked secret, a deactivated account, or an organization feed whose owner is no longer
its exécutif. The comité d'entraide's rows are confidential and are never put in a feed
(a calendar service keeps what it reads). Every date is an all-day event (`VALUE=DATE`):
a deadline counted in working days falls on its day in every time zone and across the
clock changes (1 November).
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from . import permissions
from .due import due_for
from .models import CalendarFeed, Organization
from .tokens import digest, new_secret

TIME_ZONE = "America/Montreal"


def feeds_of(user) -> list[CalendarFeed]:
    """The person's active feeds (their own, and their organizations')."""
    return list(CalendarFeed.objects.filter(user=user, revoked_at__isnull=True)
                .select_related("organization"))


def feed_create(*, user, organization: Organization | None = None) -> str:
    """A new secret address for `user`'s calendar (or `organization`'s, which the caller
    checked `user` runs); the previous one stops working. Returns the secret, shown once."""
    if organization is not None and not permissions.has_ability(
        user, organization, permissions.EDIT
    ):
        raise PermissionError("only an organization's exécutif has its calendar")
    token = new_secret()
    with transaction.atomic():
        _revoke(CalendarFeed.objects.filter(user=user, organization=organization))
        CalendarFeed.objects.create(user=user, organization=organization,
                                    token_digest=digest(token))
    return token


def feed_revoke(*, user, pk: int) -> CalendarFeed:
    """Stops one of `user`'s feeds; another's is `DoesNotExist` (404)."""
    feed = CalendarFeed.objects.get(user=user, pk=pk, revoked_at__isnull=True)
    _revoke(CalendarFeed.objects.filter(pk=feed.pk))
    return feed


def _revoke(feeds) -> None:
    feeds.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this secret opens, or None."""
    feed = (
        CalendarFeed.objects.select_related("user", "organization")
        .filter(token_digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    if feed.organization is not None and not permissions.has_ability(
        feed.user, feed.organization, permissions.EDIT
    ):
        return None
    return feed


def feed_ics(feed: CalendarFeed, absolute: Callable[[str], str],
             today: datetime.date | None = None) -> bytes:
    """The feed as iCalendar text: every open dated thing, overdue or to come, in French."""
    organizations = None if feed.organization is None else [feed.organization]
    with translation.override("fr-ca"):
        items = due_for(user=feed.user, today=today, days=None, organizations=organizations)
        calendar = Calendar()
        calendar.add("prodid", "-//UnionPlans//Calendriers//FR")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", feed.organization.short_name if feed.organization
                     else _("UnionPlans: my deadlines"))
        calendar.add("x-wr-timezone", TIME_ZONE)
        stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
        for item in items:
            if item.confidential:  # a calendar service is outside the app: never sent
                continue
            event = Event()
            event.add("uid", f"{item.key}@unionplans")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.date)  # a date: VALUE=DATE, an all-day event
            event.add("dtend", item.date + datetime.timedelta(days=1))
            event.add("summary", f"{item.kind} : {item.title[:200]}")
            event.add("description", "\n".join(
                text for text in (item.context, item.why, absolute(item.url)) if text))
            event.add("url", absolute(item.url))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
