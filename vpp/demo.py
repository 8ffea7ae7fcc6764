"""Demo data from seeds 000, 001 and 003, each piece created once (`unionplans.demo.once`):
a rerun never rewrites what people changed.

- seed 000: the reprographie dossier of the CISSS des Laurentides, in intervention, at the
  survey stage, with its deadlines (art. 29 and 3.10: demo day counts, to be set by the
  union from its collective agreement), its VPP work plan and the structure terrain's say;
- seed 003: the first INFO-PSOC bulletin of the CTROC, its four articles as watch items
  (`seed_003`), the budget one linked to the dossier;
- seed 000 again: the CCSNE's standing VPP structure and deployment plan;
- seed 001: a lettre d'entente 28 project (volets 1 and 3A) with its steering committee
  and the first decisions of its checklist.

The figures of the financial analysis are illustrative: the seed gives none. Dates are
relative to today, so that the deadlines read as they would in a live dossier.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.utils import timezone

from unionplans.demo import once
from unionplans.models import Organization

from . import le28, seed_003, services
from .constants import Questionnaire, WorkPlanElement
from .deadlines import DayKind, today
from .models import (
    Bulletin,
    DeadlineRule,
    DeploymentStep,
    Dossier,
    DossierEvent,
    FinancialAnalysis,
    LE28CommitteeMember,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)

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
    once("vpp:reprographie",
         exists=Dossier.objects.filter(organization=ccsne, title=DOSSIER_TITLE).exists,
         create=partial(create_dossier, ccsne, users))
    dossier = Dossier.objects.filter(organization=ccsne, title=DOSSIER_TITLE).first()
    once("vpp:info-psoc",
         exists=Bulletin.objects.filter(organization=ccsne, title=BULLETIN_TITLE).exists,
         create=partial(load_veille, ccsne, users, dossier))
    once("vpp:structure", exists=VppStructure.objects.filter(organization=ccsne).exists,
         create=partial(load_structure, ccsne, users))
    once("vpp:le28",
         exists=LE28Project.objects.filter(organization=ccsne, title=LE28_TITLE).exists,
         create=partial(load_le28, ccsne, users))


def reset(organizations: list[Organization]) -> None:
    LE28Project.objects.filter(organization__in=organizations).delete()
    Dossier.objects.filter(organization__in=organizations).delete()
    DeadlineRule.objects.filter(organization__in=organizations).delete()
    VeilleItem.objects.filter(organization__in=organizations).delete()
    Bulletin.objects.filter(organization__in=organizations).delete()
    DeploymentStep.objects.filter(organization__in=organizations).delete()
    VppStructure.objects.filter(organization__in=organizations).delete()


DOSSIER_TITLE = "Reprographie – CISSS des Laurentides"
BULLETIN_TITLE = f"{seed_003.BULLETIN['title']} — {seed_003.BULLETIN['edition']}"


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
        # Seed 000: the structure terrain was heard before the decision and the work plan.
        terrain_on_decision=Dossier.TerrainSay.CONSULTED,
        terrain_on_decision_date=notice + timedelta(days=3),
        terrain_on_work_plan=Dossier.TerrainSay.VALIDATED,
        terrain_on_work_plan_date=notice + timedelta(days=4),
    )
    dossier.direction_people.set([users["executif"]])
    dossier.terrain_people.set([users["membre"]])
    QuestionnaireAnswers.objects.create(dossier=dossier, kind=Questionnaire.PRE_DIAGNOSTIC,
                                        answers=PRE_DIAGNOSTIC)
    path = [
        (Stage.VEILLE, Stage.PRE_DIAGNOSTIC, "executif", 0, "Avis de l'employeur reçu."),
        (Stage.PRE_DIAGNOSTIC, Stage.ANALYSIS, "executif", 3, "Pré-diagnostic rempli."),
        (Stage.ANALYSIS, Stage.SURVEY, "conseiller", 4,
         "Décision : aller de l'avant, priorité haute."),
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


# Lettre d'entente 28 (seed 001). Created only where missing: a field, a phase or a
# decision is filled while still blank, so that nothing a user changed is undone.

LE28_TITLE = "Organisation du travail en services sociaux et santé mentale"
LE28_FIELDS = {
    "establishment": "CIUSSS de l'Estrie – CHUS",
    "volets": ["1", "3A"],
    "services": "Services psychosociaux généraux\nSanté mentale adulte",
    "job_titles": "Psychologues\nTravailleuses et travailleurs sociaux\nPsychoéducatrices "
                  "et psychoéducateurs\nAgentes et agents de relations humaines\n"
                  "Techniciennes et techniciens en éducation spécialisée",
    "objectives": [1, 2, 5, 13, 17],
}
LE28_PHASES = {1: "Denis Gagnon, Mario Bélanger", 2: "Denis Gagnon"}
LE28_COMMITTEE = [
    (LE28CommitteeMember.Side.UNION, "Denis Gagnon", "Exécutif, CCSNE"),
    (LE28CommitteeMember.Side.UNION, "Mario Bélanger", "Conseiller syndical"),
    (LE28CommitteeMember.Side.EMPLOYER, "Direction des services multidisciplinaires",
     "Gestionnaire"),
    (LE28CommitteeMember.Side.EMPLOYER, "Direction des ressources humaines", "Gestionnaire"),
]
# Item of the committee's checklist: (what, days before today).
LE28_DECISIONS = {
    1: ("Participation paritaire au projet, volets 1 et 3A.", 60),
    2: ("Services psychosociaux généraux et santé mentale adulte ; les cinq titres "
        "d'emploi du volet 1.", 60),
    3: ("Rencontre aux deux semaines, décisions par consensus, compte rendu partagé.", 60),
    9: ("Chargée de projet choisie conjointement parmi les professionnelles de l'équipe.", 45),
}


def _blank(value) -> bool:
    return value in (None, "", [])


# Seed 003: one bulletin, its four articles. Created when missing, never updated: what
# the exécutif changed stays. Relevance, action, readers and tags are ours.
VEILLE_FOLLOW_UP = {
    "budget": {"relevance": VeilleItem.Relevance.HIGH,
               "action": "Suivre la répartition des 25 millions entre les régions.",
               "tags": "PSOC, budget, financement"},
    "msss": {"relevance": VeilleItem.Relevance.MEDIUM,
             "action": "Demander le compte rendu de la rencontre avec le MSSS.",
             "tags": "PSOC, MSSS"},
    "je_soutiens": {"relevance": VeilleItem.Relevance.MEDIUM,
                    "action": "Informer les syndicats affiliés de la fin de la campagne.",
                    "tags": "mobilisation, campagne"},
    "engagez_vous": {"relevance": VeilleItem.Relevance.LOW, "action": "",
                     "tags": "mobilisation, campagne, financement"},
}


def load_veille(ccsne: Organization, users: dict, dossier: Dossier | None) -> None:
    data = seed_003.BULLETIN
    title = BULLETIN_TITLE
    bulletin = Bulletin.objects.filter(organization=ccsne, title=title).order_by("pk").first()
    if bulletin is None:
        bulletin = services.bulletin_create(
            organization=ccsne, source=data["source"], title=title,
            published_on=seed_003.PUBLISHED_ON, summary="\n\n".join(data["summary"]),
        )
    for article in seed_003.ARTICLES:
        if bulletin.items.filter(title=article["title"]).exists():
            continue
        item = services.veille_item_create(
            organization=ccsne, bulletin=bulletin, title=article["title"],
            summary=seed_003.article_text(article), decisions="\n".join(article["decisions"]),
            readers_others="Comité VPP", m2m={"readers": [users["executif"]]},
            **VEILLE_FOLLOW_UP[article["key"]],
        )
        if article["key"] == "budget" and dossier is not None:
            services.veille_item_link(item=item, dossier=dossier)


# Seed 000: the standing structure; the deployment plan's steps are ours.
DEPLOYMENT = [
    ("Nommer les personnes de la structure de direction", "Exécutif", 0, True),
    ("Nommer une personne-ressource VPP par service (structure terrain)", "Exécutif", 30, False),
    ("Former la structure terrain au pré-diagnostic simplifié", "Conseiller syndical", 60,
     False),
    ("Adopter les procédures et le calendrier des rencontres", "Exécutif", 90, False),
]


def load_structure(ccsne: Organization, users: dict) -> None:
    if not VppStructure.objects.filter(organization=ccsne).exists():
        services.vpp_structure_save(
            organization=ccsne, terrain_others="Une personne-ressource par service",
            procedures=(
                "Prévention : la structure terrain remplit la prévention simplifiée chaque "
                "année ; la direction priorise.\n"
                "Intervention : pré-diagnostic simplifié dans la semaine de l'avis de "
                "l'employeur ; échéanciers serrés (29, 3.10)."
            ),
            calendar="Direction : une rencontre par mois\nStructure terrain : une rencontre "
                     "par trimestre",
            m2m={"direction_people": [users["executif"], users["conseiller"]],
                 "terrain_people": [users["membre"]]},
        )
    start = datetime(today().year, 1, 15).date()
    for description, who, day, done in DEPLOYMENT:
        if not DeploymentStep.objects.filter(organization=ccsne, description=description).exists():
            services.deployment_step_create(organization=ccsne, description=description, who=who,
                                            due_on=start + timedelta(days=day), done=done)


def load_le28(ccsne: Organization, users: dict) -> None:
    on = today()
    project = LE28Project.objects.filter(organization=ccsne, title=LE28_TITLE).order_by(
        "pk").first()
    dates = {
        "conseiller": users["conseiller"],
        "call_for_applications_on": on - timedelta(days=90),
        "conseiller_since": on - timedelta(days=90),
        "vice_presidency_notified_on": on - timedelta(days=85),
    }
    if project is None:
        project = le28.project_create(organization=ccsne, title=LE28_TITLE, **LE28_FIELDS,
                                      **dates)
    else:
        le28.project_complete(project=project)
        missing = {name: value for name, value in {**LE28_FIELDS, **dates}.items()
                   if _blank(getattr(project, name))}
        if missing:
            le28.project_update(project=project, **missing)
    for phase in project.phases.filter(phase__in=LE28_PHASES, union_participation=False,
                                       participants=""):
        le28.phase_update(phase=phase, union_participation=True,
                          participants=LE28_PHASES[phase.phase])
    names = set(project.committee.values_list("name", flat=True))
    for side, name, function in LE28_COMMITTEE:
        if name not in names:
            le28.member_create(project=project, side=side, name=name, function=function)
    for decision in project.decisions.filter(item__in=LE28_DECISIONS, decided_on=None,
                                             content=""):
        text, days = LE28_DECISIONS[decision.item]
        le28.decision_update(decision=decision, content=text,
                             decided_by="Comité de pilotage paritaire, par consensus",
                             decided_on=on - timedelta(days=days))
