"""Plans de travail: WorkPlan → Orientation → Action → Step (COMMENT et QUAND) and FollowUp (SUIVI).

Positions are stored, numbers are derived: "1", "1.1" come from the order of the
orientations and actions (see `plans.numbering`), so a move can never leave a wrong number.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from unionplans.dates import check_dates
from unionplans.labels import cut
from unionplans.models import Organization, Timestamped, long_text_field
from unionplans.people import printed_who, who
from unionplans.templatetags.dates import long_date, month_year


class WorkPlan(Timestamped):
    """A multi-year plan de travail of one organization, for one mandate."""

    class State(models.TextChoices):
        DRAFT = "brouillon", _("Draft")
        ADOPTED = "adopte", _("Adopted")
        PUBLISHED = "publie", _("Published")
        CLOSED = "clos", _("Closed")

    # What members may read: the rest is internal to the executive and its advisers.
    PUBLIC_STATES = (State.PUBLISHED, State.CLOSED)

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="work_plans",
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("E.g. Plan de travail 2019-2022.")
    )
    mandate_start = models.DateField(_("mandate start"))
    mandate_end = models.DateField(_("mandate end"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    adopted_on = models.DateField(
        _("adopted on"), null=True, blank=True, help_text=_("Date of the adopting assembly.")
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_plans",
        editable=False,
        help_text=_("The closed plan whose unfinished actions this plan carries over."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-mandate_start", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def mandate_label(self) -> str:
        return f"{self.mandate_start.year}-{self.mandate_end.year}"

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES

    @property
    def is_closed(self) -> bool:
        """A closed plan records a finished mandate: its content is locked."""
        return self.state == self.State.CLOSED

    def clean(self):
        # Far dates would put the next mandate, computed from these, off the calendar.
        check_dates(mandate_start=self.mandate_start, mandate_end=self.mandate_end)
        if self.mandate_start and self.mandate_end and self.mandate_end <= self.mandate_start:
            raise ValidationError(
                {"mandate_end": _("The mandate must end after it starts.")}, code="mandate"
            )


class Orientation(Timestamped):
    """A row spanning the whole table: "1. Le CCSNE développe…", or "Dossier spécial"."""

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="orientations"
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    numbered = models.BooleanField(
        _("numbered"),
        default=True,
        help_text=_(
            "Numbered orientations are 1, 2, 3… in order and number their actions 1.1, 1.2…; "
            "an unnumbered one (e.g. Dossier spécial) shows its title instead."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("For an unnumbered orientation, e.g. Dossier spécial."),
    )
    statement = long_text_field(
        _("statement"),
        blank=True,
        help_text=_("E.g. Le CCSNE développe et encourage la solidarité…"),
    )
    sub_statements = long_text_field(
        _("sub-statements"),
        blank=True,
        help_text=_("One per line; they are lettered A), B)… in order."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        number = getattr(self, "number", "")
        unnamed = _("Orientation %(number)s") % {"number": number} if number else _("Orientation")
        return self.title or cut(self.statement) or str(unnamed)

    @property
    def lettered_sub_statements(self) -> list[tuple[str, str]]:
        lines = [line.strip() for line in self.sub_statements.splitlines() if line.strip()]
        return [(chr(ord("A") + i) if i < 26 else str(i + 1), line) for i, line in enumerate(lines)]

    def clean(self):
        if not (self.title.strip() or self.statement.strip() or self.sub_statements.strip()):
            raise ValidationError(
                _("Give the orientation a statement (or a title such as Dossier spécial)."),
                code="empty",
            )


class Action(Timestamped):
    """One row of the table: QUOI, its steps (COMMENT et QUAND), QUI and SUIVI."""

    class Outcome(models.TextChoices):
        UPCOMING = "a_venir", _("Upcoming")
        IN_PROGRESS = "en_cours", _("In progress")
        DONE = "realisee", pgettext_lazy("action outcome", "Done")
        PARTLY_DONE = "partiellement_realisee", _("Partly done")
        NOT_DONE = "non_realisee", _("Not done")
        POSTPONED = "reportee", _("Postponed")

    # Outcomes that close an action: its dated steps are no longer overdue.
    SETTLED = (Outcome.DONE, Outcome.PARTLY_DONE, Outcome.NOT_DONE, Outcome.POSTPONED)
    # Whether the plan page shows this row's controls (`plans.views.mark_editing`). A
    # class default, because a template's lookup of a missing attribute costs a `dir()`
    # of the instance: nine per row of the page.
    editing = False

    orientation = models.ForeignKey(
        Orientation,
        verbose_name=_("orientation"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    what = long_text_field(_("what"), help_text=_("QUOI: what the plan commits to."))
    responsible = models.CharField(
        _("who"),
        max_length=200,
        blank=True,
        help_text=_("QUI: the person(s) in charge, e.g. Denis."),
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: the account of the person in charge."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=Outcome.choices, default=Outcome.UPCOMING
    )
    outcome_reason = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("E.g. pandémie.")
    )
    outcome_text = long_text_field(
        _("outcome statement"),
        blank=True,
        help_text=_(
            "Printed instead of the generated sentence (e.g. « Action non réalisée (pandémie) ») "
            "when filled."
        ),
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["orientation", "position", "pk"]

    def __str__(self) -> str:
        return cut(self.what)

    def get_outcome_display(self) -> str:
        """The outcome's label, looked up in its enum: Django's own builds a dict of every
        choice on each call, about a tenth of the plan page's time with one badge a row."""
        try:
            return str(self.Outcome(self.outcome).label)
        except ValueError:
            return self.outcome

    @property
    def who(self) -> str:
        """QUI on a page: the linked account's name, else the free text."""
        return who(self.responsible_user, self.responsible)

    @property
    def printed_who(self) -> str:
        """QUI in the PDF, as the seed prints it ("Denis")."""
        return printed_who(self.responsible_user, self.responsible)

    @property
    def is_settled(self) -> bool:
        return self.outcome in self.SETTLED

    @property
    def outcome_sentence(self) -> str:
        """The underlined end of SUIVI, e.g. "Action non réalisée (pandémie)": the one written,
        else the outcome's sentence with its reason. Without either, none: the seed prints a
        sentence only where someone wrote one (2.1, partly done, has none), and the outcome
        itself is on the page's badge and in the bilan."""
        if self.outcome_text.strip():
            return self.outcome_text.strip()
        sentence = OUTCOME_SENTENCES.get(self.outcome)
        if not sentence or not self.outcome_reason.strip():
            return ""
        return f"{sentence} ({self.outcome_reason.strip()})"


# As the seed prints them, underlined at the end of SUIVI, with their reason.
OUTCOME_SENTENCES = {
    Action.Outcome.IN_PROGRESS: _("Action in progress"),
    Action.Outcome.PARTLY_DONE: _("Action partly done"),
    Action.Outcome.NOT_DONE: _("Action not done"),
    Action.Outcome.POSTPONED: _("Action postponed"),
}


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month


class Step(Timestamped):
    """One line of COMMENT et QUAND: "Définir le mandat… (décembre 2019)"."""

    class When(models.TextChoices):
        MONTH = "month", _("Month")
        DATE = "date", _("Date")
        LABEL = "label", _("Label")
        NONE = "none", pgettext_lazy("step date", "No date")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    text = long_text_field(_("how"))
    when_kind = models.CharField(_("when"), max_length=10, choices=When.choices, default=When.MONTH)
    when_date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("For a month, the first day of the month."),
    )
    when_label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("E.g. mandat complet, reste du mandat, 2020-2022."),
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: the person in charge of this step, if not the action's."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["action", "position", "pk"]

    def __str__(self) -> str:
        return cut(self.text)

    @property
    def who(self) -> str:
        return who(self.responsible_user, "")

    @property
    def when_text(self) -> str:
        if self.when_kind == self.When.MONTH and self.when_date:
            return month_year(self.when_date)
        if self.when_kind == self.When.DATE and self.when_date:
            return long_date(self.when_date)
        if self.when_kind == self.When.LABEL:
            return self.when_label
        return ""

    def is_overdue(self, today: datetime.date) -> bool:
        """A dated step whose time has passed, on an action that is not settled yet."""
        if self.when_kind not in (self.When.MONTH, self.When.DATE) or not self.when_date:
            return False
        if self.action.is_settled:
            return False
        if self.when_kind == self.When.MONTH:
            return month_index(self.when_date) < month_index(today)
        return self.when_date < today

    def clean(self):
        if self.when_kind in (self.When.MONTH, self.When.DATE) and not self.when_date:
            raise ValidationError({"when_date": _("Give the month or the date.")}, code="required")
        if self.when_kind == self.When.LABEL and not self.when_label.strip():
            raise ValidationError({"when_label": _("Give the label, e.g. mandat complet.")},
                                  code="required")
        if self.when_kind == self.When.MONTH and self.when_date:
            self.when_date = self.when_date.replace(day=1)
        if self.when_kind in (self.When.LABEL, self.When.NONE):
            self.when_date = None
        if self.when_kind != self.When.LABEL:
            self.when_label = ""
        if self.when_date and self.action_id:
            self.check_within_mandate(self.action.orientation.plan)

    def check_within_mandate(self, plan: WorkPlan) -> None:
        if self.when_kind == self.When.MONTH:
            inside = (
                month_index(plan.mandate_start)
                <= month_index(self.when_date)
                <= month_index(plan.mandate_end)
            )
        else:
            inside = plan.mandate_start <= self.when_date <= plan.mandate_end
        if not inside:
            raise ValidationError(
                {
                    "when_date": _(
                        "This date is outside the plan's mandate (%(start)s to %(end)s)."
                    )
                    % {"start": long_date(plan.mandate_start), "end": long_date(plan.mandate_end)}
                },
                code="outside_mandate",
            )


class FollowUp(Timestamped):
    """One entry of the SUIVI log; edits keep their history."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    date = models.DateField(_("date"), null=True, blank=True)
    text = long_text_field(_("follow-up"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["action", "position", "pk"]

    def __str__(self) -> str:
        return cut(self.text)

    @property
    def date_prefix(self) -> str:
        """"28 février 2020", printed before the text unless the text already says it
        (as follow-ups imported from Word do: "… à l'AG du 28 février 2020")."""
        if not self.date:
            return ""
        written = long_date(self.date)
        # "2 mai 2020" is not written in "12 mai 2020".
        return "" if re.search(rf"(?<!\d){re.escape(written)}(?!\d)", self.text) else written


class PlanListItem(Timestamped):
    """A line of the lists printed after the table, with the person in charge."""

    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    name = models.CharField(_("name"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class StatutoryFile(PlanListItem):
    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="statutory_files"
    )
    history = HistoricalRecords()

    class Meta(PlanListItem.Meta):
        verbose_name = _("statutory file")
        verbose_name_plural = _("statutory files")


class Delegation(PlanListItem):
    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="delegations"
    )
    history = HistoricalRecords()

    class Meta(PlanListItem.Meta):
        verbose_name = _("organization or delegation")
        verbose_name_plural = _("organizations and delegations")


class Indicator(Timestamped):
    """A quantitative target of an action, measured over the mandate: « Cible 2019-2022 : un
    minimum de 30 délégué.es à chaque assemblée générale »."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    name = models.CharField(
        _("indicator"), max_length=200,
        help_text=_("What is counted, e.g. délégué.es à chaque assemblée générale."),
    )
    target = models.PositiveIntegerField(
        _("target"), null=True, blank=True,
        help_text=_("The minimum to reach, e.g. 30; empty for a count without a target."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def latest(self):
        """The most recent measurement (measurements are prefetched in date order)."""
        measurements = list(self.measurements.all())
        return measurements[-1] if measurements else None

    @property
    def reached(self) -> bool | None:
        """Whether the latest measurement meets the target; None without either."""
        latest = self.latest
        if self.target is None or latest is None:
            return None
        return latest.value >= self.target


class Measurement(Timestamped):
    """A dated value of an indicator: « 18 novembre 2021 : 34 délégué.es »."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
        related_name="measurements",
    )
    date = models.DateField(_("date"))
    value = models.PositiveIntegerField(_("value"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. plus de 125 : bilan du mandat.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "date", "pk"]

    def __str__(self) -> str:
        return f"{long_date(self.date)} : {self.value}"

    def clean(self):
        check_dates(date=self.date)
        if self.date and self.indicator_id:
            plan = self.indicator.action.orientation.plan
            if not plan.mandate_start <= self.date <= plan.mandate_end:
                raise ValidationError(
                    {"date": _("This date is outside the plan's mandate (%(start)s to %(end)s).")
                     % {"start": long_date(plan.mandate_start),
                        "end": long_date(plan.mandate_end)}},
                    code="outside_mandate",
                )
