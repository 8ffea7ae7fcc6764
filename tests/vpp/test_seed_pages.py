"""What seeds 000 and 003 add to the pages: bulletins holding several watch items, the
organisation's VPP structure and deployment plan, the aide-mémoire offered for a new task,
the blank tools as PDF, and the report's roles table and unanswered questionnaires."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.helpers import page, poppler
from tests.vpp.helpers import fill_pre_diagnostic
from vpp import services
from vpp.constants import AIDE_MEMOIRE, QUESTIONS, Questionnaire, WorkPlanElement
from vpp.models import Bulletin, DeploymentStep, VeilleItem, VppStructure

SLUG = "ccsne"


def pdf_text(response, tmp_path) -> str:
    return " ".join(poppler("pdftotext", response.content, tmp_path).split())


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


# Blank tools


@pytest.mark.parametrize("kind", [Questionnaire.PRE_DIAGNOSTIC, Questionnaire.PREVENTION])
def test_a_blank_questionnaire_prints_every_question_and_nothing_of_the_dossiers(
    login, membre, dossier, kind, tmp_path
):
    fill_pre_diagnostic(dossier)
    response = login(membre).get(reverse("vpp:blank_tool_pdf", args=[SLUG, kind]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response, tmp_path)
    with translation.override("fr"):
        questions = [str(q) for _k, q in QUESTIONS[kind]]
        title = str(Questionnaire(kind).label)
    assert text.startswith(title)
    for number, question in enumerate(questions, start=1):
        assert f"{number}. {' '.join(question.split())}" in text
    assert "Réponse" not in text and "Reprographie" not in text  # blank: no answer, no dossier
    assert "612 x 792 pts" in poppler("pdfinfo", response.content, tmp_path)


def test_the_blank_aide_memoire_prints_the_four_elements_and_their_reminders(
    login, executif, tmp_path
):
    response = login(executif).get(reverse("vpp:blank_tool_pdf", args=[SLUG, "aide_memoire"]))
    text = pdf_text(response, tmp_path)
    with translation.override("fr"):
        for element in WorkPlanElement:
            assert str(element.label) in text
            for reminder in AIDE_MEMOIRE[element]:
                assert " ".join(str(reminder).split()) in text
    # A table to fill under each element.
    assert (text.count("Quoi"), text.count("Qui"), text.count("Quand")) == (4, 4, 4)
    info = poppler("pdfinfo", response.content, tmp_path)
    assert "612 x 792 pts" in info


def test_the_blank_tools_are_one_click_from_the_dossier_page(login, membre, dossier):
    """The membre of the structure terrain, listed on the dossier, finds them there."""
    text = login(membre).get(reverse("vpp:dossier_detail", args=[SLUG, dossier.pk])).content
    for kind in ("pre_diagnostic", "prevention", "aide_memoire"):
        assert reverse("vpp:blank_tool_pdf", args=[SLUG, kind]).encode() in text


# The report


def test_the_report_prints_the_roles_table_and_an_unanswered_tool_as_one_line(
    login, executif, dossier, tmp_path
):
    fill_pre_diagnostic(dossier)
    response = login(executif).get(reverse("vpp:dossier_report_pdf", args=[SLUG, dossier.pk]))
    text = pdf_text(response, tmp_path)
    assert "Rôles, responsabilités Direction politique Structure terrain" in text
    assert ("Veille informationnelle / avis employeur (étape en cours) Surveillance terrain / "
            "diagnostic") in text
    assert "Constitution du rapport Enquête" in text
    prevention = text.split("Prévention simplifiée", 1)[1].split("Analyse financière", 1)[0]
    assert prevention.strip() == "Pas encore rempli."  # not a row of "—" per question
    assert "Réponse project" in text  # the answered tool keeps its rows
    assert "Sur la décision : non consigné" in text


# The aide-mémoire when a task is added


def test_a_new_task_offers_the_aide_memoire_and_starts_from_a_reminder(login, executif, dossier):
    client = login(executif)
    url = reverse("vpp:task_create", args=[SLUG, dossier.pk])
    offered = page(client.get(url))
    assert "Aide-mémoire : partir d'un rappel" in offered
    assert "Pétition des salarié·es et des usagers" in offered
    started = client.get(url, {"element": "mobilisation", "idee": "1"})
    form = started.context["form"]
    assert (form["element"].value(), form["description"].value()) == (
        "mobilisation", str(AIDE_MEMOIRE[WorkPlanElement.MOBILISATION][1])
    )
    nonsense = client.get(url, {"element": "ailleurs", "idee": "99"})
    form = nonsense.context["form"]
    assert nonsense.status_code == 200
    assert (form["element"].value(), form["description"].value()) == ("", "")


# Bulletins and their items


def test_a_bulletin_holds_several_items_each_with_its_follow_up(login, executif, membre, cc):
    client = login(executif)
    response = client.post(reverse("vpp:bulletin_create", args=[SLUG]), {
        "source": "CTROC", "title": "INFO-PSOC — première édition",
        "published_on": "2017-05-15",
    })
    bulletin = Bulletin.objects.get()
    assert response.url == reverse("vpp:bulletin_detail", args=[SLUG, bulletin.pk])
    create = reverse("vpp:veille_create", args=[SLUG])
    form = client.get(create, {"bulletin": bulletin.pk}).context["form"]
    assert [form[name].value() for name in ("bulletin", "source", "published_on")] == [
        bulletin.pk, "CTROC", date(2017, 5, 15)
    ]
    for title, decisions in [("Budget 2017-18", ""),
                             ("Bilan de la campagne", "De ne pas poursuivre\nDe s'inscrire")]:
        client.post(create, {
            "bulletin": bulletin.pk, "source": "CTROC", "published_on": "2017-05-15",
            "title": title, "decisions": decisions, "relevance": "haute",
            "action": "Informer les affiliés", "readers": [membre.pk],
            "readers_others": "Comité VPP",
        })
    assert [i.title for i in bulletin.items.order_by("pk")] == ["Budget 2017-18",
                                                                 "Bilan de la campagne"]
    review = bulletin.items.get(title="Bilan de la campagne")
    assert review.decision_list == ["De ne pas poursuivre", "De s'inscrire"]
    assert list(review.readers.all()) == [membre]
    shown = page(client.get(reverse("vpp:veille_detail", args=[SLUG, review.pk])))
    for text in ["De ne pas poursuivre", "Haute", "Informer les affiliés", "Josée Côté",
                 "Comité VPP", "INFO-PSOC — première édition"]:
        assert text in shown
    listed = page(client.get(reverse("vpp:bulletin_detail", args=[SLUG, bulletin.pk])))
    assert "Budget 2017-18" in listed and "2 décisions" in listed


def test_an_item_takes_no_bulletin_nor_reader_of_another_organization(
    login, executif, executif2, syndicat
):
    other = services.bulletin_create(organization=syndicat, source="X", title="Ailleurs",
                                     published_on=date(2024, 1, 1))
    response = login(executif).post(reverse("vpp:veille_create", args=[SLUG]), {
        "bulletin": other.pk, "source": "X", "published_on": "2024-01-01", "title": "Piraté",
        "readers": [executif2.pk],
    })
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"bulletin", "readers"}
    assert not VeilleItem.objects.exists()


def test_the_service_refuses_a_bulletin_of_another_organization(cc, syndicat):
    other = services.bulletin_create(organization=syndicat, source="X", title="Ailleurs",
                                     published_on=date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.veille_item_create(organization=cc, bulletin=other, title="Piraté")
    assert set(error.value.message_dict) == {"bulletin"}
    assert not VeilleItem.objects.exists()


def test_another_organization_s_bulletin_is_404(login, executif, syndicat):
    other = services.bulletin_create(organization=syndicat, source="X", title="Ailleurs",
                                     published_on=date(2024, 1, 1))
    response = login(executif).get(reverse("vpp:bulletin_detail", args=[SLUG, other.pk]))
    assert response.status_code == 404


# The organisation's VPP structure and deployment plan


def test_the_executive_sets_up_the_structure_and_its_deployment_plan(
    login, executif, conseiller, membre
):
    client = login(executif)
    client.post(reverse("vpp:structure_edit", args=[SLUG]), {
        "direction_people": [executif.pk, conseiller.pk], "terrain_people": [membre.pk],
        "terrain_others": "Une personne par service", "procedures": "Prévention : chaque année",
        "calendar": "Direction : mensuel",
    })
    structure = VppStructure.objects.get()
    assert set(structure.direction_people.all()) == {executif, conseiller}
    client.post(reverse("vpp:deployment_step_create", args=[SLUG]),
                {"description": "Former la structure terrain", "due_on": "2026-03-01"})
    assert DeploymentStep.objects.get().description == "Former la structure terrain"
    shown = page(client.get(reverse("vpp:structure", args=[SLUG])))
    for text in ["Protéger nos emplois", "Contrer la privatisation",
                 "Structure de direction (centrale)", "Priorisation, Stratégie, Coordination",
                 "Josée Côté, Une personne par service", "Prévention : chaque année",
                 "Former la structure terrain", "1er mars 2026", "Constitution du rapport"]:
        assert text in shown, text


def test_the_structure_names_only_members(login, executif, executif2):
    response = login(executif).post(reverse("vpp:structure_edit", args=[SLUG]),
                                    {"terrain_people": [executif2.pk]})
    assert response.status_code == 200 and "terrain_people" in response.context["form"].errors
    assert not VppStructure.objects.exists()


def test_the_service_refuses_a_stranger_in_the_structure(cc, executif2):
    with pytest.raises(ValidationError) as error:
        services.vpp_structure_save(organization=cc, m2m={"direction_people": [executif2]})
    assert set(error.value.message_dict) == {"direction_people"}


# The demo never undoes what people did


@pytest.mark.django_db
def test_the_demo_keeps_what_the_executive_changed_in_its_watch_items():
    def load():
        call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115

    load()
    item = VeilleItem.objects.get(title="Budget 2017-18")
    services.veille_item_update(item=item, action="Déjà fait", relevance="basse")
    structure = VppStructure.objects.get()
    services.vpp_structure_save(organization=structure.organization, calendar="Autre")
    load()
    item.refresh_from_db()
    assert (item.action, item.relevance) == ("Déjà fait", "basse")
    assert VppStructure.objects.get().calendar == "Autre"
    assert VeilleItem.objects.count() == 4
