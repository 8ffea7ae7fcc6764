"""PDF pipeline benchmark: a cold render against the cache and a 304, as ratios and queries.

Run with `make bench` (it loads the demo data into the development SQLite database first).
Wall-clock figures vary by machine; the ratios and query counts are what to compare.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = 5


def measure(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        elapsed = time.perf_counter() - start
    return response, elapsed, len(queries)


def main():
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="executif"))
    url = "/o/ccsne/membres.pdf"
    cold, cached, not_modified = [], [], []
    for _ in range(RUNS):
        cache.clear()
        response, seconds, cold_queries = measure(client, url)
        cold.append(seconds)
        _, seconds, cached_queries = measure(client, url)
        cached.append(seconds)
        status = measure(client, url, if_none_match=response["ETag"])
        assert status[0].status_code == 304
        not_modified.append(status[1])
    cold_ms, cached_ms, nm_ms = (statistics.median(v) * 1000 for v in (cold, cached, not_modified))
    print(f"member list PDF, median of {RUNS} runs ({len(response.content)} bytes)")
    print(f"  cold render : {cold_ms:8.1f} ms, {cold_queries} queries")
    print(f"  from cache  : {cached_ms:8.1f} ms, {cached_queries} queries "
          f"({cold_ms / cached_ms:.0f}x faster)")
    print(f"  304         : {nm_ms:8.1f} ms ({cold_ms / nm_ms:.0f}x faster)")


if __name__ == "__main__":
    main()
