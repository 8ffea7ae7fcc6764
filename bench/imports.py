"""Word import benchmark: a 50-action, 300-follow-up plan read from .docx and created.

Run with `make bench` (after the demo is loaded). The demo plan is exported to Word,
grown to 50 actions of 6 follow-ups, created, exported again, and that document is read
and imported; everything is rolled back at the end. Prints the seconds and the queries of
reading and of creating, and the queries again for twice the rows: the inserts are in
bulk, so the queries grow with the number of batches, not of rows.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans import exports, imports, services  # noqa: E402
from plans.models import WorkPlan  # noqa: E402


def grown(data: dict, actions: int, follow_ups: int) -> dict:
    """The preview's actions repeated to `actions`, each with `follow_ups` follow-ups."""
    pool = [a for o in data["orientations"] for a in o["actions"] if a["follow_ups"]]
    made = []
    for index in range(actions):
        action = pool[index % len(pool)]
        notes = (action["follow_ups"] * follow_ups)[:follow_ups]
        made.append({**action, "follow_ups": notes})
    per_orientation = -(-actions // len(data["orientations"]))
    orientations = [
        {**o, "actions": made[i * per_orientation:(i + 1) * per_orientation]}
        for i, o in enumerate(data["orientations"])
    ]
    return {**data, "orientations": orientations}


def timed(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        start = time.process_time()
        result = function(*args, **kwargs)
        seconds = time.process_time() - start
    return result, seconds, len(queries)


def create(plan: WorkPlan, data: dict, title: str):
    return services.plan_import(
        organization=plan.organization, data=data, title=title,
        mandate_start=plan.mandate_start, mandate_end=plan.mandate_end,
    )


def main():
    demo = WorkPlan.objects.filter(organization__slug="ccsne").order_by("pk").first()
    if demo is None:
        sys.exit("No demo plan: run `make demo` first.")
    with transaction.atomic():
        seed = imports.read_plan(docx.Document(io.BytesIO(exports.plan_docx(demo))))
        big = create(demo, grown(seed, 50, 6), "Banc d'essai 50")
        content = exports.plan_docx(big)
        data, read_seconds, _ = timed(
            lambda: imports.read_plan(docx.Document(io.BytesIO(content)))
        )
        _, create_seconds, create_queries = timed(create, demo, data, "Banc d'essai 50 bis")
        _, _, double_queries = timed(create, demo, grown(seed, 100, 6), "Banc d'essai 100")
        transaction.set_rollback(True)
    counts = imports.counts(data)
    print(f"Word import of {counts['actions']} actions, {counts['follow_ups']} follow-ups, "
          f"{counts['steps']} steps ({len(content) // 1024} KiB .docx), CPU seconds:")
    print(f"  read the document : {read_seconds:6.2f} s, 0 queries")
    print(f"  create the plan   : {create_seconds:6.2f} s, {create_queries} queries")
    print(f"  total             : {read_seconds + create_seconds:6.2f} s")
    print(f"  twice the rows    : {double_queries} queries "
          f"(on {connection.vendor}; more only where a batch fills up)")


if __name__ == "__main__":
    main()
