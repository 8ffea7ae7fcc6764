"""Seed 002, *Plan d'action : Comité Entraide*, transcribed as data.

Used by the built-in templates (`services.builtin_templates_ensure`) and by the demo.
Blanks of the Word document (`_____`) are empty values here: the PDFs draw them back as
writing lines. Text is kept as the document writes it, accents and punctuation included.
"""

PLAN_TITLE = "Plan d'action : Comité Entraide"

# Each row: objective (text) and the five list cells, then the row's échéancier.
YEAR_1 = {
    "key": "annee-1",
    "name": "Année 1 : mise sur pied",
    "period_label": "ANNÉE 1, MISE SUR PIED",
    "need": (
        "Implantation d'un réseau d'entraide, donner de l'information afin d'offrir une "
        "brigade d'intervenants qui sauront répondre aux besoins des membres aux prises avec "
        "divers problèmes d'ordre personnel ou professionnel."
    ),
    "expected_results": "Avoir un comité fonctionnel d'ici",
    "rows": [
        {
            "objective": "Mise sur pied d'un Comité d'entraide",
            "results": [
                "1. Identifier un « responsable de l'entraide au comité exécutif du syndicat »"
            ],
            "means": [
                "Présenter les rôles et responsabilités du porteur de dossier et vérifier "
                "l'intérêt personnel des officiers en place"
            ],
            "resources": ["Documents explicatifs, responsable régionale"],
            "responsibles": [],
            "schedule": ["Janvier-Février"],
        },
        {
            "objective": "",
            "results": [
                "2. Présenter le projet aux membres (et à la partie patronale s'il y a lieu)"
            ],
            "means": [
                "Où, quand et comment exemple : Assemblée générale, kiosque lors de journée "
                "thématique, lettre ou courriel, etc."
            ],
            "resources": [
                "Documents promotionnels et autres selon les moyens choisis, "
                "responsable régionale"
            ],
            "responsibles": [],
            "schedule": ["Mars"],
        },
        {
            "objective": "",
            "results": [
                "3. Obtenir l'engagement de l'employeur et définir les modalités de sa "
                "participation ($, libération, affichage, etc.)"
            ],
            "means": [
                "Documents de promotion, articles de journaux, exemple de clause de cc, etc."
            ],
            "resources": ["Boîte à outils Web, responsable régionale,"],
            "responsibles": [],
            "schedule": ["Février-Mars"],
        },
        {
            "objective": "",
            "results": ["4. Recruter X personnes entraïdantes"],
            "means": [
                "Définir quels moyens utilisés exemple : Affiches de personnes recherchées, "
                "sondage auprès des membres, entrevues de sélection, etc"
            ],
            "resources": [
                "$ pour la création et production de matériel papier, "
                "$ de libération pour entrevues"
            ],
            "responsibles": [],
            "schedule": ["Printemps-été"],
        },
        {
            "objective": "",
            "results": ["5. Offrir la formation de base"],
            "means": ["Déterminer la date et le lieu (milieu de travail ou CCM)"],
            "resources": [
                "$ libérations syndicale (voir à voter un budget ou utiliser celui de formation ?)"
            ],
            "responsibles": [],
            "schedule": ["Septembre"],
        },
        {
            "objective": "",
            "results": ["6. S'assurer de la continuité du Comité d'entraide"],
            "means": [
                "Définir la fréquence des rencontres et la composition du Comité d'entraide"
            ],
            "resources": ["Identifier un entraïdant « responsable local », $ libérations"],
            "responsibles": [],
            "schedule": ["Responsable-juin 2 fois par année"],
        },
    ],
}

YEAR_2 = {
    "key": "annee-2",
    "name": "Année 2 : visibilité, lien de confiance et expérience",
    "period_label": "ANNÉE 2 : VISIBILITÉ, LIEN DE CONFIANCE ET EXPÉRIENCE",
    "need": "",
    "expected_results": "",
    "rows": [
        {
            "objective": (
                "VISIBILITÉ\nFaire connaître les membres et le rôle du RÉSEAU d'entraide"
            ),
        },
        {"objective": "CONFIANCE\nPromouvoir la confidentialité et le respect des personnes"},
        {"objective": "EXPÉRIENCE\nSoutenir et encadrer le travail des entraidant(es)"},
    ],
}

BLANK = {
    "key": "vierge",
    "name": "Modèle vierge",
    "period_label": "",
    "need": "",
    "expected_results": "",
    "rows": [],
}

BUILTIN_TEMPLATES = [YEAR_1, YEAR_2, BLANK]

# The seed's last two pages are blank forms of eight rows to fill by hand: the *Plan
# d'action* with two writing lines a cell, the *Plan de travail* with three.
BLANK_ROWS = 8
BLANK_FORMS = [
    {"title": "Plan d'action : Comité Entraide", "lines": 2},
    {"title": "Plan de travail : Comité Entraide", "lines": 3},
]

LIST_CELLS = ["results", "means", "resources", "responsibles", "schedule"]
