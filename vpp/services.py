"""Writes of the VPP app. Views, admin actions and the demo loader call these, nothing else.

Every function is keyword-only, validates (`full_clean()`) before saving, runs in one
transaction and raises `ValidationError` with a translated message when it refuses.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionplans.models import Organization

from . import workflow
from .constants import QUESTIONS, Phase, SuccessIndicator
from .deadlines import due_date
from .models import (
    Deadline,
    DeadlineRule,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    LE28Assessment,
    LE28Phase,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    VeilleItem,
)

# Dossiers


@transaction.atomic
def dossier_advance(*, dossier: Dossier, to_stage: str, by, note: str = "") -> DossierEvent:
    """Move `dossier` one stage on, if `by` stands on the right side and the content is there."""
    # Lock the row: two people pressing "advance" at once must not both move it.
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    refusal = workflow.refusal_to_advance(locked, to_stage, by)
    if refusal:
        raise ValidationError(refusal, code="refused")
    return _move(locked, dossier, DossierEvent.Kind.ADVANCE, to_stage, by, note)


@transaction.atomic
def dossier_go_back(*, dossier: Dossier, by, reason: str) -> DossierEvent:
    """Send `dossier` back one stage (reopen it if closed); the reason is recorded."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    refusal = workflow.refusal_to_go_back(locked, by, reason)
    if refusal:
        raise ValidationError(refusal, code="refused")
    to_stage = workflow.previous_stage(locked)
    return _move(locked, dossier, DossierEvent.Kind.BACK, to_stage, by, reason.strip())


def _move(locked: Dossier, dossier: Dossier, kind, to_stage, by, note) -> DossierEvent:
    event = DossierEvent(
        dossier=locked, kind=kind, from_stage=locked.stage, to_stage=to_stage, by=by,
        at=timezone.now(), note=note,
    )
    event.full_clean()
    event.save()
    locked.stage = to_stage
    locked.save(update_fields=["stage", "updated_at"])
    dossier.stage, dossier.updated_at = locked.stage, locked.updated_at
    return event


def _save(obj, m2m: dict | None = None):
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    return obj


@transaction.atomic
def dossier_create(*, organization: Organization, by, m2m: dict | None = None, **fields) -> Dossier:
    dossier = _save(Dossier(organization=organization, stage=Stage.VEILLE, **fields), m2m)
    return dossier


@transaction.atomic
def dossier_update(*, dossier: Dossier, m2m: dict | None = None, **fields) -> Dossier:
    for name, value in fields.items():
        setattr(dossier, name, value)
    return _save(dossier, m2m)


# Deadlines


@transaction.atomic
def deadline_set(
    *, dossier: Dossier, rule: DeadlineRule, trigger_date: date, deadline: Deadline | None = None,
    met: bool = False, note: str = "",
) -> Deadline:
    """Create or change a deadline; its due date follows from the rule and the trigger date."""
    deadline = deadline or Deadline(dossier=dossier)
    deadline.rule, deadline.trigger_date = rule, trigger_date
    deadline.met, deadline.note = met, note
    deadline.clean()  # the rule's organisation, a due date within the calendar
    deadline.due_on = deadline.compute_due_on()
    return _save(deadline)


@transaction.atomic
def deadline_rule_save(*, rule: DeadlineRule) -> DeadlineRule:
    """Save a rule and move the due dates of the deadlines that follow it."""
    _save(rule)
    for deadline in rule.deadlines.all():
        due_on = due_date(deadline.trigger_date, rule.days, rule.day_kind)
        if due_on != deadline.due_on:
            deadline.due_on = due_on
            deadline.save(update_fields=["due_on", "updated_at"])
    return rule


# Work plan, questionnaires, financial analysis


@transaction.atomic
def task_save(*, task):
    return _save(task)


@transaction.atomic
def questionnaire_save(*, dossier: Dossier, kind: str, answers: dict) -> QuestionnaireAnswers:
    keys = {key for key, _question in QUESTIONS[kind]}
    cleaned = {key: str(value).strip() for key, value in answers.items() if key in keys}
    questionnaire, _created = QuestionnaireAnswers.objects.get_or_create(dossier=dossier, kind=kind)
    questionnaire.answers = cleaned
    return _save(questionnaire)


@transaction.atomic
def financial_analysis_save(*, dossier: Dossier, **fields) -> FinancialAnalysis:
    analysis = FinancialAnalysis.objects.filter(dossier=dossier).first() or FinancialAnalysis(
        dossier=dossier
    )
    for name, value in fields.items():
        setattr(analysis, name, value)
    return _save(analysis)


# Veille


@transaction.atomic
def veille_item_save(*, item: VeilleItem) -> VeilleItem:
    return _save(item)


@transaction.atomic
def veille_item_link(*, item: VeilleItem, dossier: Dossier) -> None:
    if item.organization_id != dossier.organization_id:
        raise ValidationError(_("This watch item belongs to another organization."))
    dossier.veille_items.add(item)


# Lettre d'entente 28


@transaction.atomic
def le28_project_create(*, organization: Organization, **fields) -> LE28Project:
    """A project with its five phases and eight indicators, ready to be filled."""
    project = _save(LE28Project(organization=organization, **fields))
    le28_project_complete(project=project)
    return project


@transaction.atomic
def le28_project_complete(*, project: LE28Project) -> None:
    """Give the project a row for each of the five phases and eight indicators it lacks."""
    phases = set(project.phases.values_list("phase", flat=True))
    LE28Phase.objects.bulk_create(
        LE28Phase(project=project, phase=p) for p in Phase.values if p not in phases
    )
    indicators = set(project.assessments.values_list("indicator", flat=True))
    LE28Assessment.objects.bulk_create(
        LE28Assessment(project=project, indicator=i)
        for i in SuccessIndicator.values if i not in indicators
    )


@transaction.atomic
def le28_project_update(*, project: LE28Project, **fields) -> LE28Project:
    for name, value in fields.items():
        setattr(project, name, value)
    return _save(project)
