"""Two-factor authentication: a code from an authenticator app (TOTP, django-otp) after
the password.

- Anyone may turn it on from *Mon compte*; an organization may require it of its exécutif
  and of everyone who reads its comité d'entraide's plans (`requirement_set`).
- Whoever has a confirmed device, or is required to have one, is asked at login: until
  the code is given (or, when required, a device set up), every page leads to that step.
  The need is decided once, at login, and kept in the session: no query on other requests.
- Turning the requirement on ends the sessions of the people it concerns (but not the
  exécutif's who turned it on, who must have a device already), so none keeps reading
  without the second factor.
- django-otp's TOTP device throttles wrong codes itself; a superuser removes a lost
  device in the admin (OTP > TOTP devices).
"""

from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import permissions, sessions
from .models import Membership, Organization

NEEDED = "unionplans_two_factor"  # in the session: the login still waits for a code
DEVICE_NAME = "UnionPlans"
# What a session that waits for its code may still open.
OPEN_ROUTES = ("two_factor", "two_factor_setup", "logout", "set_language", "health")


def device_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def required_for(user) -> bool:
    """Whether an organization of `user` requires it of them (exécutif, or on its comité
    d'entraide)."""
    return Membership.objects.filter(
        Q(role=Membership.Role.EXECUTIVE) | Q(on_entraide_committee=True),
        user=user, is_active=True, organization__requires_two_factor=True,
    ).exists()


@receiver(user_logged_in, dispatch_uid="unionplans-two-factor")
def _at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if device_of(user) is not None or required_for(user):
        request.session[NEEDED] = True


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a session waiting for its code opens nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.get(NEEDED):
            try:
                route = resolve(request.path_info).url_name
            except Resolver404:
                route = None
            if route not in OPEN_ROUTES:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('two_factor')}?{query}")
        return self.get_response(request)


def verify(request, token: str) -> bool:
    """Complete the login with the code of the person's device."""
    device = device_of(request.user)
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        return False
    otp_login(request, device)
    request.session.pop(NEEDED, None)
    return True


def waits_before_next_try(device: TOTPDevice) -> bool:
    """Whether django-otp's delay after wrong codes (doubling from 1 second) is worth
    telling: from the third wrong code in a row, when it still runs."""
    device.refresh_from_db()
    return device.throttling_failure_count > 2 and not device.verify_is_allowed()[0]


def setup_device(user) -> TOTPDevice:
    """The unconfirmed device whose key the setup page shows, made once."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME})
    return device


def setup_confirm(request, device: TOTPDevice, token: str) -> bool:
    """The first code proves the app holds the key: the device counts from now on."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session.pop(NEEDED, None)
    return True


def device_remove(user) -> None:
    if required_for(user):
        raise ValidationError(_("An organization of yours requires two-factor authentication "
                                "of you: it cannot be turned off."), code="required")
    TOTPDevice.objects.filter(user=user).delete()


def requirement_set(*, organization: Organization, required: bool, by) -> Organization:
    """Require (or not) two-factor authentication of the exécutif and the comité d'entraide."""
    if not permissions.has_ability(by, organization, permissions.MANAGE_MEMBERS):
        raise ValidationError(_("Only the organization's exécutif decides this."),
                              code="not_allowed")
    if required and device_of(by) is None:
        raise ValidationError(_("Turn on two-factor authentication for yourself first (Mon "
                                "compte), so as not to lock yourself out."), code="no_device")
    with transaction.atomic():
        current = Organization.objects.select_for_update().get(pk=organization.pk)
        current.requires_two_factor = required
        current._history_user = by
        current.save(update_fields=["requires_two_factor", "updated_at"])
    organization.requires_two_factor = required
    if required:
        concerned = organization.memberships.filter(
            Q(role=Membership.Role.EXECUTIVE) | Q(on_entraide_committee=True), is_active=True,
        ).exclude(user=by).select_related("user")
        for membership in concerned:
            sessions.sessions_end_all(membership.user)
    return organization
