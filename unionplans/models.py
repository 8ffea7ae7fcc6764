from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

# The one bound on free text, for every app: a cell, a note or a summary is a few
# paragraphs, not a book. On the model, so forms (their `maxlength` comes from it), the
# admin and the services' `full_clean()` all refuse longer text, with Django's own message.
LONG_TEXT = 10_000


def long_text_field(verbose_name, **kwargs) -> models.TextField:
    """A TextField bounded to LONG_TEXT characters."""
    return models.TextField(
        verbose_name,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
        **kwargs,
    )


class Timestamped(models.Model):
    """When a row was created and last changed; `updated_at` is also the version that
    `unionplans.forms.VersionedModelForm` checks against edit conflicts."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Organization(Timestamped):
    """A union body: a local union, a regional council, a federation…"""

    class Kind(models.TextChoices):
        UNION = "syndicat", _("Local union")
        REGIONAL_COUNCIL = "conseil_central", _("Regional council")
        FEDERATION = "federation", _("Federation")
        CONFEDERATION = "confederation", _("Confederation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=30, help_text=_("Acronym used in documents, e.g. CCSNE.")
    )
    slug = models.SlugField(
        _("address"), max_length=40, unique=True, help_text=_("Used in the organization's URLs.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("affiliated to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliates",
        help_text=_("The body this organization is affiliated to, if any."),
    )
    shares_plans_with_parent = models.BooleanField(
        _("shares its plans with the body it is affiliated to"), default=False,
        help_text=_("Its published plans de travail can be read by that body's people."),
    )
    shares_dossiers_with_parent = models.BooleanField(
        _("shares its VPP dossiers with the body it is affiliated to"), default=False,
        help_text=_("Its VPP dossiers can be read by that body's exécutif and conseillers."),
    )
    requires_two_factor = models.BooleanField(
        _("requires two-factor authentication"), default=False,
        help_text=_("Of its exécutif and of everyone on its comité d'entraide."),
    )
    privacy_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person in charge of personal information"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Named by the exécutif; by law, the person with the highest authority "
                    "until someone is named."),
    )
    # VPP deadlines are reminded this many working days before they fall (0: no reminder).
    reminder_days_first = models.PositiveSmallIntegerField(
        _("first deadline reminder (working days before)"), default=5,
        validators=[MaxValueValidator(30)],
        help_text=_("The people of a VPP dossier are reminded of a deadline this many "
                    "working days before it falls; 0 for none."),
    )
    reminder_days_last = models.PositiveSmallIntegerField(
        _("last deadline reminder (working days before)"), default=1,
        validators=[MaxValueValidator(30)],
        help_text=_("A second reminder, this many working days before; 0 for none."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(Timestamped):
    """The role a person holds in an organization; the only source of permissions."""

    class Role(models.TextChoices):
        EXECUTIVE = "executif", _("Executive")
        ADVISER = "conseiller", _("Union adviser")
        MEMBER = "membre", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    on_entraide_committee = models.BooleanField(
        _("on the peer support committee"),
        default=False,
        help_text=_(
            "Sees and edits the organization's confidential peer support (entraide) plans, "
            "whatever the role."
        ),
    )
    is_active = models.BooleanField(
        pgettext_lazy("membership", "active"), default=True,
        help_text=_("A person who left keeps their history; an inactive membership grants "
                    "nothing."),
    )
    deactivated_at = models.DateTimeField(_("deactivated on"), null=True, blank=True)
    notify_published_plans = models.BooleanField(
        _("notified of published plans"), default=False,
        help_text=_("The person chose to be notified in the app when a plan of the "
                    "organization is published."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="one_role_per_person_and_organization"
            )
        ]

    def __str__(self) -> str:
        from .people import display_name  # people reads these models

        return f"{display_name(self.user)} — {self.organization.short_name} " \
               f"({self.get_role_display()})"


class Receipt(models.Model):
    """A submission that created something, and the page where what it created is.

    Saved first, in the transaction that creates: each form (a creation form's one-time
    token, a Word import's signed preview) creates once, and a second submission (a double
    click, the back button, even at the same moment) fails on the unique digest and leads
    to what the first one created (`unionplans.once`). Only a digest is kept.
    """

    digest = models.CharField(_("digest"), max_length=64, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("address"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")

    def __str__(self) -> str:
        return self.url


class Invitation(Timestamped):
    """An email address invited to join an organization with a role.

    The link's secret is only in the email: the database keeps its sha256 digest. A link
    works once, for INVITATION_DAYS, unless revoked (see unionplans.invitations).
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    on_entraide_committee = models.BooleanField(_("on the peer support committee"),
                                                default=False)
    token_digest = models.CharField(_("digest of the link"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    expires_at = models.DateTimeField(_("expires on"))
    sent_at = models.DateTimeField(_("sent on"))
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=1)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} — {self.organization.short_name}"


class ConfidentialityIncident(Timestamped):
    """One entry of the register of confidentiality incidents that Quebec's private-sector
    privacy act (s. 3.8) requires of every organization, with what its regulation lists:
    what was concerned, when, how many people, the risk of serious injury, who was told
    and when, and what was done. Entries are kept (never deleted through the app): the
    regulation asks for five years after the organization learned of the incident."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="confidentiality_incidents",
    )
    occurred_on = models.DateField(_("incident date"), help_text=_(
        "The date, or the first day of the period, even approximate."))
    occurred_until = models.DateField(_("end of the period"), null=True, blank=True)
    discovered_on = models.DateField(_("date the organization learned of it"))
    information_concerned = long_text_field(_("personal information concerned"), help_text=_(
        "Or, if it cannot be identified, why."))
    circumstances = long_text_field(_("circumstances"))
    people_concerned = models.PositiveIntegerField(_("number of people concerned"),
                                                   help_text=_("An approximation if unknown."))
    risk_assessment = long_text_field(_("assessment of the risk of injury"), help_text=_(
        "Sensitivity of the information, foreseeable consequences, likelihood of misuse."))
    serious_injury_risk = models.BooleanField(_("risk of serious injury"), default=False)
    commission_notified_on = models.DateField(
        _("Commission d'accès à l'information notified on"), null=True, blank=True)
    people_notified_on = models.DateField(_("people concerned notified on"), null=True,
                                          blank=True)
    measures = long_text_field(_("measures taken to reduce the risk of injury"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")
        ordering = ["-discovered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organization.short_name} — {self.occurred_on:%Y-%m-%d}"

    def clean(self):
        """Dates in order, none in the future: every writer (admin, page) calls full_clean."""
        today = timezone.localdate()
        errors = {}
        dated = {
            "occurred_until": self.occurred_until, "discovered_on": self.discovered_on,
            "commission_notified_on": self.commission_notified_on,
            "people_notified_on": self.people_notified_on,
        }
        for name, value in {"occurred_on": self.occurred_on, **dated}.items():
            if value and value > today:
                errors[name] = _("This date is in the future.")
        for name, value in dated.items():
            if value and self.occurred_on and value < self.occurred_on and name not in errors:
                errors[name] = _("This date comes before the incident.")
        if errors:
            raise ValidationError(errors)

    @property
    def notices_due(self) -> bool:
        """A serious risk whose Commission or people have not been told yet."""
        return self.serious_injury_risk and not (
            self.commission_notified_on and self.people_notified_on
        )


class SessionRecord(models.Model):
    """One open session of a person, so that they can end them all (unionplans.sessions)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                             on_delete=models.CASCADE, related_name="session_records")
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    public = models.BooleanField(_("public computer"), default=False)

    class Meta:
        verbose_name = _("open session")
        verbose_name_plural = _("open sessions")

    def __str__(self) -> str:
        return f"{self.user} — {self.started_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """Something that changed for a person, shown under the bell until read.

    Made by the services that make the change (`unionplans.notifications.notify`), never by
    views. The sentence is written when shown, in the reader's language, from `kind`,
    `subject` (the object's title) and `detail` (an English msgid such as a stage's label).
    """

    class Kind(models.TextChoices):
        STAGE = "stage", _("Dossier stage changed")
        PUBLISHED = "published", _("Plan published")
        INVITATION = "invitation", _("Invitation accepted")
        IMPORT = "import", _("Import finished")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
        help_text=_("Who made the change; named when the sentence is shown, so that an "
                    "erased person's name is not kept here."),
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.user} — {self.kind}: {self.subject[:60]}"


class CalendarFeed(models.Model):
    """A private iCalendar address: a person's deadlines and steps, or (with
    `organization`) an organization's, for its exécutif. Only the secret's sha256 is kept:
    the address is shown once, when made (see unionplans.calendars)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
        help_text=_("Empty for the person's own calendar."),
    )
    token_digest = models.CharField(_("digest of the address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["organization__name", "-created_at"]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization.short_name if self.organization else '—'}"


class DemoRecord(models.Model):
    """A piece of the demo that `loaddemo` has created once (e.g. "plans:seed-004").

    A recorded piece is never created, updated nor checked again: what people did to it
    since (edits, a deletion) stays. `loaddemo --reset` deletes the records with the demo.
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo record")
        verbose_name_plural = _("demo records")

    def __str__(self) -> str:
        return self.key


class Reminder(models.TextChoices):
    """The kinds of reminder a person receives, each of which they can turn off."""

    DEADLINE = "deadline", _("VPP deadlines")
    STEP = "step", _("Steps of the plan de travail")
    DIGEST = "digest", _("Weekly digest")


class ReminderPreference(models.Model):
    """Which reminders a person wants; a person without a row gets them all, in French."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    deadline = models.BooleanField(
        _("VPP deadlines"), default=True,
        help_text=_("A deadline of a dossier you are named on, before it falls and when it "
                    "is overdue."),
    )
    step = models.BooleanField(
        _("Steps of the plan de travail"), default=True,
        help_text=_("A step you answer for, in its month and when it is overdue."),
    )
    digest = models.BooleanField(
        _("Weekly digest"), default=True,
        help_text=_("On Mondays, everything you answer for this week (none when empty)."),
    )
    english = models.BooleanField(
        _("English below the French"), default=False,
        help_text=_("Reminders are in French; add the same text in English under it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return getattr(self, kind)


class SentReminder(models.Model):
    """The sent-log: one row per reminder a person is due, unique by its key.

    The key names what is reminded and when it falls (a deadline's due date, a step's
    month, the digest's week), so planning twice creates nothing twice, and a deadline
    moved after its reminder gets a new key, hence a new reminder with the new date.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To send")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        GAVE_UP = "gave_up", _("Failed, no more retries")
        SKIPPED = "skipped", _("Not sent (nothing left to remind)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Reminder.choices)
    key = models.CharField(_("what and when"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a failed reminder is tried again; while sending, when its claim lapses.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("planned"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_person_and_key")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="reminder_to_send")]

    def __str__(self) -> str:
        return f"{self.user} — {self.key}"
