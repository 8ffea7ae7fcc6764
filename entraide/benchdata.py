"""Bench entraide plans (`python manage.py benchdata`, see `unionplans.benchdata`): one plan of
the year per organisation, `--entraide-rows` rows in all, with seed 002's objectives and
cells (which name nobody)."""

from django.utils import timezone

from .models import EntraidePlan, EntraideRow
from .seed_002 import LIST_CELLS, YEAR_1, YEAR_2

ROWS = [row for row in YEAR_1["rows"] + YEAR_2["rows"]]
OBJECTIVES = [row["objective"] for row in ROWS if row.get("objective")]
CELLS = {cell: [row[cell] for row in YEAR_1["rows"] if row.get(cell)] for cell in LIST_CELLS}
BATCH = 2000


def generate(world) -> dict:
    rng, year = world.rng, timezone.localdate().year
    plans = EntraidePlan.objects.bulk_create([
        EntraidePlan(organization=o, year=year, period_label=YEAR_1["period_label"],
                     need=YEAR_1["need"], expected_results=YEAR_1["expected_results"])
        for o in world.organizations])
    rows = [EntraideRow(plan=plans[n % len(plans)], position=n // len(plans) + 1,
                        objective=rng.choice(OBJECTIVES),
                        state=rng.choice(EntraideRow.State.values),
                        **{cell: list(rng.choice(CELLS[cell])) if CELLS[cell] else []
                           for cell in LIST_CELLS})
            for n in range(world.options["entraide_rows"] if plans else 0)]
    EntraideRow.objects.bulk_create(rows, batch_size=BATCH)
    return {"entraide plans": len(plans), "entraide rows": len(rows)}
