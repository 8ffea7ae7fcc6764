"""Account safety: one email address per account, login throttling, password-reset limits.

- `normalize_email` and `email_taken`: **the** rule for email addresses (stripped, compared
  case-insensitively; blank is allowed on any number of accounts). The database keeps it
  too (migration `unique_user_email`: a unique index on `LOWER(email)`). Whoever sets an
  email (admin, invitations, member import) calls these.
- Login throttling is django-axes (settings `AXES_*`); this module gives it the client's
  address (`client_ip`), the lock-out page (`lockout_response`) and a backend that leaves
  `authenticate()` without a request (shell, tests) alone (`ThrottlingBackend`).
- `account_create`: **the** way an account is made from an address (invitations; the
  username is `unique_username(email)`, which the member import uses too).
- `ThrottledPasswordResetForm`: the "forgotten password" form, limited per address and
  per client (settings `PASSWORD_RESET_LIMIT_*`), with the same answer either way. An
  active account that never had a password (made by the member import) gets the link too:
  that is how it gets in.
"""

import contextlib
import hashlib
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import dates
from .mail import MailNotConfigured


def normalize_email(email: str | None) -> str:
    """The address as stored: surrounding spaces removed, lower case ("" for none)."""
    return (email or "").strip().lower()


def email_taken(email: str | None, exclude_user=None) -> bool:
    """Whether another account already has `email`, compared case-insensitively.

    A blank address is never taken. `exclude_user`: the account being edited.
    """
    email = normalize_email(email)
    if not email:
        return False
    others = get_user_model().objects.filter(email__iexact=email)
    if exclude_user is not None and exclude_user.pk is not None:
        others = others.exclude(pk=exclude_user.pk)
    return others.exists()


def unique_usernames(emails: list[str]) -> list[str]:
    """A username for each email (the email itself), with -2, -3… where one is taken
    (by an existing account or by an earlier email of the list)."""
    User = get_user_model()
    limit = User._meta.get_field("username").max_length
    wanted = [email[:limit] for email in emails]
    taken = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    clashes = {name for name in wanted if name in taken}
    if clashes:
        starts = Q()
        for name in clashes:
            starts |= Q(username__startswith=f"{name[:limit - 6]}-")
        taken |= set(User.objects.filter(starts).values_list("username", flat=True))
    names = []
    for name in wanted:
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name[:limit - 6]}-{number}"
        taken.add(candidate)
        names.append(candidate)
    return names


def unique_username(email: str) -> str:
    """The username of a new account for `email`: the email, or email-2, -3… if taken."""
    return unique_usernames([email])[0]


def account_create(*, email: str, first_name: str = "", last_name: str = "",
                   password: str | None = None):
    """A new account for `email` (normalized; refused if another account has it).

    `password` None: an unusable one (the person sets it through « Mot de passe oublié »
    or an invitation's link). The caller validates the password (Django's validators).
    A concurrent account for the same address fails on the database's unique index
    (IntegrityError): the caller decides what to answer.
    """
    email = normalize_email(email)
    if email_taken(email):
        raise ValidationError(_("An account already uses %(email)s.") % {"email": email},
                              code="email_taken")
    user = get_user_model()(username=unique_username(email), email=email,
                            first_name=first_name, last_name=last_name)
    user.set_password(password)  # None: unusable
    user.save()
    return user


# Login throttling (django-axes).


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a proxy (`USE_X_FORWARDED_FOR`) the
    address our proxy appended, the right-most one of X-Forwarded-For (the ones before it
    are whatever the client sent)."""
    if getattr(settings, "USE_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


class ThrottlingBackend(AxesStandaloneBackend):
    """django-axes' backend, for login requests only.

    Every login page passes the request to `authenticate()`; a call without one (the shell,
    a management command, a test) is not a login attempt from the web and is not throttled,
    where axes' own backend would refuse it with an exception.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class MembershipRightsBackend(ModelBackend):
    """Django's backend for passwords; its model permissions grant nothing here.

    Rights come from memberships (`unionplans.permissions`); superusers hold every one
    (Django answers them before asking a backend). So a page never reads an account's
    model permissions: two queries an admin page otherwise, for nothing.
    """

    def _get_permissions(self, user_obj, obj, from_name):
        return set()


class UnlockOnPasswordChange:
    """Not a rule on passwords: Django tells every validator when a password is set
    (`password_changed`), and choosing a new one (« Mot de passe oublié », the admin) lifts
    a lock on that account's login."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.get_username():
            AccessAttempt.objects.filter(username=user.get_username()).delete()

    def get_help_text(self):
        return _("Choosing a new password also lifts a lock on your login.")


def unlock_time(request, credentials=None):
    """When the lock on this login ends: its latest counted failure plus the cool-off."""
    cool_off = get_cool_off(request) or timedelta(0)
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get(
        settings.AXES_USERNAME_FORM_FIELD
    )
    latest = None
    if username:
        latest = AccessAttempt.objects.filter(username=username).aggregate(
            latest=Max("attempt_time")
        )["latest"]
    return (latest or getattr(request, "axes_attempt_time", None) or timezone.now()) + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """The page of a locked-out login (AXES_LOCKOUT_CALLABLE): when to try again, and how
    to be unlocked sooner. 429, on the site's login page as on the admin's."""
    until = unlock_time(request, credentials)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    context = {
        "until": dates.time_of_day(until),
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/lockout.html", context, status=429)


# The "forgotten password" form.


def _over_limit(scope: str, value: str, limit: int, window: int) -> bool:
    """Count one request for `value` in the current window of `window` seconds; whether it
    goes past `limit`. The value is hashed: no address is kept in the cache as typed."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"password-reset:{scope}:{digest}:{int(timezone.now().timestamp()) // window}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's form, sending nothing past `PASSWORD_RESET_LIMIT_PER_EMAIL` requests for an
    address or `PASSWORD_RESET_LIMIT_PER_IP` from one client in `PASSWORD_RESET_LIMIT_WINDOW`
    seconds. The answer is the same whether the address exists, and whether it was sent.

    Django's `get_users` leaves out accounts with an unusable password; here an active
    account that never had one (the member import makes them) gets the link too, as
    Django's documentation suggests overriding it for: the link proves the mailbox.
    """

    def get_users(self, email):
        email = normalize_email(email)
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if normalize_email(user.email) == email)

    def save(self, *args, request=None, **kwargs):
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        email = normalize_email(self.cleaned_data["email"])
        over_ip = request is not None and _over_limit(
            "ip", client_ip(request) or "", settings.PASSWORD_RESET_LIMIT_PER_IP, window
        )
        over_email = _over_limit("email", email, settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window)
        if over_ip or over_email:
            return
        with contextlib.suppress(MailNotConfigured):  # the page said no mail is sent here
            super().save(*args, request=request, **kwargs)

