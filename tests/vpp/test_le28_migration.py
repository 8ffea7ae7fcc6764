"""vpp 0004: a project of one volet keeps it as its list of volets and gets the thirteen
items of its committee's checklist."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from unionplans.models import Organization

BEFORE, AFTER = ("vpp", "0003_dossierevent_created"), ("vpp", "0004_le28_checklist_volets")


@pytest.mark.django_db(transaction=True)
def test_a_project_of_one_volet_keeps_it_and_gets_its_checklist():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    # Only vpp goes back: the organisation is today's.
    organization = Organization.objects.create(name="Conseil", short_name="CC", slug="cc",
                                               kind="conseil_central")
    old.get_model("vpp", "LE28Project").objects.create(
        organization_id=organization.pk, title="Projet", establishment="x", volet="3B",
        job_titles="x")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])
    new = executor.loader.project_state([AFTER]).apps
    project = new.get_model("vpp", "LE28Project").objects.get()
    assert project.volets == ["3B"]
    assert sorted(project.decisions.values_list("item", flat=True)) == list(range(1, 14))

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
