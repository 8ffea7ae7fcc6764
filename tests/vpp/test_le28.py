"""Lettre d'entente 28 projects in the browser (seed 001): the exécutif creates a project
on several volets, fills the committee's checklist, the phases, the committee and the
indicators; the rules of `vpp.le28` refuse what the letter does not allow, whoever calls."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers import page
from unionplans.forms import version_of
from vpp import le28
from vpp.deadlines import today
from vpp.models import LE28CommitteeMember, LE28Decision, LE28Project

SLUG = "ccsne"


@pytest.fixture
def project(cc, conseiller):
    return le28.project_create(
        organization=cc, title="Projet travail social", establishment="CIUSSS de l'Estrie",
        volets=["1"], job_titles="Travailleurs sociaux", conseiller=conseiller,
    )


def url(name, project, *rest):
    return reverse(f"vpp:{name}", args=[SLUG, project.pk, *rest])


def test_a_project_on_two_volets_gets_its_lists_and_shows_their_considerations(
    login, executif, conseiller, cc
):
    response = login(executif).post(reverse("vpp:le28_create", args=[SLUG]), {
        "title": "Projet réadaptation", "establishment": "CIUSSS de l'Estrie",
        "volets": ["3B", "2"], "services": "Réadaptation physique\nDéficience intellectuelle",
        "job_titles": "Physiothérapeutes", "objectives": ["13", "1"],
        "decision_mode": "consensus", "conseiller": conseiller.pk,
        "call_for_applications_on": "2024-03-01", "conseiller_since": "2024-03-15",
        "vice_presidency_notified_on": "2024-03-20",
    })
    assert response.status_code == 302
    project = cc.le28_projects.get()
    assert project.volets == ["2", "3B"]  # the letter's order
    assert project.objectives == [1, 13]
    assert (project.phases.count(), project.assessments.count(),
            project.decisions.count()) == (5, 8, 13)
    text = page(login(executif).get(response.url))
    assert "La continuité des soins et services" in text  # volet 2
    assert "Les bonnes pratiques professionnelles et de gestion" in text  # volet 3B
    assert "L'augmentation des exigences académiques" not in text  # volet 1: not chosen
    assert "Le déploiement du budget alloué par l'agence" in text
    assert "0 sur 13 déterminé" in text
    assert "Mario Bélanger, impliqué·e depuis le 15 mars 2024" in text
    assert "Impliqué·e après l'appel de candidature." in text
    assert "Avisée le 20 mars 2024" in text
    assert "Réadaptation physique" in text


def test_a_project_without_a_volet_is_refused_in_french(login, executif, cc):
    response = login(executif).post(reverse("vpp:le28_create", args=[SLUG]), {
        "title": "Projet", "establishment": "x", "job_titles": "x", "decision_mode": "consensus",
    })
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in page(response)
    assert not LE28Project.objects.exists()


def test_only_an_adviser_of_the_organization_is_the_project_s_conseiller(
    cc, executif, membre, executif2
):
    for person in (membre, executif2):
        with pytest.raises(ValidationError) as refused:
            le28.project_create(organization=cc, title="P", establishment="x", volets=["1"],
                                job_titles="x", conseiller=person)
        assert list(refused.value.error_dict) == ["conseiller"]
    assert not LE28Project.objects.exists()


def test_the_vice_presidency_cannot_be_notified_tomorrow(project):
    with pytest.raises(ValidationError) as refused:
        le28.project_update(project=project, vice_presidency_notified_on=today() + timedelta(1))
    assert list(refused.value.error_dict) == ["vice_presidency_notified_on"]
    project.refresh_from_db()
    assert project.vice_presidency_notified_on is None


def test_a_decision_is_recorded_with_who_and_when(login, executif, project):
    decision = project.decisions.get(item=9)
    client = login(executif)
    response = client.post(url("le28_decision_edit", project, 9), {
        "content": "Chargée de projet choisie conjointement", "decided_by": "Comité de pilotage",
        "decided_on": "2021-11-18", "version": version_of(decision),
    })
    assert response.status_code == 302
    assert response.url.endswith("#comite")
    text = page(client.get(url("le28_detail", project)))
    assert "Déterminé par Comité de pilotage, le 18 novembre 2021" in text
    assert "1 sur 13 déterminé" in text


def test_a_dated_decision_needs_who_and_what(login, executif, project):
    decision = project.decisions.get(item=8)
    response = login(executif).post(url("le28_decision_edit", project, 8), {
        "content": "", "decided_by": "", "decided_on": "2021-11-18",
        "version": version_of(decision),
    })
    assert response.status_code == 200
    text = page(response)
    assert "Indiquez qui a déterminé" in text and "Indiquez ce qui a été déterminé." in text
    decision.refresh_from_db()
    assert decision.decided_on is None


def test_a_decision_cannot_be_dated_in_the_future(project):
    decision = project.decisions.get(item=1)
    with pytest.raises(ValidationError) as refused:
        le28.decision_update(decision=decision, content="x", decided_by="Comité",
                             decided_on=today() + timedelta(days=1))
    assert list(refused.value.error_dict) == ["decided_on"]


def test_a_decision_saved_over_a_newer_one_is_refused(login, executif, project):
    decision = project.decisions.get(item=2)
    stale = version_of(decision)
    le28.decision_update(decision=decision, content="Par quelqu'un d'autre")
    response = login(executif).post(url("le28_decision_edit", project, 2), {
        "content": "Le mien", "decided_by": "", "decided_on": "", "version": stale,
    })
    assert response.status_code == 200
    assert "Quelqu'un d'autre a modifié cet élément" in page(response)
    assert LE28Decision.objects.get(pk=decision.pk).content == "Par quelqu'un d'autre"


def test_a_phase_and_an_indicator_are_edited_in_the_browser(login, executif, project):
    client = login(executif)
    phase = project.phases.get(phase=1)
    response = client.post(url("le28_phase_edit", project, 1), {
        "union_participation": "on", "participants": "Denis Gagnon", "held_on": "2021-11-18",
        "notes": "", "version": version_of(phase),
    })
    assert response.status_code == 302
    assessment = project.assessments.get(indicator=7)
    response = client.post(url("le28_assessment_edit", project, 7), {
        "result": "partiel", "comment": "Économies réinjectées en partie",
        "version": version_of(assessment),
    })
    assert response.status_code == 302
    text = page(client.get(url("le28_detail", project)))
    assert "Le syndicat a participé" in text and "18 novembre 2021" in text
    assert "Atteint en partie" in text and "Économies réinjectées en partie" in text


def test_a_committee_member_is_added_renamed_and_taken_off_with_history(
    login, executif, project
):
    client = login(executif)
    response = client.post(url("le28_member_create", project), {
        "side": "patronale", "name": "Direction RH", "function": "Gestionnaire",
    })
    assert response.status_code == 302
    member = project.committee.get()
    response = client.post(url("le28_member_edit", project, member.pk), {
        "side": "patronale", "name": "Direction des ressources humaines", "function": "",
        "version": version_of(member),
    })
    assert response.status_code == 302
    assert "Direction des ressources humaines" in page(client.get(url("le28_detail", project)))
    assert client.post(url("le28_member_delete", project, member.pk)).status_code == 302
    assert not project.committee.exists()
    names = [h.name for h in LE28CommitteeMember.history.filter(id=member.pk)]
    assert "Direction RH" in names and "Direction des ressources humaines" in names


def test_the_phase_edit_form_refuses_a_date_to_come(login, executif, project):
    phase = project.phases.get(phase=2)
    response = login(executif).post(url("le28_phase_edit", project, 2), {
        "union_participation": "on", "held_on": (today() + timedelta(days=3)).isoformat(),
        "version": version_of(phase),
    })
    assert response.status_code == 200
    assert "Cette date n'est pas encore arrivée" in page(response)
    phase.refresh_from_db()
    assert not phase.union_participation


def test_a_far_date_is_a_form_error(login, executif, project):
    response = login(executif).post(url("le28_edit", project), {
        "title": project.title, "establishment": "x", "volets": "1", "job_titles": "x",
        "decision_mode": "consensus", "call_for_applications_on": "9999-01-01",
        "version": version_of(project),
    })
    assert response.status_code == 200
    assert "Cette date est trop lointaine : saisissez une date en 2100 ou avant." in page(response)
    project.refresh_from_db()
    assert project.call_for_applications_on is None


def test_the_admin_refuses_an_adviser_of_another_organization(project, executif2):
    with pytest.raises(ValidationError):
        le28.project_links_check(organization=project.organization, conseiller=executif2,
                                 project=project)


def test_a_project_keeps_an_adviser_who_left(project, conseiller):
    conseiller.memberships.update(is_active=False)
    le28.project_update(project=project, conseiller=conseiller, title="Renommé")
    project.refresh_from_db()
    assert project.title == "Renommé" and project.conseiller == conseiller


def test_today_is_a_valid_decision_date(project):
    decision = le28.decision_update(decision=project.decisions.get(item=4), content="x",
                                    decided_by="Comité", decided_on=today())
    assert decision.decided
