from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
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
        _("active"), default=True,
        help_text=_("A person who left keeps their history; an inactive membership grants "
                    "nothing."),
    )
    deactivated_at = models.DateTimeField(_("deactivated on"), null=True, blank=True)
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
        return f"{self.user} — {self.organization.short_name} ({self.get_role_display()})"


class ImportReceipt(models.Model):
    """A Word import's preview that was confirmed, and the page its plan(s) are on.

    Saved in the transaction that creates the plan(s): a preview is confirmed once, and a
    second confirmation (a double click, the back button) leads to what the first created
    (`unionplans.import_flow.create_once`). Only the preview's digest is kept, not the
    preview.
    """

    digest = models.CharField(_("digest of the preview"), max_length=64, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("address"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("import receipt")
        verbose_name_plural = _("import receipts")

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
