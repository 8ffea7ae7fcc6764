"""The bench runner's measurements run on tiny data and give their rows (`make bench` runs
them at full size; nothing here looks at a time)."""

import pytest
from django.db import connection

from bench import imports, pages, pdf, reminders, run, serve, startup
from bench.common import Row
from bench.subjects import subjects_create
from tests.helpers import needs_postgresql

TINY = {"page_actions": 3, "pdf_actions": 2, "big_actions": 4, "veille": 5}


def filled(rows) -> list[Row]:
    assert rows
    assert all(isinstance(row, Row) and row.figure and (row.measured or row.ratio)
               for row in rows)
    return rows


@pytest.fixture(autouse=True)
def once(monkeypatch):
    """One run of each figure, not the median of three."""
    monkeypatch.setattr("bench.common.RUNS", 1)


@pytest.fixture
def subjects(db):
    return subjects_create(**TINY)


def test_the_pages_against_their_anchors(subjects):
    rows = filled(pages.plan_page(subjects) + pages.veille_page(subjects))
    assert "status" not in " ".join(row.measured for row in rows)  # every page answered 200


def test_the_admin_query_counts_at_two_sizes(subjects):
    counts = pages.admin_queries(subjects)
    assert counts["plans.action changelist"] > 0
    assert counts["vpp.dossier change"] > 0
    rows = filled(pages.admin_rows(counts, counts, "1×"))
    assert rows[-1].figure != "  admin pages not served (status)"


def test_the_pdfs_against_raw_weasyprint_and_the_cache(subjects):
    rows = filled(pdf.pdf_rows(subjects) + pdf.big_pdf_rows(subjects))
    assert [row.figure for row in rows][3:5] == ["  cached PDF", "  304 (If-None-Match)"]


def test_the_cold_pdf_is_rendered_and_timed_even_for_a_large_plan(subjects, settings,
                                                                  monkeypatch):
    """As at full size, the PDF plan has more rows than PDF_BACKGROUND_ROWS and a broker
    takes large renders (here, one that takes them and does nothing): the cold row still
    times a render in the request, not a 202."""
    settings.PDF_BACKGROUND_ROWS = 0
    monkeypatch.setattr("unionplans.pdf.in_background", lambda: True)
    monkeypatch.setattr("unionplans.pdf._queue", lambda document, version, token: True)
    rows = filled(pdf.pdf_rows(subjects))
    assert rows[0].figure.startswith("cold PDF") and "status" not in rows[0].measured
    assert [row.figure for row in rows][3:5] == ["  cached PDF", "  304 (If-None-Match)"]


def test_the_word_import(subjects):
    filled(imports.import_rows(subjects, actions=2, follow_ups=1))


def test_the_reminders_planned_at_two_sizes(subjects):
    cost = reminders.planning_cost()
    filled(reminders.planning_rows(cost, cost, "1×"))


def test_start_up():
    rows = filled(startup.startup_rows(runs=1))
    assert rows[0].measured.endswith("ms CPU")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_requests_a_second_under_gunicorn():
    subjects = subjects_create(**TINY)
    database = connection.settings_dict
    url = (f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
           f"{database['NAME']}")
    rows = filled(serve.serve_rows(subjects, seconds=0.5, threads=2,
                                   env={"DATABASE_URL": url}))
    assert "not 200" not in rows[0].measured + rows[1].measured


def test_the_table_and_the_machine(db, capsys):
    run.print_table([run.machine_row(), Row("figure", "1 ms CPU", "2.00×", "≤ 1.0×")])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "| figure | measured | ratio / anchor | goal |"
    assert printed[-1] == "| figure | 1 ms CPU | 2.00× | ≤ 1.0× |"
    assert "cores, load" in printed[2]
