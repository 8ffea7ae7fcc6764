"""The app's pages: the main paths, the refusals as messages, bad input."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import page
from tests.vpp.helpers import fill_pre_diagnostic
from vpp import services
from vpp.constants import Questionnaire, WorkPlanElement
from vpp.deadlines import today
from vpp.forms import DossierForm
from vpp.models import Dossier, DossierEvent, Stage, Task


def url(name, dossier, *args):
    return reverse(f"vpp:{name}", args=[dossier.organization.slug, dossier.pk, *args])


def test_the_list_shows_the_organization_s_dossiers(login, executif, dossier):
    response = login(executif).get(reverse("vpp:dossier_list", args=["ccsne"]))
    assert response.status_code == 200
    assert "Reprographie" in page(response)


def test_the_detail_shows_everything(login, executif, dossier, rule):
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=today())
    Task.objects.create(dossier=dossier, element=WorkPlanElement.MOBILISATION,
                        description="Signer la pétition", who="Josée")
    services.financial_analysis_save(dossier=dossier, in_house_cost=Decimal(100),
                                     contracted_cost=Decimal(120), jobs=Decimal(2),
                                     hours=Decimal(10))
    response = login(executif).get(url("dossier_detail", dossier))
    assert response.status_code == 200
    text = page(response)
    for expected in ["Reprographie", "CISSS des Laurentides", "art. 29", "30 jours",
                     "Signer la pétition", "Mobilisation", "20,00 %"]:
        assert expected in text, expected


def test_advancing_from_the_page(login, executif, dossier):
    client = login(executif)
    response = client.post(url("dossier_advance", dossier),
                           {"to_stage": Stage.PRE_DIAGNOSTIC, "note": "Avis reçu"}, follow=True)
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    assert "Le dossier est maintenant à l'étape « Pré-diagnostic »." in page(response)


def test_a_refused_move_is_a_french_message(login, executif, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.PRE_DIAGNOSTIC)
    response = login(executif).post(url("dossier_advance", dossier),
                                    {"to_stage": Stage.ANALYSIS}, follow=True)
    text = page(response)
    assert "Remplissez le pré-diagnostic simplifié" in text
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    assert not DossierEvent.objects.stage_changes().exists()


def test_going_back_from_the_page(login, conseiller, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.ANALYSIS)
    client = login(conseiller)
    text = page(client.post(url("dossier_go_back", dossier), {"reason": ""}, follow=True))
    assert "Donnez la raison du retour à l'étape précédente." in text
    client.post(url("dossier_go_back", dossier), {"reason": "À revoir"})
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC


def test_creating_a_dossier(login, executif, cc, membre):
    response = login(executif).post(reverse("vpp:dossier_create", args=["ccsne"]), {
        "title": "Buanderie <script>alert(1)</script>", "establishment": "CIUSSS de l'Estrie",
        "service": "Buanderie", "mode": "prevention", "domain": "organisation_travail",
        "terrain_people": [membre.pk],
    })
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.stage == Stage.VEILLE
    assert list(dossier.terrain_people.all()) == [membre]
    text = login(executif).get(url("dossier_detail", dossier)).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


def test_a_bad_dossier_form_is_shown_again_in_french(login, executif, cc):
    response = login(executif).post(reverse("vpp:dossier_create", args=["ccsne"]), {"title": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in page(response)
    assert not Dossier.objects.exists()


def test_a_stale_edit_is_refused(login, executif, dossier):
    client = login(executif)
    form = client.get(url("dossier_edit", dossier)).context["form"]
    version = form["version"].value()
    services.dossier_update(dossier=dossier, title="Changé ailleurs")
    response = client.post(url("dossier_edit", dossier), {
        "version": version, "title": "Mon titre", "establishment": "x", "service": "x",
        "mode": "intervention", "domain": "intervention",
    })
    assert response.status_code == 409
    assert "Quelqu'un d'autre" in page(response)
    dossier.refresh_from_db()
    assert dossier.title == "Changé ailleurs"


def test_the_terrain_writes_its_findings(login, membre, dossier):
    client = login(membre)
    response = client.post(url("dossier_findings", dossier), {
        "findings": "8 ETC touchés", "version": client.get(
            url("dossier_findings", dossier)).context["form"]["version"].value(),
    })
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.findings == "8 ETC touchés"


def test_the_questionnaire_is_filled_from_the_page(login, executif, dossier):
    client = login(executif)
    questionnaire_url = url("questionnaire_edit", dossier, Questionnaire.PRE_DIAGNOSTIC)
    assert client.get(questionnaire_url).status_code == 200
    data = {f"q_{key}": "Oui" for key in ["project", "jobs", "threat", "timeline",
                                          "information", "terrain", "impact"]}
    assert client.post(questionnaire_url, data).status_code == 302
    assert dossier.questionnaires.get().complete


def test_an_unknown_questionnaire_is_404(login, executif, dossier):
    assert login(executif).get(url("questionnaire_edit", dossier, "nope")).status_code == 404


def test_a_too_long_answer_is_refused(login, executif, dossier):
    response = login(executif).post(
        url("questionnaire_edit", dossier, Questionnaire.PREVENTION), {"q_vulnerable": "x" * 10_001}
    )
    assert response.status_code == 200
    assert "10000" in page(response).replace("\u202f", "").replace(" ", "")
    assert not dossier.questionnaires.exists()


def test_tasks_deadlines_and_finances_from_the_page(login, executif, dossier, rule):
    client = login(executif)
    assert client.post(url("task_create", dossier), {
        "element": "documentation", "description": "Demander le contrat", "who": "Denis",
        "due_on": "2026-02-01",
    }).status_code == 302
    assert client.post(url("deadline_create", dossier), {
        "rule": rule.pk, "trigger_date": "2026-01-20",
    }).status_code == 302
    assert dossier.deadlines.get().due_on == date(2026, 2, 19)
    assert client.post(url("financial_analysis_edit", dossier), {
        "in_house_cost": "1000", "contracted_cost": "1200", "jobs": "1", "hours": "100",
    }).status_code == 302
    assert dossier.tasks.get().who == "Denis"


def test_overdue_deadlines_stand_out(login, executif, dossier, rule):
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=today() - timedelta(days=32))
    text = page(login(executif).get(url("dossier_detail", dossier)))
    assert "En retard de 2 j" in text
    assert "table-danger" in text


def test_the_dashboard_lists_deadlines_by_nearest(login, executif, dossier, rule, cc):
    """« À échéance » (unionplans.due) lists each deadline with its days left."""
    later = services.dossier_create(organization=cc, by=executif, title="Buanderie",
                                    establishment="x", service="x", mode="intervention",
                                    domain="intervention")
    services.deadline_set(dossier=later, rule=rule, trigger_date=today())
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=today() - timedelta(days=40))
    text = page(login(executif).get(reverse("dashboard")))
    assert text.index("Reprographie") < text.index("Buanderie")
    assert "En retard de 10 j" in text
    assert "30 j" in text


def test_opening_a_dossier_from_a_veille_item(login, executif, veille_item):
    client = login(executif)
    create = reverse("vpp:dossier_create", args=["ccsne"])
    response = client.get(f"{create}?veille={veille_item.pk}")
    assert response.context["form"]["title"].value() == "INFO-PSOC"
    response = client.post(reverse("vpp:dossier_create", args=["ccsne"]), {
        "title": "PSOC", "establishment": "x", "service": "x", "mode": "prevention",
        "domain": "action_politique", "veille_items": [veille_item.pk],
    })
    assert list(Dossier.objects.get().veille_items.all()) == [veille_item]
    assert "PSOC" in page(client.get(reverse("vpp:veille_detail", args=["ccsne", veille_item.pk])))


def test_searching_the_watch(login, executif, veille_item, cc):
    client = login(executif)
    found = page(client.get(reverse("vpp:veille_list", args=["ccsne"]), {"q": "financement"}))
    assert "INFO-PSOC" in found
    missed = page(client.get(reverse("vpp:veille_list", args=["ccsne"]), {"q": "buanderie"}))
    assert "INFO-PSOC" not in missed


def test_linking_a_veille_item_to_a_dossier(login, executif, veille_item, dossier):
    login(executif).post(reverse("vpp:veille_link", args=["ccsne", veille_item.pk]),
                         {"dossier": dossier.pk})
    assert list(dossier.veille_items.all()) == [veille_item]


def test_the_filter_narrows_the_list(login, executif, dossier, cc):
    services.dossier_create(organization=cc, by=executif, title="Buanderie", establishment="x",
                            service="x", mode="prevention", domain="organisation_travail")
    text = page(login(executif).get(reverse("vpp:dossier_list", args=["ccsne"]),
                                    {"mode": "prevention"}))
    assert "Buanderie" in text and "Reprographie" not in text


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_renders(login, executif, dossier, stage):
    fill_pre_diagnostic(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(stage=stage)
    assert login(executif).get(url("dossier_detail", dossier)).status_code == 200


def test_the_creation_form_asks_only_what_the_watch_stage_needs(login, executif, cc):
    form = login(executif).get(reverse("vpp:dossier_create", args=["ccsne"])).context["form"]
    assert set(form.fields) == {
        "title", "establishment", "service", "mode", "domain", "description", "conseiller",
        "direction_people", "terrain_people", "veille_items", "version", "once",
    }
    edit_form = DossierForm(organization=cc)
    assert {"priority", "decision", "decision_date", "decision_note", "report"} <= set(
        edit_form.fields)


def test_a_posted_decision_is_not_taken_at_creation(login, executif, cc):
    login(executif).post(reverse("vpp:dossier_create", args=["ccsne"]), {
        "title": "Buanderie", "establishment": "CIUSSS", "service": "Buanderie",
        "mode": "prevention", "domain": "organisation_travail", "decision": "go",
        "priority": "haute", "report": "Conclusions",
    })
    dossier = Dossier.objects.get()
    assert (dossier.decision, dossier.priority, dossier.report) == ("", "", "")


def test_the_list_reads_as_cards_on_a_phone(login, executif, dossier):
    """Each cell carries its column's name, which a phone shows above it (stack-on-phone)."""
    text = page(login(executif).get(reverse("vpp:dossier_list", args=["ccsne"])))
    assert 'class="table table-sm table-hover align-middle stack-on-phone"' in text
    assert re.search(r'<td data-label="Titre"\s*><a href', text)
    assert re.search(r'<td data-label="Établissement"\s*>CISSS des Laurentides</td>', text)
