"""`backup` and `restore`: dump, wipe, restore, and every row of every table is back."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from plans.models import WorkPlan
from tests.helpers import differences, snapshot
from unionplans.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)

EVERY_APP = tuple(config.label for config in apps.get_app_configs() if config.models_module)
OUR_APPS = ("unionplans", "plans", "vpp", "entraide")


def rows(state: dict) -> int:
    return sum(len(table) for table in state.values())


def test_a_backup_brings_back_every_row_of_every_table(tmp_path):
    call_command("loaddemo", "--allow-production", verbosity=0)
    before = snapshot(EVERY_APP)
    assert rows(snapshot(OUR_APPS)) > 300  # the demo: seeds 000 to 004 and their history

    path = tmp_path / "backup.file"
    call_command("backup", output=path, stdout=io.StringIO())
    call_command("flush", interactive=False)
    assert not Organization.objects.exists()  # wiped: every organisation and what it holds

    call_command("restore", path, interactive=False, stdout=io.StringIO())

    assert differences(before, snapshot(EVERY_APP)) == []
    # Sequences came back too: the next plan does not collide with a restored one.
    plan = WorkPlan.objects.first()
    copy = WorkPlan.objects.create(
        organization=plan.organization, title="Après la restauration",
        mandate_start=plan.mandate_start, mandate_end=plan.mandate_end,
    )
    assert copy.pk > max(WorkPlan.objects.exclude(pk=copy.pk).values_list("pk", flat=True))


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    call_command("loaddemo", "--allow-production", verbosity=0)
    before = snapshot(EVERY_APP)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("Procès-verbal de l'assemblée générale")

    with pytest.raises(CommandError, match=f"n'est pas une sauvegarde {connection.display_name}"):
        call_command("restore", wrong, interactive=False)
    with translation.override("en"), pytest.raises(CommandError, match="No backup file at"):
        call_command("restore", tmp_path / "absent.dump", interactive=False)

    assert differences(before, snapshot(EVERY_APP)) == []


def test_restore_asks_first_and_a_no_changes_nothing(tmp_path, monkeypatch):
    call_command("loaddemo", "--allow-production", verbosity=0)
    path = tmp_path / "backup.file"
    call_command("backup", output=path, stdout=io.StringIO())
    WorkPlan.objects.all().delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", path)

    assert not WorkPlan.objects.exists()
