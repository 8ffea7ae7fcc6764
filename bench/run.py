"""`make bench`: one table of the issue's figures, each against an anchor measured in the same
run, on a PostgreSQL database of its own (DATABASE_URL, made again from nothing; its name
must contain "bench").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_bench python bench/run.py

CPU time (`time.process_time`, the children's rusage) and ratios: the machine is shared,
so wall-clock figures are only given where they are the point (the bench data's minute,
requests a second). Nothing here asserts a speed; the table is read against the goals.
"""

import argparse
import os
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SMALL, LARGE = 0.1, 1.0  # the admin's and the reminders' two sizes, 10× apart


def options(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=50)
    parser.add_argument("--actions", type=int, default=200, help="per plan of the bench data")
    parser.add_argument("--dossiers", type=int, default=5000)
    parser.add_argument("--page-actions", type=int, default=300)
    parser.add_argument("--big-actions", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=10, help="of load on each URL")
    parser.add_argument("--reminders", type=int, default=300, help="reminders to send")
    parser.add_argument("--keep-database", action="store_true",
                        help="use the database as it is (already migrated and empty)")
    return parser.parse_args(argv)


def environment() -> None:
    """Production settings over plain HTTP, and a broker if Redis answers on loopback."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in urlsplit(url).path:
        sys.exit("bench/run.py needs DATABASE_URL=postgres://…/<a name with bench>: it drops "
                 "and makes that database again.")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")
    os.environ.setdefault("PAGE_CACHE", "1")  # one process: its cache is as shared as Redis
    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex(("127.0.0.1", 6379)) == 0:
            os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")


def fresh_database(url: str) -> None:
    """Drop and create the bench database (never another: its name says bench)."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = psycopg2.connect(host=parts.hostname, port=parts.port or 5432,
                              user=parts.username, password=parts.password, dbname="postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    server.close()


def machine_row():
    from django.db import connection

    from bench.common import Row

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return Row("machine", f"{os.cpu_count()} cores, load {load} (1, 5, 15 min)",
               f"PostgreSQL {version}, Python {sys.version.split()[0]}")


def benchdata(args, share: float):
    """`share` of the bench data (the rest comes in a second call): seconds, CPU."""
    from django.core.management import call_command

    organizations = round(args.organizations * share)
    start, cpu = time.perf_counter(), time.process_time()
    call_command("benchdata", organizations=organizations, plans=organizations,
                 actions=args.actions, dossiers=round(args.dossiers * share),
                 veille=organizations * 20, entraide_rows=organizations * 10, seed=17,
                 verbosity=0)
    return time.perf_counter() - start, time.process_time() - cpu


def print_table(rows) -> None:
    print("| figure | measured | ratio / anchor | goal |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row.figure} | {row.measured} | {row.ratio} | {row.goal} |")


def main(argv=None) -> None:
    args = options(argv)
    environment()
    if not args.keep_database:
        fresh_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    from bench import imports, pages, pdf, reminders, serve, startup
    from bench.common import Row
    from bench.subjects import subjects_create
    from unionplans import celery_app

    # Anything queued goes to a queue of this run's, never to another bench's workers.
    celery_app.conf.task_default_queue = f"bench-{os.getpid()}"
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rows = [machine_row()]
    first = benchdata(args, SMALL)
    subjects = subjects_create(page_actions=args.page_actions, big_actions=args.big_actions)
    small_admin, small_due = pages.admin_queries(subjects), reminders.planning_cost()
    rest = benchdata(args, LARGE - SMALL)
    rows.append(Row(f"benchdata: {args.organizations} organisations, "
                    f"{args.organizations * args.actions:,} actions, {args.dossiers:,} dossiers",
                    f"{first[0] + rest[0]:.1f} s wall, {first[1] + rest[1]:.1f} s CPU", "",
                    "< 60 s"))
    factor = f"{LARGE / SMALL:.0f}×"
    rows += pages.admin_rows(small_admin, pages.admin_queries(subjects), factor)
    rows += reminders.planning_rows(small_due, reminders.planning_cost(), factor)
    for measure in (pages.plan_page, pages.veille_page, pdf.big_pdf_rows, pdf.pdf_rows,
                    imports.import_rows):
        rows += measure(subjects)
    rows += serve.serve_rows(subjects, seconds=args.seconds)
    rows += startup.startup_rows()
    rows += reminders.sending_rows(dict(os.environ), sample=args.reminders)
    rows.append(machine_row())
    print_table(rows)


if __name__ == "__main__":
    main()
