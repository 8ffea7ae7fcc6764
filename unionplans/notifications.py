"""Notifications in the app (the bell): made by the services that change things, read and
marked read by their person only. No mail here (reminders by email are another module).

Who is notified:
- a dossier changes stage (`vpp.services`): the people named on it, but not who moved it;
- a plan is published (`plans.services.plan_transition`): the organization's active members
  who chose it (`Membership.notify_published_plans`, per organization), but not who did it;
  withdrawn (`withdraw`) when the plan goes back to a draft or is deleted;
- an invitation is accepted (`unionplans.invitations`): who sent it;
- an import from Word is finished (`unionplans.import_flow`): who imported.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Membership, Notification, Organization
from .people import display_name

Kind = Notification.Kind
SHOWN = 100  # the latest notifications listed on the page; older ones stay, read or not

SENTENCES = {
    # (subject, detail, organization) → the sentence, in the reader's language
    Kind.STAGE: lambda n: _("The dossier « %(subject)s » moved to the stage « %(stage)s ».")
    % {"subject": n.subject, "stage": _(n.detail)},
    Kind.PUBLISHED: lambda n: _("The plan « %(subject)s » of %(organization)s is published.")
    % {"subject": n.subject, "organization": n.organization.short_name},
    Kind.INVITATION: lambda n: _("%(subject)s accepted your invitation to %(organization)s.")
    % {"subject": display_name(n.actor) if n.actor else n.subject,
       "organization": n.organization.short_name},
    Kind.IMPORT: lambda n: _("Your import from Word is finished: %(subject)s")
    % {"subject": n.subject},
}


def sentence(notification: Notification) -> str:
    return SENTENCES[notification.kind](notification)


def msgid(label) -> str:
    """A lazy label's English msgid, stored so that each reader gets it in their language."""
    with translation.override(None):
        return str(label)


def notify(*, users: Iterable, organization: Organization, kind: str, url: str,
           subject: str = "", detail: str = "", by=None) -> list[Notification]:
    """One notification for each of `users` (ids or accounts, each once), except `by`
    (who made the change, kept as its actor); written with the change, in its transaction."""
    ids = {getattr(user, "pk", user) for user in users if user is not None}
    actor = by if getattr(by, "pk", None) else None
    ids.discard(getattr(actor, "pk", None))
    notifications = [
        Notification(user_id=pk, organization=organization, kind=kind, actor=actor,
                     subject=subject[:300], detail=detail[:200], url=url[:500])
        for pk in sorted(ids)
    ]
    return Notification.objects.bulk_create(notifications)


def withdraw(*, organization: Organization, kind: str, url: str) -> int:
    """Remove the notifications of a change since undone (a plan published, then sent back
    to the executive, or deleted): their link would lead to a page members can no longer
    open. How many were removed."""
    return Notification.objects.filter(organization=organization, kind=kind, url=url).delete()[0]


def published_plan_subscribers(organization: Organization) -> QuerySet:
    """The ids of the organization's active members who chose to be told of published plans."""
    return Membership.objects.filter(
        organization=organization, is_active=True, notify_published_plans=True,
        user__is_active=True,
    ).values_list("user_id", flat=True)


def subscriptions_set(*, user, organization_ids: Iterable) -> None:
    """`user` is notified of the plans published in these organizations only (among their
    active memberships; any other id is ignored)."""
    chosen = {int(pk) for pk in organization_ids if str(pk).isdigit()}
    with transaction.atomic():
        for membership in Membership.objects.select_for_update().filter(
            user=user, is_active=True
        ):
            on = membership.organization_id in chosen
            if on != membership.notify_published_plans:
                membership.notify_published_plans = on
                membership._history_user = user
                membership.save(update_fields=["notify_published_plans", "updated_at"])


# Reads and marks: only the person's own


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user)
                .select_related("organization", "actor")[:SHOWN])


def mark_read(*, user, pk: int) -> Notification:
    """Marks one of `user`'s notifications read; another's is `DoesNotExist` (404)."""
    notification = Notification.objects.get(user=user, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
