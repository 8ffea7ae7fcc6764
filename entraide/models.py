"""The yearly action plans of a comité d'entraide (seed 002).

A template is an `EntraidePlan` with `is_template` set: the built-in ones (from the seed,
no organization) and those an exécutif saved for its organization. A plan made from a
template gets its own rows, and each list cell is a JSON list of strings that is copied,
so a plan and its template never share anything that one could change in the other.

Confidential: nothing here names or describes a person who was helped.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from unionplans.models import Organization, Timestamped, long_text_field
from unionplans.people import display_name, names_person
from unionplans.templatetags.dates import long_date

# A list cell holds a few short items, each one line of the printed table's narrow column
# (far below the LONG_TEXT bound of the plan's free texts).
MAX_ITEMS = 12
MAX_ITEM_LENGTH = 300
PRIVACY_HELP = _("Never write the name of a person helped, nor anything about their health.")


def validate_items(value) -> None:
    """A list cell: at most MAX_ITEMS short, non-blank strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("This cell must be a list of short texts."), code="not_a_list")
    if len(value) > MAX_ITEMS:
        raise ValidationError(
            _("At most %(max)d items per cell (this one has %(count)d)."),
            code="too_many_items",
            params={"max": MAX_ITEMS, "count": len(value)},
        )
    for number, item in enumerate(value, start=1):
        if not item.strip():
            raise ValidationError(
                _("Item %(number)d is empty: write something or remove it."),
                code="empty_item",
                params={"number": number},
            )
        if len(item) > MAX_ITEM_LENGTH:
            raise ValidationError(
                _("Item %(number)d is too long: %(max)d characters at most (it has %(length)d)."),
                code="item_too_long",
                params={"number": number, "max": MAX_ITEM_LENGTH, "length": len(item)},
            )


def list_cell(verbose_name):
    return models.JSONField(
        verbose_name, default=list, blank=True, validators=[validate_items],
        help_text=_("A short list: each item its own line of the cell."),
    )


class EntraidePlan(Timestamped):
    class Status(models.TextChoices):
        OPEN = "en_cours", _("In progress")
        CLOSED = "clos", _("Closed")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entraide_plans",
        help_text=_("Empty only for the built-in templates, shared by every organization."),
    )
    is_template = models.BooleanField(_("template"), default=False)
    builtin_key = models.SlugField(
        _("built-in template"), max_length=30, blank=True,
        help_text=_("Set on the templates taken from the seed document."),
    )
    name = models.CharField(
        pgettext_lazy("entraide template", "template name"), max_length=200, blank=True,
        help_text=_("How the template is listed when a new plan is made."),
    )
    period_label = models.CharField(
        _("period"), max_length=200, blank=True,
        help_text=_("For example « Année 1 : mise sur pied »."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        help_text=_("The year the plan starts, for example 2025."),
    )
    need = long_text_field(
        _("identified need / description of the situation"), blank=True, help_text=PRIVACY_HELP
    )
    expected_results = long_text_field(
        _("expected results"), blank=True,
        help_text=_(
            "The target date, if any, is printed right after this text: "
            "« Avoir un comité fonctionnel d'ici » 30 juin 2026."
        ),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    review = long_text_field(
        _("year-end review"), blank=True,
        help_text=format_lazy("{} {}", _("What was done, what was not and why."), PRIVACY_HELP),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous year's plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_plan",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entraide plan")
        verbose_name_plural = _("entraide plans")
        ordering = ["-year", "period_label", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_template=True)
                | models.Q(organization__isnull=False, year__isnull=False),
                name="entraide_plan_has_organization_and_year",
                violation_error_message=_("A plan needs an organization and a year."),
            ),
            models.UniqueConstraint(
                fields=["builtin_key"],
                condition=~models.Q(builtin_key=""),
                name="entraide_one_builtin_template_per_key",
            ),
        ]

    def __str__(self) -> str:
        if self.is_template:
            return self.name or self.period_label or str(_("Blank template"))
        return f"{self.period_label or _('Entraide plan')} ({self.year})"

    @property
    def target_text(self) -> str:
        """The target date as it follows « … d'ici »: « le 31 décembre 2025 »."""
        if not self.target_date:
            return ""
        return pgettext("target date, after the expected results", "%(date)s") % {
            "date": long_date(self.target_date)
        }

    def clean(self):
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
        if not self.is_template:
            errors = {}
            if self.year is None:
                errors["year"] = _("A plan needs a year.")
            if not self.period_label.strip():
                errors["period_label"] = _(
                    "A plan needs a period, e.g. « Année 1 : mise sur pied »."
                )
            if errors:
                raise ValidationError(errors)
        elif not self.builtin_key and not self.name.strip():
            raise ValidationError({"name": _("Give the template a name.")})

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class EntraideRow(Timestamped):
    """One line of the plan's table: the six columns of the seed, and where it stands."""

    class State(models.TextChoices):
        TODO = "a_faire", _("To do")
        IN_PROGRESS = "en_cours", _("In progress")
        DONE = "fait", pgettext_lazy("entraide row state", "Done")

    plan = models.ForeignKey(
        EntraidePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    objective = models.CharField(
        _("objective"), max_length=500, blank=True,
        help_text=_("Leave empty to continue the objective of the row above."),
    )
    results = list_cell(_("expected results"))
    means = list_cell(_("means / actions / activities"))
    resources = list_cell(_("required resources"))
    responsibles = list_cell(_("responsible people"))
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible accounts"), blank=True,
        related_name="entraide_rows",
        help_text=_("Members of the organization in charge; names without an account go in "
                    "the list beside."),
    )
    schedule = list_cell(_("schedule"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.TODO
    )
    history = HistoricalRecords(m2m_fields=[responsible_users])

    class Meta:
        verbose_name = _("entraide plan row")
        verbose_name_plural = _("entraide plan rows")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        first = next(iter(self.results), "") or self.objective
        return f"{self.position}. {first[:60]}"

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE

    def _responsible_accounts(self) -> list:
        # Prefetch `responsible_users` for a whole table: this reads no more.
        return sorted(self.responsible_users.all(),
                      key=lambda user: (user.last_name, user.first_name, user.username))

    @property
    def responsible_names(self) -> list[str]:
        """Responsables on a page: the accounts' names, then the names written without an
        account (a written name of a linked account is not repeated)."""
        users = self._responsible_accounts()
        return [display_name(user) for user in users] + [
            text for text in self.responsibles
            if not any(names_person(text, user) for user in users)
        ]

    @property
    def printed_responsible_names(self) -> list[str]:
        """Responsables in the PDF, which reads like the seed: the names as written
        ("Denis"), then the accounts no written name stands for."""
        return list(self.responsibles) + [
            display_name(user) for user in self._responsible_accounts()
            if not any(names_person(text, user) for text in self.responsibles)
        ]
