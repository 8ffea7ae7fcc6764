"""The LE28 project sheet: one Letter page, in French, whatever the project holds; and
the demo's LE28 project, loaded twice, is the same and keeps what a user changed."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import poppler
from tests.test_e2e import ARTIFACTS
from vpp import le28
from vpp.deadlines import today
from vpp.models import LE28CommitteeMember, LE28Decision, LE28Phase, LE28Project

LONG = "Texte très long du comité de pilotage paritaire, " * 40


def pdf_of(client, project, name, tmp_path):
    cache.clear()
    response = client.get(reverse("vpp:le28_pdf", args=["ccsne", project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(response.content)
    info = poppler("pdfinfo", response.content, tmp_path)
    text = " ".join(poppler("pdftotext", response.content, tmp_path).split())
    return info, text


@pytest.fixture
def filled(cc, conseiller):
    project = le28.project_create(
        organization=cc, title="Organisation du travail en santé mentale",
        establishment="CIUSSS de l'Estrie – CHUS", volets=["1", "3A"],
        services="Santé mentale adulte", job_titles="Psychologues\nTravailleurs sociaux",
        objectives=[1, 13, 17], conseiller=conseiller,
        call_for_applications_on=date(2021, 11, 1), conseiller_since=date(2021, 11, 18),
        vice_presidency_notified_on=date(2021, 11, 20),
    )
    le28.decision_update(decision=project.decisions.get(item=9),
                         content="Chargée de projet choisie conjointement",
                         decided_by="Comité de pilotage", decided_on=date(2021, 12, 1))
    le28.phase_update(phase=project.phases.get(phase=1), union_participation=True,
                      participants="Denis Gagnon", held_on=date(2021, 11, 25))
    le28.member_create(project=project, side="syndicale", name="Denis Gagnon")
    return project


def test_the_sheet_is_one_letter_page_with_the_checklist(login, executif, filled, tmp_path):
    info, text = pdf_of(login(executif), filled, "le28-sheet.pdf", tmp_path)
    assert "Pages:           1\n" in info
    assert "612 x 792 pts" in info  # Letter, portrait
    for expected in [
        "Lettre d'entente 28 — Organisation du travail en santé mentale",
        "CIUSSS de l'Estrie – CHUS",
        "Volet 1 — services sociaux et santé mentale", "L'augmentation des exigences académiques",
        "Les bonnes pratiques professionnelles et de gestion",
        "13. La diminution de la charge de travail",
        "Mario Bélanger, impliqué·e depuis le 18 novembre 2021 (après l'appel de candidature)",
        "Avisée le 20 novembre 2021", "1 sur 13 déterminé",
        "9. Le choix du chargé de projet", "Chargée de projet choisie conjointement",
        "Comité de pilotage", "1er décembre 2021",
        "13. Le déploiement du budget alloué par l'agence",
        "1. Le lancement du projet", "25 novembre 2021", "Denis Gagnon",
        "8. Les économies doivent être réinjectées",
        "Cadre de référence pour les mesures financées",
    ]:
        assert expected in text, expected
    assert text.count("À déterminer") == 12


def test_the_fullest_project_still_prints_on_one_page(login, executif, filled, tmp_path):
    """Every volet and objective, every decision, phase and indicator written at length,
    twenty committee members: long texts are cut, the page does not run over."""
    le28.project_update(project=filled, volets=["1", "2", "3A", "3B"],
                        objectives=list(range(1, 18)), services=LONG, job_titles=LONG,
                        decision_mode_details=LONG[:300])
    for decision in filled.decisions.all():
        le28.decision_update(decision=decision, content=LONG, decided_by=LONG[:300],
                             decided_on=date(2021, 12, 1))
    for phase in filled.phases.all():
        le28.phase_update(phase=phase, union_participation=True, participants=LONG[:300],
                          held_on=date(2021, 12, 1), notes=LONG)
    for assessment in filled.assessments.all():
        le28.assessment_update(assessment=assessment, result="atteint", comment=LONG)
    for i in range(20):
        le28.member_create(project=filled, side=["syndicale", "patronale"][i % 2],
                           name=f"Personne {i} " + "x" * 150, function="y" * 200)
    info, text = pdf_of(login(executif), filled, "le28-sheet-full.pdf", tmp_path)
    assert "Pages:           1\n" in info
    assert "17. L'identification des indicateurs de résultats" in text
    assert "13 sur 13 déterminés" in text


def load():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def le28_counts():
    models = [LE28Project, LE28Decision, LE28Phase, LE28CommitteeMember]
    return {m.__name__: (m.objects.count(), m.history.count()) for m in models}


@pytest.mark.django_db
def test_the_demo_project_has_its_checklist_and_a_second_load_changes_nothing():
    load()
    first = le28_counts()
    load()
    assert le28_counts() == first
    project = LE28Project.objects.get()
    assert project.volets == ["1", "3A"]
    assert project.conseiller.username == "conseiller"
    assert project.vice_presidency_notified_on < today()
    assert sorted(project.decisions.exclude(decided_on=None).values_list("item", flat=True)) \
        == [1, 2, 3, 9]


@pytest.mark.django_db
def test_the_demo_keeps_what_a_user_changed():
    load()
    project = LE28Project.objects.get()
    le28.project_update(project=project, establishment="CIUSSS modifié", volets=["2"],
                        vice_presidency_notified_on=None)
    decision = project.decisions.get(item=9)
    le28.decision_update(decision=decision, content="Autre choix", decided_by="Comité",
                         decided_on=today() - timedelta(days=1))
    project.committee.get(name="Denis Gagnon").delete()
    load()
    project.refresh_from_db()
    assert (project.establishment, project.volets) == ("CIUSSS modifié", ["2"])
    assert project.decisions.get(item=9).content == "Autre choix"
    # Nor does what they cleared or took off come back: the demo made its project once.
    assert project.vice_presidency_notified_on is None
    assert not project.committee.filter(name="Denis Gagnon").exists()
