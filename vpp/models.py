"""VPP dossiers (valorisation, promotion et préservation des services publics), their
deadlines, work plan, questionnaires and financial analysis; veille items; LE28 projects.

Stages change only through `vpp.services.dossier_advance` / `dossier_go_back`, whose rules
live in `vpp.workflow`.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from unionplans.dates import check_dates
from unionplans.labels import cut
from unionplans.models import LONG_TEXT, Organization, Timestamped, long_text_field

from . import indicators
from .constants import (
    CommitteeDecision,
    Phase,
    Questionnaire,
    SuccessIndicator,
    Volet,
    WorkPlanElement,
)
from .deadlines import DayKind, days_left, due_date


class Stage(models.TextChoices):
    VEILLE = "veille", _("Watch")
    PRE_DIAGNOSTIC = "pre_diagnostic", _("Pre-diagnostic")
    ANALYSIS = "analyse_decision", _("Analysis and decision")
    SURVEY = "enquete", _("Survey")
    REPORT = "rapport", _("Report")
    FOLLOW_UP = "suivi", _("Follow-up")
    CLOSED = "clos", _("Closed")


# Seed 003: a bulletin of the information watch and its items --------------------------


class Bulletin(Timestamped):
    """A bulletin, newsletter or notice that holds several watch items (seed 003's INFO-PSOC)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="bulletins",
    )
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Who published it, e.g. CTROC, the employer.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("e.g. INFO-PSOC, no. 1."))
    published_on = models.DateField(_("date"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    summary = long_text_field(_("presentation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title


class VeilleItem(Timestamped):
    """An item of the information watch: an article of a bulletin, a notice (seed 003)."""

    class Relevance(models.TextChoices):
        HIGH = "haute", _("High")
        MEDIUM = "moyenne", _("Medium")
        LOW = "basse", _("Low")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="veille_items",
    )
    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("bulletin"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="items", help_text=_("The bulletin this item comes from, if any."),
    )
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Who published it, e.g. CTROC, the employer.")
    )
    published_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    summary = long_text_field(_("summary"), blank=True)
    decisions = long_text_field(
        _("decisions"), blank=True,
        help_text=_("What was decided (“IL EST CONVENU…”), one decision per line."),
    )
    relevance = models.CharField(
        _("relevance"), max_length=10, choices=Relevance.choices, blank=True,
        help_text=_("How much it matters to the organization's VPP work."),
    )
    action = long_text_field(_("action to take"), blank=True)
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("must read it"), blank=True,
        related_name="vpp_veille_to_read",
    )
    readers_others = models.CharField(
        _("must read it (others)"), max_length=300, blank=True,
        help_text=_("People or bodies without an account, e.g. the VPP committee."),
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    history = HistoricalRecords(m2m_fields=[readers])

    class Meta:
        verbose_name = _("watch item")
        verbose_name_plural = _("watch items")
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


# Seed 000: the organisation's standing VPP structure and its deployment plan ------------


class VppStructure(Timestamped):
    """An organisation's standing VPP structure (seed 000, "La structure VPP"): a leadership
    level and a field level, their people, procedures and calendar."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="vpp_structure",
    )
    direction_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leadership structure (central)"), blank=True,
        related_name="vpp_direction_structures",
        help_text=_("Prioritisation, strategy, coordination."),
    )
    direction_others = models.CharField(
        _("leadership structure (others)"), max_length=300, blank=True,
        help_text=_("People without an account."),
    )
    terrain_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("field structure"), blank=True,
        related_name="vpp_terrain_structures",
        help_text=_("Pre-diagnostic and survey, liaison with the service teams."),
    )
    terrain_others = models.CharField(
        _("field structure (others)"), max_length=300, blank=True,
        help_text=_("People without an account, e.g. a contact person per service."),
    )
    procedures = long_text_field(
        _("procedures"), blank=True,
        help_text=_("For each level, in prevention and in intervention, on the four elements "
                    "of the work plan; tight deadlines in intervention (29, 3.10)."),
    )
    calendar = long_text_field(
        _("calendar"), blank=True, help_text=_("Meetings of each level, one per line."),
    )
    history = HistoricalRecords(m2m_fields=[direction_people, terrain_people])

    class Meta:
        verbose_name = _("VPP structure")
        verbose_name_plural = _("VPP structures")

    def __str__(self) -> str:
        return str(self.organization)


class DeploymentStep(Timestamped):
    """A line of the organisation's deployment plan (seed 000, "Nouveaux outils")."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="vpp_deployment_steps",
    )
    description = long_text_field(_("what"))
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deployment step")
        verbose_name_plural = _("deployment steps")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return cut(self.description)


class Dossier(Timestamped):
    class Mode(models.TextChoices):
        PREVENTION = "prevention", _("Prevention")
        INTERVENTION = "intervention", _("Intervention")

    class Domain(models.TextChoices):
        """Seed 000, "Domaines d'action"."""

        POLITICAL = "action_politique", _("Political action (campaigns, action plans)")
        ORGANISATION = "organisation_travail", _(
            "Continuous improvement / work organisation (prevention)"
        )
        INTERVENTION = "intervention", _(
            "Union intervention to block privatisation projects (or bring services back "
            "in-house), cuts projects (intervention)"
        )

    class Priority(models.TextChoices):
        HIGH = "haute", _("High")
        MEDIUM = "moyenne", _("Medium")
        LOW = "basse", _("Low")

    class Decision(models.TextChoices):
        GO = "go", pgettext_lazy("VPP decision", "Go")
        NO_GO = "no_go", pgettext_lazy("VPP decision", "No-go")

    class TerrainSay(models.TextChoices):
        """Roles table: on the decision and the work plan, the field structure is consulted
        or validates."""

        CONSULTED = "consultee", _("Consulted")
        VALIDATED = "validee", _("Validated")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="dossiers",
    )
    title = models.CharField(_("title"), max_length=200)
    establishment = models.CharField(
        _("establishment"), max_length=200, help_text=_("e.g. CISSS des Laurentides.")
    )
    service = models.CharField(
        _("service concerned"), max_length=200, help_text=_("e.g. Reprography.")
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    domain = models.CharField(_("action domain"), max_length=30, choices=Domain.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.VEILLE, editable=False,
        help_text=_("Changes only by advancing or going back a stage."),
    )
    description = long_text_field(_("description"), blank=True)
    direction_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("direction (political leadership)"),
        blank=True, related_name="vpp_direction_dossiers",
        help_text=_("Prioritisation, strategy, coordination."),
    )
    terrain_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("field structure"), blank=True,
        related_name="vpp_terrain_dossiers",
        help_text=_("Pre-diagnostic and survey, liaison with the service teams."),
    )
    conseiller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned union adviser"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="vpp_assigned_dossiers",
    )
    veille_items = models.ManyToManyField(
        VeilleItem, verbose_name=_("watch items"), blank=True, related_name="dossiers"
    )
    # Analyse et décision
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_note = long_text_field(_("decision rationale"), blank=True)
    # What the structure terrain said before the decision and the work plan (seed 000)
    terrain_on_decision = models.CharField(
        _("field structure on the decision"), max_length=10, choices=TerrainSay.choices,
        blank=True, help_text=_("Consulted on, or validated, the decision before it was taken."),
    )
    terrain_on_decision_date = models.DateField(
        _("date of the consultation on the decision"), null=True, blank=True
    )
    terrain_on_work_plan = models.CharField(
        _("field structure on the work plan"), max_length=10, choices=TerrainSay.choices,
        blank=True, help_text=_("Consulted on, or validated, the work plan and strategy."),
    )
    terrain_on_work_plan_date = models.DateField(
        _("date of the consultation on the work plan"), null=True, blank=True
    )
    # Enquête (structure terrain) and rapport (direction politique)
    findings = long_text_field(
        _("survey findings"), blank=True, help_text=_("What the field structure found.")
    )
    report = long_text_field(
        _("report conclusions"), blank=True,
        help_text=_("The report put together by the political leadership."),
    )
    history = HistoricalRecords(m2m_fields=[direction_people, terrain_people])

    class Meta:
        verbose_name = _("VPP dossier")
        verbose_name_plural = _("VPP dossiers")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_intervention(self) -> bool:
        return self.mode == self.Mode.INTERVENTION

    def clean(self):
        """A consultation of the structure terrain has its date, and the one on the decision
        comes before the decision."""
        errors = {}
        for say in ("terrain_on_decision", "terrain_on_work_plan"):
            said, on = getattr(self, say), getattr(self, f"{say}_date")
            if said and on is None:
                errors[f"{say}_date"] = _("Give the date of the consultation.")
            elif on is not None and not said:
                errors[say] = _("Say whether the field structure was consulted or validated.")
        on, decided = self.terrain_on_decision_date, self.decision_date
        if on and decided and on > decided and "terrain_on_decision_date" not in errors:
            errors["terrain_on_decision_date"] = _(
                "The field structure is consulted before the decision: this date is after "
                "the decision's."
            )
        if errors:
            raise ValidationError(errors)


class DossierEventQuerySet(models.QuerySet):
    def stage_changes(self):
        """The moves from one stage to another, without the dossier's creation."""
        return self.filter(kind__in=DossierEvent.STAGE_CHANGES)


class DossierEvent(models.Model):
    """A line of a dossier's timeline: its creation, or a move from one stage to another
    (who, when, from, to, why). Only the moves are stage changes (`stage_changes()`)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        ADVANCE = "advance", _("Advanced")
        BACK = "back", _("Went back")

    # The kinds that move the dossier; a creation event stays at its first stage.
    STAGE_CHANGES = (Kind.ADVANCE, Kind.BACK)

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    # Empty when nobody is known: a dossier created by a script, or an account deleted since.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = long_text_field(_("note"), blank=True)
    history = HistoricalRecords()

    objects = DossierEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        if not self.is_stage_change:
            return f"{self.get_kind_display()} ({self.get_to_stage_display()})"
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"

    @property
    def is_stage_change(self) -> bool:
        return self.kind in self.STAGE_CHANGES


class DeadlineRule(Timestamped):
    """A deadline of the collective agreement, as data: N days from a trigger."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="deadline_rules",
    )
    name = models.CharField(_("name"), max_length=200)
    reference = models.CharField(
        _("reference"), max_length=50, help_text=_('Article of the agreement, e.g. "art. 29".')
    )
    days = models.PositiveSmallIntegerField(_("number of days"))
    day_kind = models.CharField(
        _("kind of days"), max_length=10, choices=DayKind.choices, default=DayKind.CALENDAR
    )
    trigger = models.CharField(
        _("counted from"), max_length=200, help_text=_("e.g. the employer's notice.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["reference", "name"]

    def __str__(self) -> str:
        return f"{self.reference} — {self.name}"

    @property
    def duration(self) -> str:
        """The delay as pages and PDFs print it: "30 calendar days", "1 working day"."""
        if self.day_kind == DayKind.WORKING:
            text = ngettext("%(days)d working day", "%(days)d working days", self.days)
        else:
            text = ngettext("%(days)d calendar day", "%(days)d calendar days", self.days)
        return text % {"days": self.days}


class Deadline(Timestamped):
    """A rule applied to a dossier from a trigger date; `due_on` is kept by the services."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="deadlines"
    )
    rule = models.ForeignKey(
        DeadlineRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="deadlines"
    )
    trigger_date = models.DateField(_("trigger date"))
    due_on = models.DateField(_("due date"), editable=False)
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return str(self.rule)

    def clean(self):
        """The rule is one of the dossier's organisation, and the trigger date is not so far
        off that the due date would leave the calendar."""
        check_dates(trigger_date=self.trigger_date)
        try:
            rule, dossier = self.rule, self.dossier
        except (DeadlineRule.DoesNotExist, Dossier.DoesNotExist):
            return  # the form reports the missing field
        if rule.organization_id != dossier.organization_id:
            raise ValidationError(
                {"rule": _("This deadline rule belongs to another organization.")}
            )

    def compute_due_on(self) -> date:
        """The due date from the rule and the trigger date."""
        return due_date(self.trigger_date, self.rule.days, self.rule.day_kind)

    def days_left(self, today: date | None = None) -> int:
        return days_left(self.due_on, today)

    @property
    def overdue(self) -> bool:
        return not self.met and self.days_left() < 0


class Task(Timestamped):
    """A line of the dossier's VPP work plan, in one of the four elements of seed 000."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="tasks"
    )
    element = models.CharField(_("element"), max_length=20, choices=WorkPlanElement.choices)
    description = long_text_field(_("what"))
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work-plan task")
        verbose_name_plural = _("work-plan tasks")
        ordering = ["element", "due_on", "pk"]

    def __str__(self) -> str:
        return cut(self.description)

    def is_overdue(self, today: date | None = None) -> bool:
        """Not done and its date has passed: flagged as a plan's overdue steps are."""
        return not self.done and self.due_on is not None and \
            self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class QuestionnaireAnswers(Timestamped):
    """The answers to one of the simplified tools for one dossier: {question key: answer}."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    kind = models.CharField(_("tool"), max_length=20, choices=Questionnaire.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_questionnaire_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self):
        """The admin edits `answers` as raw JSON: keep it {question key: text}."""
        from .constants import QUESTIONS

        keys = {key for key, _question in QUESTIONS.get(self.kind, ())}
        if not isinstance(self.answers, dict) or not all(
            key in keys and isinstance(value, str) for key, value in self.answers.items()
        ):
            raise ValidationError({"answers": _(
                "The answers are a JSON object of question keys (%(keys)s) and texts."
            ) % {"keys": ", ".join(sorted(keys))}})
        bound = MaxLengthValidator(LONG_TEXT)
        try:
            for answer in self.answers.values():
                bound(answer)
        except ValidationError as error:
            raise ValidationError({"answers": error}) from None

    def rows(self) -> list[tuple[str, str, str]]:
        """(key, question, answer) in the tool's order."""
        from .constants import QUESTIONS

        return [(key, q, self.answers.get(key, "")) for key, q in QUESTIONS[self.kind]]

    @property
    def complete(self) -> bool:
        return all(answer.strip() for _key, _q, answer in self.rows())

    @property
    def answered(self) -> bool:
        """At least one answer: an unanswered tool prints as one line, not rows of "—"."""
        return any(answer.strip() for _key, _q, answer in self.rows())


class FinancialAnalysis(Timestamped):
    """In-house against contracted cost of the service, with the jobs and hours at stake."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE,
        related_name="financial_analysis",
    )
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("e.g. yearly, 2024-2025.")
    )
    in_house_cost = models.DecimalField(
        _("in-house cost ($)"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    contracted_cost = models.DecimalField(
        _("contracted cost ($)"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The contractor's price, with the contract's management costs."),
    )
    jobs = models.DecimalField(
        _("jobs affected (FTE)"), max_digits=8, decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    hours = models.DecimalField(
        _("hours affected"), max_digits=10, decimal_places=1,
        validators=[MinValueValidator(Decimal(0))],
    )
    notes = long_text_field(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial analysis")
        verbose_name_plural = _("financial analyses")

    def __str__(self) -> str:
        return str(self.dossier)

    @property
    def indicators(self) -> indicators.Indicators:
        return indicators.compute(
            in_house=self.in_house_cost, contracted=self.contracted_cost, hours=self.hours
        )


# Lettre d'entente 28 (seed 001). Rules on these rows live in `vpp.le28`.


def _codes_clean(values, allowed, field: str, message) -> None:
    if not isinstance(values, list) or not set(values) <= set(allowed):
        raise ValidationError({field: message})


class LE28Project(Timestamped):
    """A work-organisation project under lettre d'entente 28 (seed 001)."""

    class DecisionMode(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        OTHER = "autre", _("Other")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="le28_projects",
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("VPP dossier"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="le28_projects",
    )
    title = models.CharField(_("title"), max_length=200)
    establishment = models.CharField(_("establishment"), max_length=200)
    volets = models.JSONField(
        _("volets"), default=list, blank=True,
        help_text=_("One or more of volets 1, 2, 3A and 3B of the letter of agreement."),
    )
    services = long_text_field(
        _("services concerned"), blank=True, help_text=_("One per line.")
    )
    job_titles = long_text_field(
        _("targeted job titles"), help_text=_("One per line, e.g. social workers.")
    )
    objectives = models.JSONField(
        _("objectives"), default=list, blank=True,
        help_text=_("Chosen among the 17 paritarian objectives."),
    )
    decision_mode = models.CharField(
        _("decision mode"), max_length=20, choices=DecisionMode.choices,
        default=DecisionMode.CONSENSUS,
        help_text=_("Lettre d'entente 28 asks the steering committee to decide by consensus."),
    )
    decision_mode_details = models.CharField(_("decision mode details"), max_length=300, blank=True)
    # The letter: involve the conseiller syndical from the call for applications, and
    # notify the regional vice-presidency.
    conseiller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("union adviser"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="le28_projects",
    )
    call_for_applications_on = models.DateField(
        _("call for applications"), null=True, blank=True,
        help_text=_("When the employer called for applications."),
    )
    conseiller_since = models.DateField(
        _("union adviser involved since"), null=True, blank=True,
        help_text=_("The letter asks to involve the union adviser from the call for "
                    "applications."),
    )
    vice_presidency_notified_on = models.DateField(
        _("regional vice-presidency notified on"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LE28 project")
        verbose_name_plural = _("LE28 projects")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def job_title_list(self) -> list[str]:
        return [line.strip() for line in self.job_titles.splitlines() if line.strip()]

    @property
    def service_list(self) -> list[str]:
        return [line.strip() for line in self.services.splitlines() if line.strip()]

    def clean(self):
        from .constants import Objective

        check_dates(call_for_applications_on=self.call_for_applications_on,
                    conseiller_since=self.conseiller_since,
                    vice_presidency_notified_on=self.vice_presidency_notified_on)
        _codes_clean(self.objectives, Objective.values, "objectives",
                     _("Choose the objectives among the 17 of the letter of agreement."))
        _codes_clean(self.volets, Volet.values, "volets",
                     _("Choose the volets among 1, 2, 3A and 3B."))
        if not self.volets:
            raise ValidationError({"volets": _("Choose at least one volet.")})

    def volet_labels(self) -> list[str]:
        return [Volet(value).label for value in Volet.values if value in self.volets]

    def objective_labels(self) -> list[str]:
        from .constants import Objective

        return [f"{value}. {Objective(value).label}" for value in sorted(self.objectives)]

    @property
    def adviser_late(self) -> bool:
        """The adviser came in after the call for applications (the letter asks from it)."""
        return bool(self.conseiller_since and self.call_for_applications_on
                    and self.conseiller_since > self.call_for_applications_on)


class LE28Phase(Timestamped):
    project = models.ForeignKey(
        LE28Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phases"
    )
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    union_participation = models.BooleanField(_("the union took part"), default=False)
    participants = models.CharField(_("union participants"), max_length=300, blank=True)
    held_on = models.DateField(_("date"), null=True, blank=True)
    notes = long_text_field(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LE28 phase")
        verbose_name_plural = _("LE28 phases")
        ordering = ["phase"]
        constraints = [
            models.UniqueConstraint(fields=["project", "phase"], name="one_row_per_le28_phase")
        ]

    def __str__(self) -> str:
        return self.get_phase_display()

    def clean(self):
        check_dates(held_on=self.held_on)


class LE28CommitteeMember(Timestamped):
    """A member of the paritarian steering committee, on the union or the employer side."""

    class Side(models.TextChoices):
        UNION = "syndicale", _("Union")
        EMPLOYER = "patronale", _("Employer")

    project = models.ForeignKey(
        LE28Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="committee",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee member")
        verbose_name_plural = _("steering committee members")
        ordering = ["side", "name"]

    def __str__(self) -> str:
        return self.name


class LE28Decision(Timestamped):
    """One of the thirteen things the steering committee decides: what, who decided, when.

    An item is decided once it has a date (`vpp.le28.decision_update` then asks for who
    decided and what)."""

    project = models.ForeignKey(
        LE28Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="decisions",
    )
    item = models.PositiveSmallIntegerField(_("item"), choices=CommitteeDecision.choices)
    content = long_text_field(_("what was decided"), blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=300, blank=True,
        help_text=_("e.g. the steering committee, by consensus."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee decision")
        verbose_name_plural = _("steering committee decisions")
        ordering = ["item"]
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="one_row_per_le28_decision")
        ]

    def __str__(self) -> str:
        return self.get_item_display()

    @property
    def decided(self) -> bool:
        return self.decided_on is not None

    def clean(self):
        check_dates(decided_on=self.decided_on)


class LE28Assessment(Timestamped):
    """One of the eight success indicators, assessed at the evaluation."""

    class Result(models.TextChoices):
        NOT_ASSESSED = "", _("Not assessed")
        MET = "atteint", pgettext_lazy("success indicator", "Met")
        PARTLY = "partiel", pgettext_lazy("success indicator", "Partly met")
        NOT_MET = "non_atteint", pgettext_lazy("success indicator", "Not met")

    project = models.ForeignKey(
        LE28Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="assessments",
    )
    indicator = models.PositiveSmallIntegerField(_("indicator"), choices=SuccessIndicator.choices)
    result = models.CharField(_("result"), max_length=15, choices=Result.choices, blank=True)
    comment = long_text_field(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("success indicator")
        verbose_name_plural = _("success indicators")
        ordering = ["indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator"], name="one_row_per_le28_indicator"
            )
        ]

    def __str__(self) -> str:
        return self.get_indicator_display()
