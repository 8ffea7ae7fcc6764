"""Helpers shared by the whole suite (plain functions and constants; fixtures stay in conftest).

- `PASSWORD`, `Role`, `make_person`: the people of the fixtures;
- `page`: a response body as users read it;
- `poppler`: read a PDF back with poppler's tools;
- `snapshot` and `differences`: the "nothing changed" check of refused requests;
- `admin_form_data`: what an admin form posts back.
"""

import html
import subprocess

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from unionplans.models import Membership

PASSWORD = "un-mot-de-passe-de-test"

Role = Membership.Role


def make_person(username, organization=None, role=None, **fields):
    """A user with `PASSWORD`, holding `role` in `organization` if one is given."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **fields
    )
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


def page(response) -> str:
    """The response body with HTML entities decoded, to search for names as users read them."""
    return html.unescape(response.content.decode())


def poppler(tool: str, content: bytes, tmp_path, *args: str) -> str:
    """The output of poppler's `tool` (pdftotext, pdfinfo, pdffonts, pdfimages) on `content`."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    to_stdout = ["-"] if tool == "pdftotext" else []
    command = [tool, *args, str(path), *to_stdout]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


# Nothing changed: every row of every model of these apps, their historical records (the
# django-simple-history tables are models of the same apps) and their many-to-many tables.
SNAPSHOT_APPS = ("unionplans", "plans", "vpp", "entraide", "auth", "admin")


def snapshot(app_labels=SNAPSHOT_APPS) -> dict[str, list[tuple]]:
    """The value of every row of every model of `app_labels`, keyed by model label.

    Plain SQL, one query a table: the matrices take two snapshots a case.
    """
    state = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label in app_labels:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
                cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608
                state[model._meta.label] = cursor.fetchall()
    return state


def differences(before: dict, after: dict) -> list[str]:
    """What moved between two snapshots, one line a model, e.g. for an assertion message."""
    lines = []
    for label in sorted(before.keys() | after.keys()):
        old, new = before.get(label, []), after.get(label, [])
        if old == new:
            continue
        if len(old) != len(new):
            lines.append(f"{label}: {len(old)} rows → {len(new)} rows")
        else:
            changed = [row for row, was in zip(new, old, strict=True) if row != was]
            lines.append(f"{label}: {len(changed)} row(s) changed, e.g. {changed[0]}")
    return lines



def admin_form_data(response, *, copy=False, **changes) -> dict:
    """What an admin change page posts back as it shows it, with `changes` applied.

    `response` is the page's, rendered for someone who may change the object (its form and
    inline formsets are read from the context). `copy`: for the add page, the object's
    own fields only, without its inline rows.
    """
    data = {}

    def put(form, name):
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        elif isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif value is not None:
            data[form.add_prefix(name)] = value

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        for name in formset.management_form.fields:
            put(formset.management_form, name)
        if copy:
            data[formset.management_form.add_prefix("TOTAL_FORMS")] = "0"
            data[formset.management_form.add_prefix("INITIAL_FORMS")] = "0"
            continue
        for inline_form in formset.forms:
            for name in inline_form.fields:
                put(inline_form, name)
    data.update(changes)
    return data


# Tests that write from several threads at once: SQLite's in-memory test database refuses
# concurrent writers outright, so they prove something only on PostgreSQL, which CI runs.
needs_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="concurrent writes need PostgreSQL (CI runs it: DATABASE_URL)",
)


def at_once(works) -> list[str]:
    """Each callable of `works` in its own thread and connection, all started together;
    the outcome of each: "done", a refusal's code, or the repr of any other error (which
    the caller's assertions then name)."""
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connections

    barrier = threading.Barrier(len(works), timeout=10)
    outcomes = []

    def run(work):
        try:
            barrier.wait()
            work()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.code)
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes
