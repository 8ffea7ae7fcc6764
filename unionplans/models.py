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
