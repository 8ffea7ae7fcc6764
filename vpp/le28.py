"""Writes of lettre d'entente 28 projects (seed 001): the project, its five phases, its
steering committee and the committee's thirteen decisions, and its eight success
indicators. Views, the admin and the demo loader call these, nothing else.

Keyword-only, validated (`full_clean()`) before saving, one transaction each; a refusal is
a `ValidationError` with a translated message, keyed by field where there is one.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from unionplans import restore
from unionplans.models import Membership, Organization
from unionplans.people import display_name, people_of
from unionplans.services import model_update

from .constants import CommitteeDecision, Phase, SuccessIndicator, Volet
from .deadlines import today
from .models import (
    Dossier,
    LE28Assessment,
    LE28CommitteeMember,
    LE28Decision,
    LE28Phase,
    LE28Project,
)

NOT_AN_ADVISER = _("%(name)s is not a union adviser of %(organization)s.")
IN_THE_FUTURE = _("This date is still to come: record it once it has happened.")
# Dates of things that happened: a notice sent, a person involved, a decision taken.
PAST_DATES = ("conseiller_since", "vice_presidency_notified_on", "decided_on", "held_on")


def _past_dates_check(fields: dict) -> None:
    on = today()
    errors = {name: IN_THE_FUTURE for name in PAST_DATES
              if fields.get(name) is not None and fields[name] > on}
    if errors:
        raise ValidationError(errors)


def _ordered(fields: dict) -> dict:
    """Volets and objectives stored once each, in the letter's order."""
    fields = dict(fields)
    if "volets" in fields:
        fields["volets"] = [v for v in Volet.values if v in (fields["volets"] or ())]
    if "objectives" in fields:
        chosen = {int(o) for o in fields["objectives"] or () if str(o).isdigit()}
        unknown = [o for o in fields["objectives"] or () if not str(o).isdigit()]
        fields["objectives"] = sorted(chosen) + unknown  # unknown ones: refused by clean()
    return fields


def project_links_check(
    *, organization: Organization, conseiller=None, dossier: Dossier | None = None,
    project: LE28Project | None = None,
) -> None:
    """A project names an adviser of its organisation (one it already names may stay after
    leaving) and a VPP dossier of its own organisation."""
    errors = {}
    kept = project is not None and conseiller is not None and project.conseiller_id == conseiller.pk
    if conseiller is not None and not kept:
        advisers = people_of(organization).filter(
            memberships__organization=organization, memberships__is_active=True,
            memberships__role=Membership.Role.ADVISER,
        )
        if not advisers.filter(pk=conseiller.pk).exists():
            errors["conseiller"] = NOT_AN_ADVISER % {
                "name": display_name(conseiller), "organization": organization.short_name}
    if dossier is not None and dossier.organization_id != organization.pk:
        errors["dossier"] = _("This dossier belongs to another organization.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(*, organization: Organization, **fields) -> LE28Project:
    """A project with its five phases, eight indicators and thirteen decisions to fill."""
    fields = _ordered(fields)
    _past_dates_check(fields)
    project_links_check(organization=organization, conseiller=fields.get("conseiller"),
                        dossier=fields.get("dossier"))
    project = LE28Project(organization=organization, **fields)
    project.full_clean()
    project.save()
    project_complete(project=project)
    return project


@transaction.atomic
def project_complete(*, project: LE28Project) -> None:
    """Give the project a row for each phase, indicator and committee decision it lacks."""
    for model, field, values in [
        (LE28Phase, "phase", Phase.values),
        (LE28Assessment, "indicator", SuccessIndicator.values),
        (LE28Decision, "item", CommitteeDecision.values),
    ]:
        present = set(model.objects.filter(project=project).values_list(field, flat=True))
        model.objects.bulk_create(
            model(project=project, **{field: value}) for value in values if value not in present
        )


@transaction.atomic
def project_update(*, project: LE28Project, version: str | None = None, **fields) -> LE28Project:
    fields = _ordered(fields)
    _past_dates_check(fields)
    if "conseiller" in fields or "dossier" in fields:
        project_links_check(
            organization=project.organization, project=project,
            conseiller=fields.get("conseiller", project.conseiller),
            dossier=fields.get("dossier", project.dossier),
        )
    return model_update(project, fields, version=version)


@transaction.atomic
def phase_update(*, phase: LE28Phase, version: str | None = None, **fields) -> LE28Phase:
    _past_dates_check(fields)
    return model_update(phase, fields, version=version)


@transaction.atomic
def member_create(*, project: LE28Project, **fields) -> LE28CommitteeMember:
    member = LE28CommitteeMember(project=project, **fields)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_update(
    *, member: LE28CommitteeMember, version: str | None = None, **fields
) -> LE28CommitteeMember:
    return model_update(member, fields, version=version)


@transaction.atomic
def member_delete(*, member: LE28CommitteeMember, by=None) -> None:
    """Take someone off the committee; the history keeps who sat on it (restorable for a
    while, `unionplans.restore`)."""
    restore.delete(member, by=by)


@transaction.atomic
def decision_update(
    *, decision: LE28Decision, version: str | None = None, **fields
) -> LE28Decision:
    """Record what the committee decided on one item: a dated decision says who decided
    and what (the checklist counts an item as decided once it has a date)."""
    _past_dates_check(fields)
    merged = {name: fields.get(name, getattr(decision, name))
              for name in ("content", "decided_by", "decided_on")}
    if merged["decided_on"] is not None:
        errors = {}
        if not merged["decided_by"].strip():
            errors["decided_by"] = _("Say who decided (e.g. the steering committee).")
        if not merged["content"].strip():
            errors["content"] = _("Say what was decided.")
        if errors:
            raise ValidationError(errors)
    return model_update(decision, fields, version=version)


@transaction.atomic
def assessment_update(
    *, assessment: LE28Assessment, version: str | None = None, **fields
) -> LE28Assessment:
    return model_update(assessment, fields, version=version)
