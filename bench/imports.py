"""Word import: a 50-action, 300-follow-up plan read from .docx and created, in CPU seconds
and queries, and the queries again for twice the rows (bulk inserts: the queries grow with
the batches, not the rows). The plan is exported from the bench's 50-action plan and grown;
everything is rolled back."""

import io
import time

import docx
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from plans import exports, imports, services

from .common import Row, ms


def grown(data: dict, actions: int, follow_ups: int) -> dict:
    """The preview's actions repeated to `actions`, each with `follow_ups` follow-ups."""
    seeded = [a for o in data["orientations"] for a in o["actions"]]
    pool = [a for a in seeded if a["follow_ups"]] or seeded
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


def create(plan, data: dict, title: str):
    return services.plan_import(
        organization=plan.organization, data=data, title=title,
        mandate_start=plan.mandate_start, mandate_end=plan.mandate_end,
    )


def import_rows(subjects, actions: int = 50, follow_ups: int = 6) -> list[Row]:
    source = subjects.pdf_plan
    with transaction.atomic():
        seed = imports.read_plan(docx.Document(io.BytesIO(exports.plan_docx(source))))
        big = create(source, grown(seed, actions, follow_ups), "Banc d'essai")
        content = exports.plan_docx(big)
        data, read_cpu, _ = timed(lambda: imports.read_plan(docx.Document(io.BytesIO(content))))
        _, create_cpu, create_queries = timed(create, source, data, "Banc d'essai bis")
        _, _, double_queries = timed(create, source, grown(seed, actions * 2, follow_ups),
                                     "Banc d'essai double")
        transaction.set_rollback(True)
    counts = imports.counts(data)
    return [
        Row(f"Word import, {counts['actions']} actions, {counts['follow_ups']} follow-ups "
            f"({len(content) // 1024} KiB .docx)", f"read {ms(read_cpu)}; create "
            f"{ms(create_cpu)}, {create_queries} queries",
            f"{double_queries} queries for twice the rows"),
    ]
