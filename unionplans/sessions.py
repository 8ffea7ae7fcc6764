"""Sessions on shared office computers: they end after a period of inactivity, at once on
closing the browser when "public computer" was ticked at login, and a person can end all
of theirs from their account ("log out everywhere").

- `IdleTimeoutMiddleware`: a session unused for `SESSION_IDLE_MINUTES` (on a public
  computer `SESSION_PUBLIC_IDLE_MINUTES`) is ended at its next request, which leads to
  the login page with a message. The last activity is written at most once a minute, so
  reading pages does not write the session on every request.
- `SessionRecord`: the sessions of each person (Django's sessions are not indexed by
  person), recorded at login and forgotten at logout, so that `sessions_end_all` ends each
  one through the session engine, whatever the engine.
"""

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy, ngettext

from .models import SessionRecord

LAST_SEEN = "unionplans_last_seen"  # seconds since the epoch
PUBLIC = "unionplans_public_computer"
WRITE_EVERY = 60  # seconds between two writes of the last activity


def idle_limit(session) -> int:
    """The minutes of inactivity after which `session` ends."""
    if session.get(PUBLIC):
        return settings.SESSION_PUBLIC_IDLE_MINUTES
    return settings.SESSION_IDLE_MINUTES


class IdleTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self._check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request):
        session, now = request.session, int(time.time())
        last_seen = session.get(LAST_SEEN, now)
        minutes = idle_limit(session)
        if now - last_seen > minutes * 60:
            logout(request)
            messages.info(request, ngettext(
                "Your session ended after %(minutes)d minute without activity: log in again.",
                "Your session ended after %(minutes)d minutes without activity: log in again.",
                minutes) % {"minutes": minutes})
            return redirect_to_login(request.get_full_path())
        if LAST_SEEN not in session or now - last_seen >= WRITE_EVERY:
            session[LAST_SEEN] = now
            SessionRecord.objects.filter(session_key=session.session_key).update(
                last_seen_at=timezone.now())
        return None


def start_public_session(request) -> None:
    """At login: the session ends when the browser closes, and sooner when idle."""
    request.session.set_expiry(0)
    request.session[PUBLIC] = True
    SessionRecord.objects.filter(session_key=request.session.session_key).update(public=True)


@receiver(user_logged_in, dispatch_uid="unionplans-session-record")
def _record(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    request.session[LAST_SEEN] = int(time.time())
    SessionRecord.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "user_agent": request.headers.get("User-Agent", "")[:200]},
    )


@receiver(user_logged_out, dispatch_uid="unionplans-session-forget")
def _forget(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        SessionRecord.objects.filter(session_key=request.session.session_key).delete()


def sessions_of(user) -> list[SessionRecord]:
    """The person's open sessions, most recently used first (ended ones forgotten)."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    records = list(user.session_records.order_by("-last_seen_at"))
    ended = [record.pk for record in records if not store().exists(record.session_key)]
    if ended:
        SessionRecord.objects.filter(pk__in=ended).delete()
    return [record for record in records if record.pk not in ended]


def sessions_end_all(user) -> int:
    """End every session of `user` (the current one included); how many there were."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    records = list(user.session_records.all())
    for record in records:
        store(session_key=record.session_key).delete()
    SessionRecord.objects.filter(pk__in=[record.pk for record in records]).delete()
    return len(records)


def ended_everywhere_message(count: int) -> str:
    return ngettext("%(count)d session ended.", "%(count)d sessions ended.", count) % {
        "count": count}


class LoginForm(AuthenticationForm):
    public_computer = forms.BooleanField(label=gettext_lazy("Public or shared computer"),
                                         required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_computer"].help_text = ngettext(
            "The session ends when the browser closes, or after %(minutes)d minute "
            "without activity.",
            "The session ends when the browser closes, or after %(minutes)d minutes "
            "without activity.", settings.SESSION_PUBLIC_IDLE_MINUTES,
        ) % {"minutes": settings.SESSION_PUBLIC_IDLE_MINUTES}


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("public_computer"):
            start_public_session(self.request)
        return response
