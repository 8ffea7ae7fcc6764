"""A new dossier starts at the watch stage: its form asks only what that stage needs, and
what a later stage decides (priority, decision, consultations, report) is not taken."""

from django.urls import reverse

from tests.helpers import page
from vpp.models import Dossier

LATER = ["priority", "decision", "decision_date", "decision_note", "terrain_on_decision",
         "terrain_on_decision_date", "terrain_on_work_plan", "terrain_on_work_plan_date",
         "report", "findings"]


def test_the_creation_form_asks_only_what_the_watch_stage_needs(login, executif, cc):
    text = page(login(executif).get(reverse("vpp:dossier_create", args=[cc.slug])))
    for name in ["title", "establishment", "service", "mode", "domain", "description"]:
        assert f'name="{name}"' in text, name
    for name in LATER:
        assert f'name="{name}"' not in text, name


def test_a_later_stage_field_posted_anyway_is_not_saved(login, executif, cc):
    response = login(executif).post(reverse("vpp:dossier_create", args=[cc.slug]), {
        "title": "Buanderie", "establishment": "CIUSSS", "service": "Buanderie",
        "mode": Dossier.Mode.PREVENTION, "domain": Dossier.Domain.choices[0][0],
        "priority": "haute", "decision": "go", "report": "Conclusions",
    })
    assert response.status_code == 302
    dossier = Dossier.objects.get(title="Buanderie")
    assert dossier.stage == "veille"
    assert (dossier.priority, dossier.decision, dossier.report) == ("", "", "")
