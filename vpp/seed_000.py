"""Seed 000, *La démarche de valorisation, promotion et préservation des services publics
(VPP) – partie 2* (Mardi d'Action Politique), as plain data.

Every text below is the seed's, word for word (bold dropped); `tests/vpp/test_seeds.py`
reads `seeds/000_…txt` and checks both ways: each text here is in the seed, and each line
of the seed is here or in `NOT_KEPT`. The app's French labels (objectives, domains,
work-plan elements, structure levels, roles table, tools) are checked against these.
"""

SEED_FILE = "000_822fb10abd53365c.txt"

GENERAL_OBJECTIVES = [
    "Protéger nos emplois",
    "Contrer la privatisation",
    "Maintenir des services de qualité",
]

# Domaines d'action, by `Dossier.Domain` value.
DOMAINS = {
    "action_politique": "Action politique (campagnes, plans d'action)",
    "organisation_travail": "Amélioration continue / organisation du travail (prévention)",
    "intervention": (
        "Intervention syndicale pour bloquer des projets de privatisation (ou rapatrier des "
        "services), des projets de coupures (intervention)"
    ),
}

# Prise en charge syndicale
TAKING_CHARGE = [
    "Se donner une structure à 2 niveaux (au moins)",
    "Définir les rôles et les responsabilités",
    "Se donner des procédures",
]

# La structure VPP: the two levels and what each does.
STRUCTURE = {
    "direction": (
        "Structure de direction (centrale)", ["Priorisation", "Stratégie", "Coordination"]
    ),
    "terrain": ("Structure terrain", ["Pré-diagnostic et enquête", "Liaison équipes services"]),
}

# Rôles, responsabilités: (direction politique, structure terrain), row by row.
ROLES_HEADER = ("Direction politique", "Structure terrain")
ROLES = [
    ("Veille informationnelle / avis employeur", "Surveillance terrain / diagnostic"),
    ("Pré-diagnostic", "Pré-enquête"),
    ("Analyse, priorisation et décision", "Consultation, validation, liaison"),
    ("Élaboration du plan de travail et stratégie", "Consultation, validation, liaison"),
    ("Constitution du rapport", "Enquête"),
    ("Suivi du plan de travail", "Soutien"),
]

# Le plan de travail VPP: a general model, and the aide-mémoire of its four elements.
WORK_PLAN_MODEL = "Modèle général"
AIDE_MEMOIRE = "Aide mémoire"
WORK_PLAN_ELEMENTS = [
    "Documentation",
    "Interpellation / négociation",
    "Communication interne et externe",
    "Mobilisation",
]

# Fonctionnement et procédures
PROCEDURES = [
    "Pour chaque niveau de structure",
    "En prévention et en intervention",
    "Sur les 4 éléments présentés dans le modèle de plan de travail",
    "Échéanciers serrés en intervention (29, 3.10)",
    "Calendriers",
]

# Nouveaux outils
NEW_TOOLS = ["Plan de déploiement", "Prévention simplifiée", "Pré-diagnostic simplifié"]

# Lines of the seed that are the training session's own, not the app's: its title pages,
# its programme and the next session's.
NOT_KEPT = [
    "VALORISATION", "PROMOTION", "PRÉSERVATION", "DES SERVICES PUBLICS",
    "La démarche de", "valorisation,", "promotion et", "préservation des",
    "services publics", "(VPP) – partie 2",
    "Programme", "Rappels de la dernière séance", "Structure VPP", "Rôles, responsabilités",
    "Plan de travail VPP", "Fonctionnement et procédures", "Mardi", "d'Action", "Politique",
    "Outils d'accompagnement du déploiement", "Outils de prévention et pré-diagnostic",
    "Exemple de la reprographie – CISSS Laurentides",  # the demo dossier
    "Rappels", "Objectifs généraux VPP", "Domaines d'action", "Prise en charge syndicale",
    "La structure VPP", "Le plan de travail VPP", "Nouveaux outils",
    "Prochain MAP", "Analyse financière et indicateurs", "MCE Conseils",
    "Comité de Coordination d'Action Politique",
    "Pour des réseaux en santé accessibles à tous et toutes!", "Merci !",
]
