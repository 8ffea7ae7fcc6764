"""Requests a second under gunicorn, on loopback, from a bounded load generator: a few
threads of urllib requests for a few seconds, on `/sante/` (the anchor: a database and a
cache round trip) and on the exécutif's plan page."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

from .common import Row, ratio
from .pages import plan_url

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3  # the README's deploy command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, headers: dict) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback, http)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def gunicorn_start(env: dict) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free loopback port, once `/sante/` answers."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [gunicorn, "unionplans.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while get(f"{base}/sante/", {}) != 200:
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise SystemExit("gunicorn did not start.")
        time.sleep(0.2)
    return server, base


def load(url: str, seconds: float, threads: int, headers: dict) -> tuple[float, int]:
    """Requests a second answered 200 by `threads` clients for `seconds`; and the others."""
    deadline = time.monotonic() + seconds

    def client(_n):
        answers = []
        while time.monotonic() < deadline:
            answers.append(get(url, headers))
        return answers

    start = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        answers = [status for found in pool.map(client, range(threads)) for status in found]
    elapsed = time.monotonic() - start
    ok = sum(status == 200 for status in answers)
    return ok / elapsed, len(answers) - ok


def serve_rows(subjects, *, seconds: float = 10, threads: int = 4,
               env: dict | None = None) -> list[Row]:
    client = subjects.client("executif")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    server, base = gunicorn_start({**os.environ, **(env or {})})
    try:
        health, health_errors = load(f"{base}/sante/", seconds, threads, {})
        page, page_errors = load(base + plan_url(subjects.page_plan), seconds, threads, headers)
    finally:
        server.terminate()
        server.wait(timeout=60)
    where = f"gunicorn, {WORKERS} workers, {threads} clients × {seconds:g} s"
    return [
        Row(f"/sante/ under {where}", f"{health:,.1f} requests/s"
            + (f" ({health_errors} not 200)" if health_errors else "")),
        Row(f"  exécutif's plan page ({subjects.page_actions} actions)",
            f"{page:,.2f} requests/s" + (f" ({page_errors} not 200)" if page_errors else ""),
            f"{ratio(page, health)} of /sante/"),
    ]
