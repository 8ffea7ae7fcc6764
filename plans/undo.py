"""What of a plan can be restored once deleted, and what its history page covers
(read by `unionplans.restore` and `unionplans.history` through the app registry)."""

from unionplans.restore import Restorable

from .models import (
    Action,
    Delegation,
    FollowUp,
    Indicator,
    Measurement,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)


def _open(parent) -> None:
    """A closed plan takes nothing back: it is the record of its mandate."""
    from .selectors import plan_of
    from .services import plan_ensure_open

    plan_ensure_open(plan_of(parent))


_PLAN = "plan__organization"
_ORIENTATION = "orientation__plan__organization"
_ACTION = "action__orientation__plan__organization"

RESTORABLE = [
    Restorable(WorkPlan, "organization", "organization"),
    Restorable(Orientation, _PLAN, "plan", "plan", _open),
    Restorable(Action, _ORIENTATION, "orientation", "orientation", _open),
    Restorable(Step, _ACTION, "action", "action", _open),
    Restorable(FollowUp, _ACTION, "action", "action", _open),
    Restorable(Indicator, _ACTION, "action", "action", _open),
    Restorable(Measurement, f"indicator__{_ACTION}", "indicator", check=_open),
    Restorable(StatutoryFile, _PLAN, "plan", "plan", _open),
    Restorable(Delegation, _PLAN, "plan", "plan", _open),
]



def _orientation_numbers(records) -> None:
    """Each numbered orientation record's `.number`: its place among the plan's numbered
    orientations now (where it comes back if deleted), in one query."""
    plans = {r.plan_id for r in records}
    live = list(Orientation.objects.filter(plan_id__in=plans, numbered=True)
                .values_list("plan_id", "position", "pk"))
    for record in records:
        if record.numbered:
            record.number = str(1 + sum(
                1 for plan, position, pk in live
                if plan == record.plan_id and (position, pk) < (record.position, record.id)))


# Numbers for the history's lines: « Orientation 3 ».
NUMBERING = {Orientation: _orientation_numbers}

# A plan's history: the plan and each kind of row in it, by the key to its parent.
HISTORY = {
    WorkPlan: [
        (Orientation, "plan"),
        (Action, "orientation"),
        (Step, "action"),
        (FollowUp, "action"),
        (Indicator, "action"),
        (Measurement, "indicator"),
        (StatutoryFile, "plan"),
        (Delegation, "plan"),
    ],
}
