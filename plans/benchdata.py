"""Bench plans de travail (`python manage.py benchdata`, see `unionplans.benchdata`): plans of
`--actions` actions each, with the steps, follow-ups and outcomes of seed 004's actions.
`plan_create` is also what `bench/` uses to make a plan of a given size."""

import datetime
import random

from .models import Action, Delegation, FollowUp, Orientation, StatutoryFile, Step, WorkPlan
from .seed_004 import PLAN

SEED_ACTIONS = [a for o in PLAN["orientations"] for a in o["actions"]]
WHATS = [a["what"] for a in SEED_ACTIONS]
STEPS = [s["text"] for a in SEED_ACTIONS for s in a["steps"]]
FOLLOW_UPS = [f["text"] for a in SEED_ACTIONS for f in a["follow_ups"]]
STATEMENTS = [o["statement"] for o in PLAN["orientations"] if o["statement"]]
REASONS = [a["outcome_reason"] for a in SEED_ACTIONS if a["outcome_reason"]] or ["pandémie"]
BATCH = 2000


def generate(world) -> dict:
    """`--plans` plans shared among the organisations, `--actions` actions each."""
    plans = [plan_create(organization, world.options["actions"], world.rng,
                         world.people[organization.pk])
             for _n, organization in world.spread(world.options["plans"])]
    return {"plans": len(plans), "actions": world.options["actions"] * len(plans)}


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    return [datetime.date(m // 12, m % 12 + 1, 1) for m in range(first, last + 1)]


def plan_create(organization, actions: int, rng: random.Random, people: dict, *,
                state=WorkPlan.State.PUBLISHED, title: str = "") -> WorkPlan:
    """A plan of `actions` actions under 4 orientations, each action with 1 to 4 steps
    dated in the mandate and 0 to 4 follow-ups, in a few bulk inserts."""
    start = datetime.date(rng.choice([2019, 2022, 2025]), 6, 1)
    end = datetime.date(start.year + 3, 6, 30)
    plan = WorkPlan.objects.create(
        organization=organization, title=title or f"Plan de travail {start.year}-{end.year}",
        mandate_start=start, mandate_end=end, state=state,
        adopted_on=None if state == WorkPlan.State.DRAFT else start)
    orientations = Orientation.objects.bulk_create([
        Orientation(plan=plan, position=n, statement=rng.choice(STATEMENTS)) for n in range(4)])
    users = list(people.values())
    outcomes = Action.Outcome.values
    made = []
    for n in range(actions):
        outcome = rng.choice(outcomes)
        made.append(Action(
            orientation=orientations[n * len(orientations) // max(actions, 1)],
            position=n, what=rng.choice(WHATS), responsible="Denis",
            responsible_user=rng.choice(users) if rng.random() < 0.5 else None,
            outcome=outcome,
            outcome_reason=rng.choice(REASONS) if outcome in Action.SETTLED else ""))
    made = Action.objects.bulk_create(made, batch_size=BATCH)
    dates = months(start, end)
    Step.objects.bulk_create([
        Step(action=action, position=k, text=rng.choice(STEPS), when_kind=Step.When.MONTH,
             when_date=rng.choice(dates))
        for action in made for k in range(rng.randint(1, 4))], batch_size=BATCH)
    FollowUp.objects.bulk_create([
        FollowUp(action=action, position=k, text=rng.choice(FOLLOW_UPS),
                 date=rng.choice(dates) + datetime.timedelta(days=rng.randint(0, 27)),
                 author=users[0])
        for action in made for k in range(rng.randint(0, 4))], batch_size=BATCH)
    for model, names in [(StatutoryFile, PLAN["statutory_files"]),
                         (Delegation, PLAN["delegations"])]:
        model.objects.bulk_create([model(plan=plan, position=k, name=name)
                                   for k, name in enumerate(names)])
    return plan
