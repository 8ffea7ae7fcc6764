"""Invitations by email: an exécutif invites an address with a role; the link works once.

The link's secret (`tokens.new_secret`) is only in the email: the database keeps its
sha256 digest (`Invitation.token_digest`, `tokens.digest`), so a copy of it opens nothing.
A link works for INVITATION_DAYS, once, unless it is revoked or replaced by a resend (a
resend mails a new secret: the old one cannot be mailed again, it was never kept).

Sending is rate-limited so that the feature cannot mail the world: every send (the first
one and each resend) is a historical record of the invitation with the change reason
SENT, by whoever sent it; they are counted per person per hour and per organization per
day. A mail that cannot be sent rolls the whole change back: no invitation is left that
nobody received.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notifications
from .accounts import normalize_email
from .dates import time_of_day
from .members import check_adviser_assignment
from .models import Invitation, Membership, Organization
from .people import display_name
from .templatetags.dates import long_date
from .tokens import digest, new_secret

logger = logging.getLogger(__name__)

INVITATION_DAYS = 7
RESEND_INTERVAL = timedelta(minutes=10)
# Sends (first ones and resends) allowed in a sliding window.
PER_PERSON = 50
PER_PERSON_WINDOW = timedelta(hours=1)
PER_ORGANIZATION = 500
PER_ORGANIZATION_WINDOW = timedelta(days=1)

SENT = "sent"  # the change reason of the historical record of each send

# What a link can be.
VALID, ACCEPTED, EXPIRED, REVOKED, UNKNOWN = "valid", "accepted", "expired", "revoked", "unknown"


def state_of(invitation: Invitation | None, now: datetime | None = None) -> str:
    if invitation is None:
        return UNKNOWN
    if invitation.accepted_at:
        return ACCEPTED
    if invitation.revoked_at:
        return REVOKED
    if invitation.expires_at <= (now or timezone.now()):
        return EXPIRED
    return VALID


@dataclass(frozen=True)
class Found:
    invitation: Invitation | None
    state: str


def invitation_for_token(token: str) -> Found:
    """The invitation a link's secret opens, and what the link is (VALID, ACCEPTED…)."""
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_digest=digest(token)).first()
    )
    return Found(invitation, state_of(invitation))


def invitations_of(organization: Organization) -> list[Invitation]:
    """The organization's invitations, newest first, each with its `state`."""
    invitations = list(
        organization.invitations.select_related("invited_by", "accepted_by")
        .order_by("-sent_at", "-pk")
    )
    now = timezone.now()
    for invitation in invitations:
        invitation.state = state_of(invitation, now)
    return invitations


# Writes


def invitation_create(
    *,
    organization: Organization,
    email: str,
    role: str,
    on_entraide_committee: bool = False,
    by,
    absolute_uri: Callable[[str], str],
) -> Invitation:
    """Invite `email` to `organization` as `role` and mail the link.

    An address that already has an open invitation there gets it again (with the role
    asked now) rather than a second one. `absolute_uri` turns the link's path into the
    address the mail carries (`request.build_absolute_uri`). Only a superuser invites a
    conseiller (`members.check_adviser_assignment`).
    """
    email = normalize_email(email)
    validate_email(email)
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."), code="role")
    check_adviser_assignment(by=by, old_role=None, new_role=role)
    if is_active_member(organization, email):
        raise ValidationError(
            _("%(email)s is already a member of %(organization)s.")
            % {"email": email, "organization": organization.short_name},
            code="member",
        )
    with transaction.atomic():
        _lock(organization)
        invitation = (
            Invitation.objects.select_for_update()
            .filter(organization=organization, email=email, accepted_at=None, revoked_at=None)
            .first()
        )
        if invitation is None:
            invitation = Invitation(organization=organization, email=email, invited_by=by,
                                    send_count=0)
        else:
            _check_resend_interval(invitation)
        invitation.role = role
        invitation.on_entraide_committee = on_entraide_committee
        _send(invitation, by=by, absolute_uri=absolute_uri)
    return invitation


def invitation_resend(*, invitation: Invitation, by,
                      absolute_uri: Callable[[str], str]) -> Invitation:
    """Mail a new link (the old one stops working), valid INVITATION_DAYS from now."""
    with transaction.atomic():
        _lock(invitation.organization)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = state_of(invitation)
        if state in (ACCEPTED, REVOKED):
            raise ValidationError(CLOSED[state](), code=state)
        _check_resend_interval(invitation)
        _send(invitation, by=by, absolute_uri=absolute_uri)
    return invitation


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """The link stops working; the invitation stays listed as revoked."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = state_of(invitation)
        if state in (ACCEPTED, REVOKED):
            raise ValidationError(CLOSED[state](), code=state)
        invitation.revoked_at = timezone.now()
        invitation._history_user = by
        invitation.full_clean()
        invitation.save(update_fields=("revoked_at", "updated_at"))
    return invitation


def invitation_accept(*, token: str, user) -> Membership:
    """`user` joins the organization with the invited role; the link is then used.

    A former member (inactive membership) is made active again with the invited role;
    someone already an active member is refused, their role unchanged. The conseiller role
    is given or taken by a superuser only: an invitation that would make someone a
    conseiller, or change a former conseiller's role, is refused unless its inviter is one
    (`members.check_adviser_assignment`, by = the inviter).
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("organization")
            .filter(token_digest=digest(token)).first()
        )
        state = state_of(invitation)
        if state != VALID:
            raise ValidationError(LINK_STATES[state](), code=state)
        organization = invitation.organization
        membership = (
            Membership.objects.select_for_update()
            .filter(user=user, organization=organization).first()
        )
        if membership is not None and membership.is_active:
            raise ValidationError(
                _("You are already a member of %(organization)s: this invitation is not "
                  "needed.") % {"organization": organization.name},
                code="member",
            )
        check_adviser_assignment(by=invitation.invited_by or AnonymousUser(),
                                 old_role=membership.role if membership else None,
                                 new_role=invitation.role)
        if membership is None:
            membership = Membership(user=user, organization=organization)
        membership.role = invitation.role
        membership.on_entraide_committee = invitation.on_entraide_committee
        membership.is_active = True
        membership.deactivated_at = None
        membership._history_user = user
        membership.full_clean()
        membership.save()

        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation._history_user = user
        invitation.save(update_fields=("accepted_at", "accepted_by", "updated_at"))
        notifications.notify(
            users=[invitation.invited_by_id], organization=organization,
            kind=notifications.Kind.INVITATION, by=user,
            url=reverse("members", args=[organization.slug]),
        )
    return membership


def is_active_member(organization: Organization, email: str) -> bool:
    return Membership.objects.filter(
        organization=organization, is_active=True, user__email__iexact=email
    ).exists()


# What a closed link says (functions: translated in the language of the moment).
CLOSED = {
    ACCEPTED: lambda: _("This invitation was already accepted."),
    REVOKED: lambda: _("This invitation was revoked."),
}
LINK_STATES = {
    **CLOSED,
    EXPIRED: lambda: _("This invitation expired. Ask the person who invited you for a new "
                       "one."),
    UNKNOWN: lambda: _("This invitation link is unknown: it may have been replaced by a "
                       "newer email, or copied incompletely."),
}


def _lock(organization: Organization) -> None:
    """Sends of one organization one at a time, so that two cannot both pass the limits."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _check_resend_interval(invitation: Invitation) -> None:
    allowed_at = invitation.sent_at + RESEND_INTERVAL
    if timezone.now() < allowed_at:
        raise ValidationError(
            _("This invitation was sent at %(sent)s: it can be sent again from %(allowed)s.")
            % {"sent": time_of_day(invitation.sent_at), "allowed": time_of_day(allowed_at)},
            code="resend_interval",
        )


def _check_limits(organization: Organization, by) -> None:
    sends = Invitation.history.filter(history_change_reason=SENT)
    now = timezone.now()
    mine = sends.filter(history_user_id=by.pk, history_date__gt=now - PER_PERSON_WINDOW)
    if again := _next_allowed(mine, PER_PERSON, PER_PERSON_WINDOW):
        raise ValidationError(
            _("You sent %(count)d invitations in the last hour, the most allowed: try again "
              "at %(time)s.") % {"count": PER_PERSON, "time": time_of_day(again)},
            code="person_limit",
        )
    theirs = sends.filter(organization_id=organization.pk,
                          history_date__gt=now - PER_ORGANIZATION_WINDOW)
    if again := _next_allowed(theirs, PER_ORGANIZATION, PER_ORGANIZATION_WINDOW):
        raise ValidationError(
            _("%(organization)s sent %(count)d invitations in the last 24 hours, the most "
              "allowed: try again on %(date)s at %(time)s.")
            % {"organization": organization.short_name, "count": PER_ORGANIZATION,
               "date": long_date(timezone.localtime(again)), "time": time_of_day(again)},
            code="organization_limit",
        )


def _next_allowed(sends, limit: int, window: timedelta) -> datetime | None:
    """When one more send fits in the window, or None if one fits now."""
    dates = list(sends.order_by("-history_date").values_list("history_date", flat=True)
                 [: limit])
    if len(dates) < limit:
        return None
    # Once the limit-th newest send leaves the window, only limit - 1 remain in it.
    return dates[-1] + window


def _send(invitation: Invitation, *, by, absolute_uri: Callable[[str], str]) -> None:
    """Give `invitation` a new secret, save it as a send and mail the link.

    Called inside the caller's transaction: a failed mail raises and rolls everything back.
    """
    _check_limits(invitation.organization, by)
    token = new_secret()
    now = timezone.now()
    invitation.token_digest = digest(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    invitation.send_count += 1
    invitation._history_user = by
    invitation._change_reason = SENT
    invitation.full_clean()
    invitation.save()
    link = absolute_uri(reverse("invitation_accept", args=[token]))
    message = invitation_message(invitation, link=link, by=by)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Invitation to %s for %s not sent: %r", invitation.email,
                       invitation.organization.slug, error)
        raise ValidationError(
            _("The invitation to %(email)s could not be sent (the mail server did not "
              "accept it), so nothing was saved. Try again in a few minutes.")
            % {"email": invitation.email},
            code="not_sent",
        ) from error


def invitation_message(invitation: Invitation, *, link: str, by) -> EmailMultiAlternatives:
    """The mail: French first, the same in English under it, whatever the page's language."""
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "link": link,
        "inviter": display_name(by) if by else "",
    }
    for language, suffix in (("fr-ca", "fr"), ("en", "en")):
        with translation.override(language):
            context[f"role_{suffix}"] = invitation.get_role_display()
            context[f"expires_{suffix}"] = long_date(timezone.localtime(invitation.expires_at))
    with translation.override("fr-ca"):
        subject = " ".join(
            render_to_string("unionplans/email/invitation_subject.txt", context).split()
        )
        text = render_to_string("unionplans/email/invitation.txt", context)
        html = render_to_string("unionplans/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL,
                                     [invitation.email])
    message.attach_alternative(html, "text/html")
    return message
