"""Writes of the VPP app. Views, admin actions and the demo loader call these, nothing else.

Every function is keyword-only, validates (`full_clean()`) before saving, runs in one
transaction and raises `ValidationError` with a translated message when it refuses.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionplans import notifications
from unionplans.models import Organization
from unionplans.people import NOT_A_MEMBER, display_name, people_of
from unionplans.services import model_update, version_check

from . import workflow
from .constants import QUESTIONS
from .deadlines import due_date
from .models import (
    Bulletin,
    Deadline,
    DeadlineRule,
    DeploymentStep,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)

# Dossiers


@transaction.atomic
def dossier_advance(
    *, dossier: Dossier, to_stage: str, by, note: str = "", access=None,
    version: str | None = None,
) -> DossierEvent:
    """Move `dossier` one stage on, if `by` stands on the right side and the content is there.

    `access`, `by`'s access to the dossier's organization, saves reading it again when the
    caller (a page) already has it. Refused if the dossier changed since `version` (the
    page the move was made from): its findings may have changed under the person's eyes.
    """
    # Lock the row: two people pressing "advance" at once must not both move it, and an
    # edit of the findings cannot slip between the check and the move.
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    version_check(locked, version)
    refusal = workflow.refusal_to_advance(locked, to_stage, by, access)
    if refusal:
        raise ValidationError(refusal, code="refused")
    return _move(locked, dossier, DossierEvent.Kind.ADVANCE, to_stage, by, note)


@transaction.atomic
def dossier_go_back(*, dossier: Dossier, by, reason: str, access=None,
                    version: str | None = None) -> DossierEvent:
    """Send `dossier` back one stage (reopen it if closed); the reason is recorded."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    version_check(locked, version)
    refusal = workflow.refusal_to_go_back(locked, by, reason, access)
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
    notifications.notify(
        users=named_on(locked), organization=dossier.organization,
        kind=notifications.Kind.STAGE, subject=locked.title,
        detail=notifications.msgid(Stage(to_stage).label), by=by,
        url=reverse("vpp:dossier_detail", args=[dossier.organization.slug, dossier.pk]),
    )
    return event


def _save(obj, m2m: dict | None = None):
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    return obj


OTHER_ORGANIZATION = _("%(names)s: of another organization than the dossier's.")


def dossier_links_check(
    *, organization: Organization, conseiller=None, direction_people=(), terrain_people=(),
    veille_items=(), dossier: Dossier | None = None,
) -> None:
    """A dossier names only active members of its organization and watch items of its own.

    People `dossier` already names stay allowed after they left (their part is history);
    anyone else must be an active member. Raises a ValidationError keyed by field, so that
    a form (the page's or the admin's) shows each refusal on its field.
    """
    active = set(people_of(organization, keeping=named_on(dossier))
                 .values_list("pk", flat=True))
    former = set(organization.memberships.values_list("user_id", flat=True)) - active
    people = {
        "conseiller": [conseiller] if conseiller is not None else [],
        "direction_people": direction_people,
        "terrain_people": terrain_people,
    }
    errors = {}
    for name, persons in people.items():
        strangers = [display_name(p) for p in persons if p.pk not in active | former]
        left = [display_name(p) for p in persons if p.pk in former]
        if strangers:
            errors[name] = OTHER_ORGANIZATION % {"names": ", ".join(strangers)}
        elif left:
            errors[name] = NOT_A_MEMBER % {"names": ", ".join(left),
                                           "organization": organization.short_name}
    items = [str(item) for item in veille_items if item.organization_id != organization.pk]
    if items:
        errors["veille_items"] = OTHER_ORGANIZATION % {"names": ", ".join(items)}
    if errors:
        raise ValidationError(errors)


def named_on(dossier: Dossier | None) -> list[int]:
    """The ids of the people a saved dossier names (conseiller, direction, terrain)."""
    if dossier is None or dossier.pk is None:
        return []
    through = (Dossier.direction_people.through, Dossier.terrain_people.through)
    ids = {dossier.conseiller_id}
    for model in through:
        ids.update(model.objects.filter(dossier=dossier).values_list("user_id", flat=True))
    return [pk for pk in ids if pk is not None]


@transaction.atomic
def dossier_create(*, organization: Organization, by, m2m: dict | None = None, **fields) -> Dossier:
    """A dossier at the watch stage; its timeline starts with who created it."""
    m2m = m2m or {}
    dossier_links_check(organization=organization, conseiller=fields.get("conseiller"), **m2m)
    dossier = _save(Dossier(organization=organization, stage=Stage.VEILLE, **fields), m2m)
    # `by` may be nobody: the demo loader and imports create dossiers too.
    DossierEvent.objects.create(
        dossier=dossier, kind=DossierEvent.Kind.CREATED, from_stage=Stage.VEILLE,
        to_stage=Stage.VEILLE, by=by, at=timezone.now(),
    )
    return dossier


@transaction.atomic
def dossier_update(
    *, dossier: Dossier, version: str | None = None, m2m: dict | None = None, **fields
) -> Dossier:
    """Change the fields given (and only those); the stage moves only by advancing."""
    fields.pop("stage", None)
    m2m = m2m or {}
    # Links already stored were checked when set: only new ones need it.
    if m2m or "conseiller" in fields:
        dossier_links_check(
            organization=dossier.organization, conseiller=fields.get("conseiller"),
            dossier=dossier, **m2m
        )
    return model_update(dossier, {**fields, **m2m}, version=version)


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
    deadline.clean()  # the rule's organisation, no trigger date after LATEST_YEAR
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
def task_create(*, dossier: Dossier, **fields) -> Task:
    return _save(Task(dossier=dossier, **fields))


@transaction.atomic
def task_update(*, task: Task, version: str | None = None, **fields) -> Task:
    return model_update(task, fields, version=version)


@transaction.atomic
def questionnaire_save(*, dossier: Dossier, kind: str, answers: dict) -> QuestionnaireAnswers:
    keys = {key for key, _question in QUESTIONS[kind]}
    cleaned = {key: str(value).strip() for key, value in answers.items() if key in keys}
    questionnaire, _created = QuestionnaireAnswers.objects.get_or_create(dossier=dossier, kind=kind)
    questionnaire.answers = cleaned
    return _save(questionnaire)


@transaction.atomic
def financial_analysis_save(
    *, dossier: Dossier, version: str | None = None, **fields
) -> FinancialAnalysis:
    analysis = FinancialAnalysis.objects.filter(dossier=dossier).first()
    if analysis is not None:
        return model_update(analysis, fields, version=version)
    return _save(FinancialAnalysis(dossier=dossier, **fields))


# Veille (seed 003: a bulletin holds several items)


def named_people_check(organization: Organization, people: dict, keeping=()) -> None:
    """The people a structure or a watch item names are active members of `organization`,
    or people it already names (the admin's forms call this too)."""
    allowed = set(people_of(organization, keeping=keeping).values_list("pk", flat=True))
    errors = {}
    for name, persons in people.items():
        strangers = [display_name(p) for p in persons if p.pk not in allowed]
        if strangers:
            errors[name] = NOT_A_MEMBER % {"names": ", ".join(strangers),
                                           "organization": organization.short_name}
    if errors:
        raise ValidationError(errors)


def veille_item_links_check(organization: Organization, fields: dict, m2m: dict, item=None) -> None:
    """An item's bulletin is of its organisation; who must read it are its members (the
    admin's form calls this too)."""
    bulletin = fields.get("bulletin")
    if bulletin is not None and bulletin.organization_id != organization.pk:
        raise ValidationError({"bulletin": _("This bulletin belongs to another organization.")})
    if "readers" in m2m:
        keeping = list(item.readers.values_list("pk", flat=True)) if item else []
        named_people_check(organization, {"readers": m2m["readers"]}, keeping)


@transaction.atomic
def bulletin_create(*, organization: Organization, **fields) -> Bulletin:
    return _save(Bulletin(organization=organization, **fields))


@transaction.atomic
def bulletin_update(*, bulletin: Bulletin, version: str | None = None, **fields) -> Bulletin:
    return model_update(bulletin, fields, version=version)


@transaction.atomic
def veille_item_create(
    *, organization: Organization, m2m: dict | None = None, **fields
) -> VeilleItem:
    """A watch item; one of a bulletin takes the bulletin's source and date when it has none."""
    m2m = m2m or {}
    bulletin = fields.get("bulletin")
    if bulletin is not None:
        fields.setdefault("source", bulletin.source)
        fields.setdefault("published_on", bulletin.published_on)
    veille_item_links_check(organization, fields, m2m)
    return _save(VeilleItem(organization=organization, **fields), m2m)


@transaction.atomic
def veille_item_update(
    *, item: VeilleItem, version: str | None = None, m2m: dict | None = None, **fields
) -> VeilleItem:
    m2m = m2m or {}
    veille_item_links_check(item.organization, fields, m2m, item)
    return model_update(item, {**fields, **m2m}, version=version)


@transaction.atomic
def veille_item_link(*, item: VeilleItem, dossier: Dossier) -> None:
    if item.organization_id != dossier.organization_id:
        raise ValidationError(_("This watch item belongs to another organization."))
    dossier.veille_items.add(item)


# The organisation's VPP structure and deployment plan (seed 000)


@transaction.atomic
def vpp_structure_save(
    *, organization: Organization, version: str | None = None, m2m: dict | None = None,
    **fields,
) -> VppStructure:
    """Create or change the organisation's one VPP structure; it names only its members
    (and whoever it already names)."""
    m2m = m2m or {}
    structure = VppStructure.objects.filter(organization=organization).first()
    keeping = []
    if structure is not None:
        for name in ("direction_people", "terrain_people"):
            keeping += getattr(structure, name).values_list("pk", flat=True)
    named_people_check(organization, m2m, keeping)
    if structure is None:
        return _save(VppStructure(organization=organization, **fields), m2m)
    return model_update(structure, {**fields, **m2m}, version=version)


@transaction.atomic
def deployment_step_create(*, organization: Organization, **fields) -> DeploymentStep:
    return _save(DeploymentStep(organization=organization, **fields))


@transaction.atomic
def deployment_step_update(
    *, step: DeploymentStep, version: str | None = None, **fields
) -> DeploymentStep:
    return model_update(step, fields, version=version)

