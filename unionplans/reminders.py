"""Reminders by email: what is due, the sent-log that sends each once, and the sending.

One service for the three callers (beat's task, `manage.py send_reminders` from cron, the
tests): `run(now)` plans what is due today, then `dispatch` hands each reminder to send to
`unionplans.tasks.send_reminder` (a worker with a broker, the same process without).

- **What is due** comes from the apps, as « Mes actions » does (this package imports no
  app): each app with a `reminders.py` gives `due(*, today) -> Iterable[Due]`, in a fixed
  number of queries whatever the number of rows, and `content(*, key, user, today) ->
  Content | None`, the message's text in the language of the moment (None: nothing left
  to remind, e.g. the deadline was met). The weekly digest is this module's own.
- **Never twice**: a reminder is a `SentReminder` row, unique by (person, key), and the
  key says what falls when (`vpp.deadline:12:2026-12-09:5`). Planning twice inserts
  nothing; a worker claims a row (one UPDATE) before sending, so two workers, or a task
  queued twice, send it once. A deadline moved after its reminder has a new key, hence a
  new reminder, with the new date.
- **Never lost**: a mail server that cannot be reached leaves the row FAILED, tried again
  after 1, 2, 4… minutes (up to MAX_ATTEMPTS, then GAVE_UP, shown in the admin), by the
  task itself with a broker and by the next `dispatch` in any case; a worker that died
  while sending lets its claim lapse after CLAIM_TIMEOUT.
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from .models import Membership, Reminder, ReminderPreference, SentReminder
from .people import display_name
from .templatetags.dates import long_date

logger = logging.getLogger(__name__)

Status = SentReminder.Status

MAX_ATTEMPTS = 8
CLAIM_TIMEOUT = datetime.timedelta(minutes=15)
# Rows this old are not looked at when planning: their keys' dates are long past.
PLANNING_MEMORY = datetime.timedelta(days=120)
UNSUBSCRIBE_SALT = "unionplans.reminders.unsubscribe"
LANGUAGES = ("fr-ca", "en")


@dataclass(frozen=True)
class Due:
    """A reminder someone is due: the person, its kind (a `Reminder`) and its key."""

    user_id: int
    kind: str
    key: str


@dataclass
class Content:
    """A message's text, in one language."""

    subject: str
    title: str  # what it is about: the dossier, the action
    facts: list[str]  # what falls when
    reason: str  # why this person receives it
    url: str  # the page, absolute
    items: list = field(default_factory=list)  # the digest's lines: (text, when, url)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4… minutes after the 1st, 2nd, 3rd… failed attempt, at most 6 hours."""
    return min(datetime.timedelta(minutes=2 ** (attempts - 1)), datetime.timedelta(hours=6))


# What is due


def _sources() -> dict[str, object]:
    """Each app's `reminders` module, by app label (a key starts with its label)."""
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or config.name == "unionplans":
            continue
        if module_has_submodule(config.module, "reminders"):
            found[config.label] = import_module(f"{config.name}.reminders")
    return found


def members_of(organization_ids: Iterable[int]) -> dict[tuple[int, int], str]:
    """(user id, organization id) → role, for the active memberships of active accounts
    with an address: the only people reminders go to. One query."""
    rows = Membership.objects.filter(
        organization_id__in=set(organization_ids), is_active=True, user__is_active=True
    ).exclude(user__email="").values_list("user_id", "organization_id", "role")
    return {(user_id, organization_id): role for user_id, organization_id, role in rows}


def week_of(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def digest_due(*, today: datetime.date) -> list[Due]:
    """On Mondays, a digest to everyone with an active membership; whether it is empty is
    known when it is written (`digest_content`), and an empty one is not sent."""
    if today.weekday() != 0:
        return []
    year, week, _day = today.isocalendar()
    people = (
        Membership.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__email="").values_list("user_id", flat=True).distinct()
    )
    return [Due(user_id, Reminder.DIGEST, f"digest:{year}-W{week:02d}") for user_id in people]


def due_on(today: datetime.date) -> list[Due]:
    """Every reminder due `today`, that its person has not turned off."""
    dues = [due for source in _sources().values() for due in source.due(today=today)]
    dues += digest_due(today=today)
    refused = {
        (user_id, kind)
        for kind in Reminder.values
        for user_id in ReminderPreference.objects.filter(**{kind: False})
        .values_list("user_id", flat=True)
    }
    return [due for due in dues if (due.user_id, due.kind) not in refused]


def plan(*, today: datetime.date) -> int:
    """Record the reminders due `today` that are not in the sent-log yet; how many."""
    known = set(
        SentReminder.objects.filter(created_at__gte=timezone.now() - PLANNING_MEMORY)
        .values_list("user_id", "key")
    )
    new = {(due.user_id, due.key): due for due in due_on(today)
           if (due.user_id, due.key) not in known}
    # Another planner running at once may insert the same rows: the unique key keeps one.
    SentReminder.objects.bulk_create(
        [SentReminder(user_id=due.user_id, kind=due.kind, key=due.key) for due in new.values()],
        ignore_conflicts=True,
    )
    return len(new)


def to_send(now: datetime.datetime) -> Q:
    """The rows a sender may claim: planned, failed and due for a retry, or claimed by a
    sender that has not finished in CLAIM_TIMEOUT."""
    return Q(status=Status.PENDING) | Q(
        status__in=(Status.FAILED, Status.SENDING), next_attempt_at__lte=now,
        attempts__lt=MAX_ATTEMPTS,  # a message that crashes its sender is not tried forever
    )


def dispatch(*, now: datetime.datetime | None = None) -> int:
    """Queue every reminder there is to send; how many were queued."""
    from .tasks import send_reminder

    now = now or timezone.now()
    ids = list(SentReminder.objects.filter(to_send(now)).values_list("pk", flat=True))
    for pk in ids:
        send_reminder.delay(pk)
    return len(ids)


def run(*, now: datetime.datetime | None = None) -> int:
    """Plan today's reminders, then send all that are waiting (retries included)."""
    now = now or timezone.now()
    plan(today=timezone.localdate(now))
    return dispatch(now=now)


# Sending


def claim(pk: int, now: datetime.datetime) -> SentReminder | None:
    """The row, now SENDING for this sender only; None when another has it or it is done."""
    claimed = SentReminder.objects.filter(to_send(now), pk=pk).update(
        status=Status.SENDING, next_attempt_at=now + CLAIM_TIMEOUT, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return SentReminder.objects.select_related("user").get(pk=pk)


def deliver(pk: int, *, now: datetime.datetime | None = None) -> str:
    """Send reminder `pk` if it is still to send; its status afterwards."""
    now = now or timezone.now()
    row = claim(pk, now)
    if row is None:
        return "taken"
    message = message_for(row, today=timezone.localdate(now))
    if message is None:
        row.status, row.next_attempt_at = Status.SKIPPED, None
        row.save(update_fields=["status", "next_attempt_at"])
        return row.status
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Reminder %s to %s not sent (attempt %d): %r", row.key, row.user.email,
                       row.attempts, error)
        given_up = row.attempts >= MAX_ATTEMPTS
        row.status = Status.GAVE_UP if given_up else Status.FAILED
        row.next_attempt_at = None if given_up else now + backoff(row.attempts)
        row.last_error = repr(error)[:500]
        row.save(update_fields=["status", "next_attempt_at", "last_error"])
        return row.status
    row.status, row.sent_at, row.next_attempt_at = Status.SENT, now, None
    row.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return row.status


def retry_now(*, rows) -> int:
    """The admin's action: send these failed reminders again at the next dispatch."""
    return rows.filter(status__in=(Status.FAILED, Status.GAVE_UP)).update(
        status=Status.PENDING, next_attempt_at=None, attempts=0
    )


# The message


def preferences_of(user) -> ReminderPreference:
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def content_for(row: SentReminder, *, today: datetime.date) -> Content | None:
    if row.kind == Reminder.DIGEST:
        return digest_content(user=row.user, today=today)
    source = _sources().get(row.key.split(".", 1)[0])
    return source.content(key=row.key, user=row.user, today=today) if source else None


def message_for(row: SentReminder, *, today: datetime.date) -> EmailMultiAlternatives | None:
    """The mail of `row`, from today's data: French, then English for those who asked; None
    when its person turned the kind off since, or there is nothing left to remind."""
    preferences = preferences_of(row.user)
    if not preferences.wants(row.kind) or not row.user.email:
        return None
    languages = LANGUAGES if preferences.english else LANGUAGES[:1]
    unsubscribe = absolute(reverse("reminders_unsubscribe", args=[unsubscribe_token(
        user=row.user, kind=row.kind)]))
    parts = []
    for language in languages:
        with translation.override(language):
            content = content_for(row, today=today)
            if content is None:
                return None
            context = {
                "content": content, "person": display_name(row.user),
                "kind": Reminder(row.kind).label, "unsubscribe": unsubscribe,
                "preferences": absolute(reverse("reminder_preferences")), "language": language,
            }
            parts.append({
                "content": content,
                "text": render_to_string("reminders/email_part.txt", context),
                "html": render_to_string("reminders/email_part.html", context),
                "language": language,
            })
    subject = parts[0]["content"].subject
    context = {"parts": parts, "subject": subject}
    message = EmailMultiAlternatives(
        subject, render_to_string("reminders/email.txt", context),
        settings.DEFAULT_FROM_EMAIL, [row.user.email],
        headers={
            # One-click unsubscribe (RFC 8058): the mail client POSTs to the link.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("reminders/email.html", context), "text/html")
    return message


def digest_content(*, user, today: datetime.date) -> Content | None:
    """« Cette semaine »: what `user` answers for that falls by Sunday, overdue included
    (`unionplans.due.due_for`); None when there is nothing.

    The comité d'entraide's rows are confidential: an email leaves the app, so they are
    counted, never written."""
    from .due import due_for

    _monday, sunday = week_of(today)
    items = due_for(user=user, today=today, days=(sunday - today).days)
    if not items:
        return None
    shown = [item for item in items if not item.confidential]
    hidden = len(items) - len(shown)
    overdue = sum(item.overdue for item in items)
    lines = [(" — ".join(filter(None, [
                 f"{item.kind} — {item.title[:120]} ({item.organization.short_name})",
                 item.why])),
              item.when or long_date(item.date), absolute(item.url), item.overdue)
             for item in shown]
    facts = [translation.ngettext("%(count)d thing to do by %(sunday)s",
                                  "%(count)d things to do by %(sunday)s", len(items))
             % {"count": len(items), "sunday": long_date(sunday)}]
    if overdue:
        facts.append(translation.ngettext("%(count)d is overdue", "%(count)d are overdue",
                                          overdue) % {"count": overdue})
    if hidden:
        facts.append(translation.ngettext(
            "%(count)d row of the comité d'entraide: see the application",
            "%(count)d rows of the comité d'entraide: see the application", hidden,
        ) % {"count": hidden})
    return Content(
        subject=translation.ngettext("This week: %(count)d thing you answer for",
                                     "This week: %(count)d things you answer for",
                                     len(items)) % {"count": len(items)},
        title=_("This week"),
        facts=facts,
        reason=_("You receive this weekly digest because you are named on these actions, "
                 "steps and dossiers."),
        url=absolute(reverse("my_actions")),
        items=lines,
    )


# An organization's settings


def reminder_days_update(*, organization, by, first: int, last: int):
    """How many working days before a VPP deadline its people are reminded (0: never)."""
    from django.db import transaction

    from .models import Organization

    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        organization.reminder_days_first, organization.reminder_days_last = first, last
        organization.full_clean()
        organization._history_user = by
        organization.save(update_fields=["reminder_days_first", "reminder_days_last",
                                         "updated_at"])
    return organization


# Preferences and unsubscribing


def unsubscribe_token(*, user, kind: str) -> str:
    """A signed token that turns `kind` off for `user`, without logging in; it does not
    expire (a mail read months later must still unsubscribe)."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_target(token: str):
    """(user, kind) that `token` names, or None for a token that is not ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in Reminder.values:
        return None
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    return (user, data["k"]) if user else None


def preferences_update(*, user, **choices: bool) -> ReminderPreference:
    """Save `user`'s choices (`deadline`, `step`, `digest`, `english`)."""
    unknown = set(choices) - {*Reminder.values, "english"}
    if unknown:
        raise TypeError(f"Unknown reminder preferences: {sorted(unknown)}")
    preferences, _created = ReminderPreference.objects.get_or_create(user=user)
    for name, value in choices.items():
        setattr(preferences, name, bool(value))
    preferences.save()
    return preferences


def unsubscribe(*, token: str) -> tuple | None:
    """Turn off the kind of reminder `token` names; (user, kind), or None if not ours."""
    target = unsubscribe_target(token)
    if target is None:
        return None
    user, kind = target
    preferences_update(user=user, **{kind: False})
    return target
