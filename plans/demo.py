"""Seed 004, the CCSNE's Plan de travail 2019-2022, loaded whole into the demo.

The data lives in `plans/seed_004.py`; this maps it onto the models. Numbers ("1.1") are
not stored: they come from the order, and the loader checks they match the seed's.
The plan is created whole the first time only (`unionplans.demo.once`): a rerun never
touches it again, whatever people did to it.
"""

import datetime

from unionplans.demo import once
from unionplans.models import Organization
from unionplans.people import account_named, people_of

from .imports import read_follow_up
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
from .seed_004 import PLAN
from .selectors import number_orientations


def load(organizations: dict[str, Organization], users: dict) -> None:
    organization = organizations["ccsne"]
    once(
        "plans:seed-004",
        exists=lambda: WorkPlan.objects.filter(
            organization=organization, title=PLAN["title"]).exists(),
        create=lambda: create(organization, users),
    )


def reset(organizations: list[Organization]) -> None:
    WorkPlan.objects.filter(organization__in=organizations).delete()


def create(organization: Organization, users: dict) -> WorkPlan:
    # QUI names the demo accounts of the CCSNE that the seed names ("Denis").
    members = set(people_of(organization))
    users = [user for user in users.values() if user in members]
    plan = WorkPlan.objects.create(
        organization=organization,
        title=PLAN["title"],
        mandate_start=PLAN["mandate_start"],
        mandate_end=PLAN["mandate_end"],
        # The seed is the plan as it stood at the end of the mandate: its bilan.
        state=WorkPlan.State.CLOSED,
        adopted_on=PLAN.get("adopted_on"),
    )
    for position, data in enumerate(PLAN["orientations"]):
        orientation = Orientation.objects.create(
            plan=plan,
            position=position,
            numbered=bool(data["number"]),
            title=data["title"],
            statement=data["statement"],
            sub_statements="\n".join(text for _letter, text in data["sub_statements"]),
        )
        for action_position, action_data in enumerate(data["actions"]):
            create_action(orientation, action_position, action_data, users)
    for model, names in [(StatutoryFile, PLAN["statutory_files"]),
                         (Delegation, PLAN["delegations"])]:
        for position, name in enumerate(names):
            model.objects.create(plan=plan, position=position, name=name)
    check_numbers(plan)
    return plan


def create_action(orientation, position, data, users: list) -> None:
    """`users`: the demo accounts QUI may name."""
    action = Action.objects.create(
        orientation=orientation,
        position=position,
        what=data["what"],
        responsible=data["who"],
        responsible_user=account_named(users, data["who"]),
        outcome=data["outcome"],
        outcome_reason=data["outcome_reason"],
        outcome_text=data["outcome_text"],
    )
    for step_position, step in enumerate(data["steps"]):
        labelled = step["when_kind"] == Step.When.LABEL
        Step.objects.create(
            action=action,
            position=step_position,
            text=step["text"],
            when_kind=step["when_kind"],
            when_date=step["when_date"],
            when_label=step["when_text"] if labelled else "",
        )
    for follow_up_position, follow_up in enumerate(data["follow_ups"]):
        FollowUp.objects.create(action=action, position=follow_up_position, **dated(follow_up))
    for indicator_position, data_indicator in enumerate(data.get("indicators", [])):
        indicator = Indicator.objects.create(
            action=action, position=indicator_position, name=data_indicator["name"],
            target=data_indicator["target"])
        for measurement in data_indicator["measurements"]:
            Measurement.objects.create(indicator=indicator, date=measurement["date"],
                                       value=measurement["value"], note=measurement["note"])


def dated(follow_up: dict) -> dict:
    """The follow-up with the date the seed writes in it ("… l'AG du 28 février 2020"), read
    as an import from Word reads it: from the first line (the sub-bullets have their own);
    a leading "1er mai 2020 : " is the date, not the text."""
    first, *rest = follow_up["text"].splitlines()
    read = read_follow_up(first)
    written = datetime.date.fromisoformat(read["date"]) if read["date"] else None
    return {"text": "\n".join([read["text"], *rest]), "date": follow_up["date"] or written}


def check_numbers(plan: WorkPlan) -> None:
    """The derived numbers must be the seed's own (1, 1.1 … 3.6, and none for Dossier spécial)."""
    orientations = list(plan.orientations.order_by("position").prefetch_related("actions"))
    number_orientations(orientations)
    derived = [
        (o.number, [a.number for a in o.actions.all()]) for o in orientations
    ]
    expected = [
        (o["number"], [a["number"] for a in o["actions"]]) for o in PLAN["orientations"]
    ]
    if derived != expected:
        raise ValueError(f"Seed 004 numbering mismatch: {derived} != {expected}")
