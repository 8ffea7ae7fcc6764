"""What every measurement shares: a row of the table, and a request measured in CPU time
and queries (the runner, the pages and the PDFs run in one process: CPU time is theirs,
whatever else the machine does)."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = 3  # each figure is the median of this many runs


@dataclass
class Row:
    figure: str
    measured: str
    ratio: str = ""
    goal: str = ""


@dataclass
class Hit:
    """One request: its response, CPU seconds, queries and size in bytes."""

    response: object
    cpu: float
    queries: int

    @property
    def size(self) -> int:
        content = getattr(self.response, "content", b"")
        return len(content)

    @property
    def kib(self) -> str:
        return f"{self.size / 1024:,.0f} KiB"


def client_for(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    return client


def hit(client: Client, url: str, **headers) -> Hit:
    """One GET, with its queries counted."""
    with CaptureQueriesContext(connection) as queries:
        start = time.process_time()
        response = client.get(url, headers=headers)
        cpu = time.process_time() - start
    return Hit(response, cpu, len(queries))


def median_hit(client: Client, url: str, runs: int | None = None, before=None,
               **headers) -> Hit:
    """The median CPU of `runs` GETs (`before()` runs before each, e.g. to empty a cache);
    the last one's response and queries."""
    hits = []
    for _run in range(runs or RUNS):
        if before is not None:
            before()
        hits.append(hit(client, url, **headers))
    return Hit(hits[-1].response, statistics.median(h.cpu for h in hits), hits[-1].queries)


def interleaved_hits(requests: dict, runs: int) -> dict[str, Hit]:
    """The median CPU of each of `requests` (name → (client, url, before or None)) over
    `runs` rounds, one request of each a round, in a rotating order: on a machine whose
    speed drifts (other work, a shared host), both sides of a ratio see the same drift.
    Each keeps its last response and query count."""
    names = list(requests)
    hits = {name: [] for name in names}
    for round_ in range(runs):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            client, url, before = requests[name]
            if before is not None:
                before()
            hits[name].append(hit(client, url))
    return {name: Hit(found[-1].response, statistics.median(h.cpu for h in found),
                      found[-1].queries) for name, found in hits.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms CPU"


def ratio(value: float, anchor: float) -> str:
    return f"{value / anchor:.2f}×" if anchor else "—"


def summary(h: Hit) -> str:
    """CPU, size and queries of a hit, or what came back instead of a page."""
    status = getattr(h.response, "status_code", "?")
    text = f"{ms(h.cpu)}, {h.kib}, {h.queries} queries"
    return text if status == 200 else f"{text} (status {status})"
