"""The stages of a VPP dossier and who moves it: the roles table of seed 000, as data.

Seed 000 ("Rôles, responsabilités") splits the work between two levels:

- **direction politique**: the organisation's exécutif and its conseillers (those who hold
  EDIT or REVIEW there, see `unionplans.permissions`), plus the people listed on the
  dossier's direction side;
- **structure terrain**: the people listed on the dossier's terrain side (members of the
  organisation, often plain membres).

`TRANSITIONS` says, for each allowed move, which side makes it and what the dossier must
hold first. `vpp.services.dossier_advance` / `dossier_go_back` are the only callers that
change a stage; views and admin actions both go through them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionplans import permissions

from .constants import Questionnaire
from .models import Dossier, Stage

ORDER = list(Stage)


class Side(models.TextChoices):
    DIRECTION = "direction", _("political leadership")
    TERRAIN = "terrain", _("field structure")


# Seed 000, "Rôles, responsabilités", row by row: (stages, direction politique, structure
# terrain). The stages say when each row applies.
ROLES_TABLE = (
    (
        (Stage.VEILLE,),
        _("Information watch / employer's notice"),
        _("Field monitoring / diagnosis"),
    ),
    ((Stage.PRE_DIAGNOSTIC,), _("Pre-diagnostic"), _("Pre-survey")),
    (
        (Stage.ANALYSIS,),
        _("Analysis, prioritisation and decision"),
        _("Consultation, validation, liaison"),
    ),
    (
        (Stage.ANALYSIS,),
        _("Drawing up the work plan and strategy"),
        _("Consultation, validation, liaison"),
    ),
    ((Stage.SURVEY, Stage.REPORT), _("Putting the report together"), _("Survey")),
    ((Stage.FOLLOW_UP,), _("Follow-up of the work plan"), _("Support")),
)


def roles_at(stage: str) -> list[tuple[str, str]]:
    """(direction politique, structure terrain) rows of the roles table for `stage`."""
    return [(direction, terrain) for stages, direction, terrain in ROLES_TABLE if stage in stages]


# Required content: each check returns the refusal message, or None when the dossier is ready.


def _pre_diagnostic_filled(dossier: Dossier):
    answers = dossier.questionnaires.filter(kind=Questionnaire.PRE_DIAGNOSTIC).first()
    if answers is None or not answers.complete:
        return _(
            "Fill in the simplified pre-diagnostic (every question) before the analysis "
            "and decision."
        )
    return None


def _go_decision(dossier: Dossier):
    if dossier.decision == Dossier.Decision.NO_GO:
        return _("The decision is no-go: close the dossier instead of starting the survey.")
    if dossier.decision != Dossier.Decision.GO or not dossier.priority or not dossier.decision_date:
        return _(
            "Record the decision (go or no-go), the priority and the date of the decision "
            "before the survey."
        )
    return None


def _closing_from_analysis(dossier: Dossier):
    if dossier.decision != Dossier.Decision.NO_GO or not dossier.decision_date:
        return _(
            "A dossier is closed at the analysis only after a no-go decision with its date; "
            "after a go decision it goes on to the survey."
        )
    return _terrain_consulted(dossier, work_plan=False)


def _terrain_consulted(dossier: Dossier, *, work_plan: bool):
    """Roles table: the structure terrain is consulted on (or validates) the decision, and
    the work plan when the dossier goes on."""
    if not dossier.terrain_on_decision:
        return _(
            "Record that the field structure was consulted on, or validated, the decision "
            "(with the date) before leaving the analysis."
        )
    if work_plan and not dossier.terrain_on_work_plan:
        return _(
            "Record that the field structure was consulted on, or validated, the work plan "
            "(with the date) before the survey."
        )
    return None


def _go_on_to_survey(dossier: Dossier):
    return _go_decision(dossier) or _terrain_consulted(dossier, work_plan=True)


def _findings(dossier: Dossier):
    if not dossier.findings.strip():
        return _("Write the survey findings before the report.")
    return None


def _report(dossier: Dossier):
    if not dossier.report.strip():
        return _("Write the report's conclusions before the follow-up.")
    return None


@dataclass(frozen=True)
class Transition:
    side: str
    requirement: Callable[[Dossier], object] | None = None


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (Stage.VEILLE, Stage.PRE_DIAGNOSTIC): Transition(Side.DIRECTION),
    (Stage.PRE_DIAGNOSTIC, Stage.ANALYSIS): Transition(Side.DIRECTION, _pre_diagnostic_filled),
    (Stage.ANALYSIS, Stage.SURVEY): Transition(Side.DIRECTION, _go_on_to_survey),
    (Stage.ANALYSIS, Stage.CLOSED): Transition(Side.DIRECTION, _closing_from_analysis),
    (Stage.SURVEY, Stage.REPORT): Transition(Side.TERRAIN, _findings),
    (Stage.REPORT, Stage.FOLLOW_UP): Transition(Side.DIRECTION, _report),
    (Stage.FOLLOW_UP, Stage.CLOSED): Transition(Side.DIRECTION),
}

# Going back a stage is a direction decision, always with a reason.
GO_BACK_SIDE = Side.DIRECTION


def next_stages(stage: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == stage]


def default_next(dossier: Dossier) -> str | None:
    """The move the admin's "advance" action makes: at the analysis, a no-go closes."""
    if dossier.stage == Stage.ANALYSIS:
        return Stage.CLOSED if dossier.decision == Dossier.Decision.NO_GO else Stage.SURVEY
    stages = next_stages(dossier.stage)
    return stages[0] if stages else None


def sides_of(user, dossier: Dossier, access: permissions.Access | None = None) -> set[str]:
    """The sides `user` stands on for `dossier` (empty for someone of another organisation)."""
    if access is None:
        access = permissions.access_to(user, dossier.organization)
    if permissions.VIEW not in access:
        return set()
    if permissions.is_superuser(user):
        return {Side.DIRECTION, Side.TERRAIN}
    sides = set()
    leads = permissions.EDIT in access or permissions.REVIEW in access
    if leads or dossier.direction_people.filter(pk=user.pk).exists():
        sides.add(Side.DIRECTION)
    if dossier.terrain_people.filter(pk=user.pk).exists():
        sides.add(Side.TERRAIN)
    return sides


SIDE_REFUSAL = {
    Side.DIRECTION: _(
        "Only the political leadership (the organization's executive, its union advisers and "
        "the people on the dossier's direction side) may move a dossier from “%(from)s” to "
        "“%(to)s”."
    ),
    Side.TERRAIN: _(
        "Only the field structure (the people on the dossier's field side) may move a dossier "
        "from “%(from)s” to “%(to)s”."
    ),
}


def may_write_findings(user, dossier: Dossier, access: permissions.Access) -> bool:
    """The survey findings are written by the structure terrain, or by the exécutif."""
    return permissions.EDIT in access or Side.TERRAIN in sides_of(user, dossier, access)


def refusal_to_advance(dossier: Dossier, to_stage: str, user, access=None) -> str | None:
    """Why `user` may not move `dossier` to `to_stage`, or None if the move is allowed."""
    names = {"from": Stage(dossier.stage).label, "to": _stage_label(to_stage)}
    if dossier.stage == Stage.CLOSED:
        return _("This dossier is closed. Go back a stage to reopen it.")
    transition = TRANSITIONS.get((dossier.stage, to_stage))
    if transition is None:
        allowed = ", ".join(f"“{Stage(s).label}”" for s in next_stages(dossier.stage))
        return _(
            "A dossier moves one stage at a time: from “%(from)s” it can only go to %(allowed)s."
        ) % {**names, "allowed": allowed}
    if transition.side not in sides_of(user, dossier, access):
        return SIDE_REFUSAL[transition.side] % names
    if transition.requirement is not None:
        return transition.requirement(dossier)
    return None


@dataclass(frozen=True)
class Move:
    """A move the page may show: `refusal` is None when the service would make it."""

    to_stage: str
    refusal: str | None

    @property
    def label(self) -> str:
        return _stage_label(self.to_stage)


def moves_for(user, dossier: Dossier, access=None) -> tuple[list[Move], list[Move]]:
    """The moves `user` may make now, and those on its side that wait for content.

    Both come from `refusal_to_advance`, which `dossier_advance` also asks: the page offers
    exactly what the service accepts, and says what is missing for the others. A move of
    the other side is neither offered nor shown.
    """
    sides = sides_of(user, dossier, access)
    offered, waiting = [], []
    for to_stage in next_stages(dossier.stage):
        refusal = refusal_to_advance(dossier, to_stage, user, access)
        if refusal is None:
            offered.append(Move(to_stage, None))
        elif TRANSITIONS[(dossier.stage, to_stage)].side in sides:
            waiting.append(Move(to_stage, refusal))
    return offered, waiting


def may_go_back(user, dossier: Dossier, access=None) -> bool:
    """Whether the page offers "go back a stage": what `dossier_go_back` accepts, given a
    reason (the form asks for it)."""
    return refusal_to_go_back(dossier, user, "a reason", access) is None


def previous_stage(dossier: Dossier) -> str | None:
    """Where going back leads: the stage before, or for a closed dossier the stage it was
    closed from (the analysis after a no-go, else the follow-up)."""
    if dossier.stage == Stage.CLOSED:
        closing = dossier.events.filter(to_stage=Stage.CLOSED).order_by("-at", "-pk").first()
        return closing.from_stage if closing else Stage.FOLLOW_UP
    index = ORDER.index(dossier.stage)
    return ORDER[index - 1] if index else None


def refusal_to_go_back(dossier: Dossier, user, reason: str, access=None) -> str | None:
    if previous_stage(dossier) is None:
        return _("This dossier is at its first stage: there is no stage to go back to.")
    if GO_BACK_SIDE not in sides_of(user, dossier, access):
        return _(
            "Only the political leadership (the organization's executive, its union advisers "
            "and the people on the dossier's direction side) may send a dossier back a stage."
        )
    if not reason.strip():
        return _("Give the reason for going back a stage.")
    return None


def _stage_label(value: str) -> str:
    try:
        return Stage(value).label
    except ValueError:
        return value
