"""Demo data: the Année 1 and Année 2 plans of seed 002 for the demo conseil central, each
created once (`unionplans.demo.once`) and never rewritten."""

import datetime
from functools import partial

from unionplans.demo import once
from unionplans.models import Organization
from unionplans.people import account_named, people_of

from . import seed_002, services
from .models import EntraidePlan, EntraideRow

State = EntraideRow.State

# Where the demo conseil central stands in its Année 1: the first steps done.
YEAR_1_STATES = [State.DONE, State.DONE, State.IN_PROGRESS, State.IN_PROGRESS, State.TODO,
                 State.TODO]


def load(organizations: dict[str, Organization], users: dict) -> None:
    services.builtin_templates_ensure()
    ccsne = organizations["ccsne"]
    members = set(people_of(ccsne))
    accounts = [user for user in users.values() if user in members]
    plans = [
        (seed_002.YEAR_1, 2025, datetime.date(2025, 12, 31), YEAR_1_STATES),
        (seed_002.YEAR_2, 2026, None, [State.TODO] * len(seed_002.YEAR_2["rows"])),
    ]
    for data, year, target_date, states in plans:
        once(
            f"entraide:{year}",
            exists=EntraidePlan.objects.filter(
                organization=ccsne, is_template=False, year=year,
                period_label=data["period_label"]).exists,
            create=partial(create, ccsne, accounts, data, year, target_date, states),
        )


def reset(organizations: list[Organization]) -> None:
    EntraidePlan.objects.filter(organization__in=organizations).delete()


def create(ccsne, accounts, data, year, target_date, states) -> None:
    plan = EntraidePlan.objects.create(
        organization=ccsne, is_template=False, year=year, period_label=data["period_label"],
        need=data["need"], expected_results=data["expected_results"], target_date=target_date,
    )
    for position, (row, state) in enumerate(zip(data["rows"], states, strict=True), 1):
        values = {name: list(row.get(name, [])) for name in seed_002.LIST_CELLS}
        saved = EntraideRow.objects.create(
            plan=plan, position=position, objective=row["objective"], **values, state=state,
        )
        # Responsables named in the seed who have a demo account are linked to it.
        named = {account_named(accounts, name) for name in values["responsibles"]} - {None}
        if named:
            saved.responsible_users.set(named)
