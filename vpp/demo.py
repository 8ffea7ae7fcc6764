"""Demo data from seeds 000, 001 and 003, each piece created once (`unionplans.demo.once`):
a rerun never rewrites what people changed.

- seed 000: the reprographie dossier of the CISSS des Laurentides, in intervention, at the
  survey stage, with its deadlines (art. 29 and 3.10: demo day counts, to be set by the
  union from its collective agreement) and its VPP work plan;
- seed 003: the first INFO-PSOC bulletin of the CTROC, as a veille item;
- seed 001: a lettre d'entente 28 project, volet 1.

The figures of the financial analysis are illustrative: the seed gives none. Dates are
relative to today, so that the deadlines read as they would in a live dossier.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.utils import timezone

from unionplans.demo import once
from unionplans.models import Organization

from . import services
from .constants import Questionnaire, WorkPlanElement
from .deadlines import DayKind, today
from .models import (
    DeadlineRule,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    LE28CommitteeMember,
    LE28Phase,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
)

INFO_PSOC_SUMMARY = "\n\n".join([
    (
        "Première édition du bulletin de la Coalition des Tables régionales d'organismes "
        "communautaires (CTROC) sur le PSOC."
    ),
    (
        "Budget 2017-2018 : 25 millions seront ajoutés à l'enveloppe globale du PSOC pour les 5 "
        "prochaines années, et non 80 millions comme l'affirme la ministre déléguée. La "
        "répartition n'est pas connue."
    ),
    (
        "Groupe de travail avec le MSSS : rencontre sur une nouvelle structure de discussion avec "
        "le milieu communautaire."
    ),
    (
        "Bilan de la campagne « Je tiens à ma communauté > Je soutiens le communautaire » (21 "
        "février, Terrebonne) : vote indicatif, 16 regroupements sur 25 favorisent d'autres "
        "moyens (TROC/ROC : 12 en faveur ; regroupements provinciaux : 4 en faveur, 9 contre). Il "
        "est convenu de s'inscrire dans la campagne « Engagez-vous pour le communautaire »."
    ),
    (
        "Engagez-vous pour le communautaire : 475 M$ revendiqués, dont 355 M$ pour le PSOC."
    ),
])

PRE_DIAGNOSTIC = {
    "project": "Avis de l'employeur : projet d'impartition de la reprographie du CISSS des "
               "Laurentides à une entreprise privée.",
    "jobs": "Service de reprographie : opérateurs et opératrices d'équipement, "
            "préposé·es, 8 ETC.",
    "threat": "Privatisation (contrat de service) et abolition de postes.",
    "timeline": "Appel d'offres annoncé pour le prochain trimestre.",
    "information": "Avis de l'employeur, volumes d'impression de l'an dernier.",
    "terrain": "Josée Côté et l'équipe de la reprographie.",
    "impact": "Perte d'emplois, délais accrus pour les services cliniques.",
}

TASKS = [
    (WorkPlanElement.DOCUMENTATION,
     "Obtenir l'avis de l'employeur, le devis et les volumes de la reprographie",
     "Structure terrain", 5, True),
    (WorkPlanElement.DOCUMENTATION,
     "Analyse financière : coût à l'interne et coût du contrat (MCE Conseils)",
     "Conseiller syndical", 15, False),
    (WorkPlanElement.NEGOTIATION,
     "Rencontre avec la direction du CISSS en vertu de l'article 29",
     "Exécutif", 10, False),
    (WorkPlanElement.COMMUNICATION,
     "Bulletin aux membres de la reprographie et communiqué régional",
     "Exécutif", 12, False),
    (WorkPlanElement.MOBILISATION,
     "Assemblée des salarié·es de la reprographie et pétition des usagers",
     "Structure terrain", 20, False),
]


def load(organizations: dict[str, Organization], users: dict) -> None:
    ccsne = organizations["ccsne"]
    once("vpp:info-psoc",
         exists=VeilleItem.objects.filter(organization=ccsne, title=INFO_PSOC_TITLE).exists,
         create=partial(create_veille_item, ccsne))
    once("vpp:reprographie",
         exists=Dossier.objects.filter(organization=ccsne, title=DOSSIER_TITLE).exists,
         create=partial(create_dossier, ccsne, users))
    once("vpp:le28",
         exists=LE28Project.objects.filter(organization=ccsne, volet="1").exists,
         create=partial(create_le28, ccsne))


def reset(organizations: list[Organization]) -> None:
    LE28Project.objects.filter(organization__in=organizations).delete()
    Dossier.objects.filter(organization__in=organizations).delete()
    DeadlineRule.objects.filter(organization__in=organizations).delete()
    VeilleItem.objects.filter(organization__in=organizations).delete()


INFO_PSOC_TITLE = "INFO-PSOC — première édition"
DOSSIER_TITLE = "Reprographie – CISSS des Laurentides"


def create_veille_item(ccsne: Organization) -> None:
    VeilleItem.objects.create(
        organization=ccsne, title=INFO_PSOC_TITLE, source="CTROC",
        published_on=datetime(2017, 5, 15).date(), summary=INFO_PSOC_SUMMARY, link="",
        tags="PSOC, financement, organismes communautaires, MSSS, mobilisation",
    )


def create_dossier(ccsne: Organization, users: dict) -> None:
    on = today()
    notice = on - timedelta(days=12)  # the employer's notice
    # The rules are the organization's: one someone made with the same reference is used.
    art29, _created = DeadlineRule.objects.get_or_create(
        organization=ccsne, reference="art. 29", defaults={
            "name": "Réponse du syndicat au projet de l'employeur (valeur de démonstration)",
            "days": 30, "day_kind": DayKind.CALENDAR, "trigger": "Avis de l'employeur",
        })
    art310, _created = DeadlineRule.objects.get_or_create(
        organization=ccsne, reference="3.10", defaults={
            "name": "Demande de rencontre et de documents (valeur de démonstration)",
            "days": 10, "day_kind": DayKind.WORKING, "trigger": "Avis de l'employeur",
        })
    dossier = Dossier.objects.create(
        organization=ccsne, title=DOSSIER_TITLE,
        establishment="CISSS des Laurentides", service="Reprographie",
        mode=Dossier.Mode.INTERVENTION, domain=Dossier.Domain.INTERVENTION,
        priority=Dossier.Priority.HIGH, conseiller=users["conseiller"],
        description="Projet d'impartition du service de reprographie : protéger nos "
                    "emplois, contrer la privatisation, maintenir des services de qualité.",
        decision=Dossier.Decision.GO, decision_date=notice + timedelta(days=4),
        decision_note="Service essentiel aux équipes cliniques ; coût du contrat à vérifier.",
        stage=Stage.SURVEY,
    )
    dossier.direction_people.set([users["executif"]])
    dossier.terrain_people.set([users["membre"]])
    QuestionnaireAnswers.objects.create(dossier=dossier, kind=Questionnaire.PRE_DIAGNOSTIC,
                                        answers=PRE_DIAGNOSTIC)
    path = [
        (Stage.VEILLE, Stage.PRE_DIAGNOSTIC, "executif", 0, "Avis de l'employeur reçu."),
        (Stage.PRE_DIAGNOSTIC, Stage.ANALYSIS, "executif", 3, "Prédiagnostic rempli."),
        (Stage.ANALYSIS, Stage.SURVEY, "conseiller", 4, "Décision : go, priorité haute."),
    ]
    for from_stage, to_stage, who, day, note in path:
        DossierEvent.objects.create(
            dossier=dossier, kind=DossierEvent.Kind.ADVANCE, from_stage=from_stage,
            to_stage=to_stage, by=users[who], note=note,
            at=timezone.make_aware(datetime.combine(notice + timedelta(days=day), time(10))),
        )
    for rule in (art29, art310):
        services.deadline_set(dossier=dossier, rule=rule, trigger_date=notice)
    for element, description, who, day, done in TASKS:
        Task.objects.create(dossier=dossier, description=description, element=element,
                            who=who, due_on=notice + timedelta(days=day), done=done)
    FinancialAnalysis.objects.create(
        dossier=dossier, period="Annuel (valeurs de démonstration)",
        in_house_cost=Decimal("412000.00"), contracted_cost=Decimal("468500.00"),
        jobs=Decimal("8.00"), hours=Decimal("14560.0"),
        notes="Le coût du contrat inclut la gestion du contrat par l'établissement.",
    )


def create_le28(ccsne: Organization) -> None:
    project = services.le28_project_create(
        organization=ccsne,
        title="Organisation du travail en services sociaux et santé mentale",
        establishment="CIUSSS de l'Estrie – CHUS",
        volet="1",
        job_titles="Psychologues\nTravailleuses et travailleurs sociaux\nPsychoéducatrices "
                   "et psychoéducateurs\nAgentes et agents de relations humaines\n"
                   "Techniciennes et techniciens en éducation spécialisée",
        objectives=[1, 2, 5, 13, 17],
    )
    for phase, participation, who in [
        (1, True, "Denis Gagnon, Mario Bélanger"),
        (2, True, "Denis Gagnon"),
    ]:
        LE28Phase.objects.filter(project=project, phase=phase).update(
            union_participation=participation, participants=who)
    for side, name, function in [
        (LE28CommitteeMember.Side.UNION, "Denis Gagnon", "Exécutif, CCSNE"),
        (LE28CommitteeMember.Side.UNION, "Mario Bélanger", "Conseiller syndical"),
        (LE28CommitteeMember.Side.EMPLOYER, "Direction des services multidisciplinaires",
         "Gestionnaire"),
        (LE28CommitteeMember.Side.EMPLOYER, "Direction des ressources humaines", "Gestionnaire"),
    ]:
        LE28CommitteeMember.objects.create(project=project, name=name, side=side,
                                           function=function)
