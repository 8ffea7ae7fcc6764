"""Seed 001, the union's guide to lettre d'entente 28 projects, as plain data.

The text of the reusable lists, typos corrected (the seed is at
`seeds/001_90993122b914eae5.txt`; tests/vpp/test_seed_001.py checks this module against
it in both directions and lists every correction). The French labels of `vpp.constants`
are these texts (the same test reads the catalogue). Items start with a capital and carry
no list punctuation; apostrophes are typographic (’), as in the catalogue.
"""

ADDRESSEE = (
    "Aux syndicats sollicités par leur employeur pour des projets en organisation du travail "
    "financés par le ministère de la Santé et des Services sociaux (MSSS)"
)
HEADLINE = (
    "Le leadership syndical, la clé de la réussite pour les projets en organisation du "
    "travail issus de la lettre d’entente 28 de la convention collective"
)
TITLE = "Lettre d’entente 28"
SUBJECT = (
    "Projet en organisation du travail visant des mesures pour l’amélioration de la "
    "prestation de travail et des services pour le personnel des techniciens et "
    "professionnels de la santé et des services sociaux"
)

# "Prendre connaissance des documents suivants"
REFERENCE_DOCUMENTS = [
    "Cadre de référence spécifique en organisation du travail pour le personnel de la "
    "catégorie des techniciens et des professionnels de la santé et des services sociaux "
    "dans les domaines des services sociaux et de la santé mentale ainsi qu’en réadaptation",
    "Cadre de référence pour les mesures financées par le ministère de la Santé et des "
    "Services sociaux",
    "Orientations du MSSS suivant le Forum d’échange sur l’organisation du travail",
]

INTRODUCTION = (
    "Pour répondre aux défis de la main-d’œuvre et offrir des services de qualité dans les "
    "services sociaux, en santé mentale et en réadaptation, les objectifs visés sont "
    "répertoriés en trois volets."
)

# What each volet aims at, the job titles it names ("notamment") and what the project
# takes into account in paritarisme ("qui tiendra compte en paritarisme de").
SHARED_CONSIDERATIONS = [
    "Les bonnes pratiques professionnelles et de gestion",
    "L’utilisation optimale des compétences des travailleuses et des travailleurs",
    "L’amélioration de l’accessibilité et de l’intensité des soins et services",
]
VOLETS = {
    "1": {
        "aim": "Viser des projets en organisation du travail dans les domaines des services "
               "sociaux et en santé mentale",
        "job_titles": [
            "Psychologues", "Travailleurs sociaux", "Psychoéducateurs",
            "Agents de relations humaines", "Techniciens en éducation spécialisée",
        ],
        "considerations": [
            "L’augmentation des exigences académiques",
            "L’accessibilité à certaines professions",
            "La spécialisation des services",
            "L’alourdissement de la clientèle et de la comorbidité",
            "La charge de travail",
            "L’utilisation optimale des compétences des travailleuses et travailleurs",
        ],
    },
    "2": {
        "aim": "Viser des projets en organisation du travail dans le domaine de la "
               "réadaptation pour les personnes en perte d’autonomie et/ou atteintes d’une "
               "déficience et/ou de troubles envahissants du développement (DP-DI-TED)",
        "job_titles": [
            "Physiothérapeutes", "Techniciens en réadaptation physique", "Orthophonistes",
            "Éducateurs spécialisés", "Ergothérapeutes", "Audiologistes",
        ],
        "considerations": [
            "L’accroissement des demandes de services en première et deuxième ligne",
            "La continuité des soins et services",
            "L’intensité des services",
            "La concertation et l’intégration des professionnels et des techniciens en "
            "réadaptation",
            "Les pratiques professionnelles",
        ],
    },
    "3A": {
        "aim": "Des projets d’organisation du travail paritaires dans les domaines des "
               "services sociaux, de la santé mentale et de la réadaptation visant "
               "l’innovation, des initiatives qui peuvent se traduire par des besoins partagés "
               "par plusieurs établissements ou missions d’établissement",
        "job_titles": [],
        "considerations": SHARED_CONSIDERATIONS,
    },
    "3B": {
        "aim": "Des projets d’organisation du travail paritaires qui visent à renforcer les "
               "services de première ligne par des services optimaux de deuxième ligne et "
               "par la collaboration et la concertation d’intervention entre des "
               "établissements de même mission ou de missions différentes",
        "job_titles": [],
        "considerations": SHARED_CONSIDERATIONS,
    },
}

# "Les objectifs visés en paritarisme pour les 3 volets"; the seed lists the first twelve
# under volet 1 already.
OBJECTIVES = [
    "L’amélioration de l’accessibilité aux services de qualité",
    "L’amélioration de l’attraction et de la rétention",
    "La clarification des rôles et responsabilités entre les professionnels, techniciens "
    "et personnel de soutien",
    "Revisiter le mode de distribution de soins et services",
    "L’optimisation et le développement des compétences",
    "L’harmonisation des pratiques professionnelles",
    "L’amélioration des processus et des outils de travail",
    "L’élimination des irritants",
    "L’amélioration du climat de travail",
    "L’amélioration de l’environnement physique",
    "Revisiter l’encadrement clinique",
    "L’amélioration des conditions de vie au travail",
    "La diminution de la charge de travail",
    "Le maintien et le développement de l’autonomie professionnelle",
    "Donner un sens au travail",
    "L’amélioration du rapport avec la clientèle",
    "L’identification des indicateurs de résultats quantitatifs et qualitatifs",
]
VOLET_1_OBJECTIVES = OBJECTIVES[:12]

# "Les incontournables : participation des syndicats à chacune des phases"
PHASES = [
    "Le lancement du projet",
    "La définition du ou des projets",
    "La réalisation du ou des projets",
    "Le suivi du ou des projets",
    "L’évaluation finale et le partage des expériences",
]

# "Les indicateurs de réussite"
SUCCESS_INDICATORS = [
    "La participation des syndicats",
    "La participation des travailleuses et travailleurs concernés",
    "L’usager doit être au centre des objectifs à atteindre, soit l’amélioration de "
    "l’accessibilité à des soins et des services de qualité et sécuritaires",
    "L’élimination de la surcharge de travail",
    "L’amélioration du climat de travail et des conditions de vie au travail",
    "L’optimisation des compétences des travailleuses et travailleurs et le transfert des "
    "connaissances",
    "Les projets ne doivent pas avoir comme première prérogative des impératifs financiers",
    "Les économies doivent être réinjectées",
]

# Au niveau local (établissement, syndicat, agence): "Mise en place d’un comité de pilotage
# ou directeur paritaire qui déterminera sous un mode consensuel"
COMMITTEE_DECISIONS = [
    "Sa participation paritaire à un ou des projets en organisation du travail visant l’un "
    "ou plusieurs volets",
    "Le ou les services et le ou les titres d’emploi visés",
    "Son mode de fonctionnement",
    "Les objectifs communs",
    "Le partage des données sociales et économiques",
    "Le plan de communication entre les membres du comité, les gestionnaires et les "
    "travailleuses et travailleurs",
    "La mise en place des sous-comités, le choix des participants, de la représentativité "
    "syndicale et patronale",
    "Le mode de libération",
    "Le choix du chargé de projet",
    "La mise en place d’un mécanisme de suivi des sous-comités",
    "La mise en place d’un mode de choix des solutions, de leur implantation et de leur suivi",
    "La mise en place d’un calendrier de travail et d’un échéancier",
    "Le déploiement du budget alloué par l’agence",
]

# Au niveau régional (établissements d’une région, syndicats visés, agence): the
# presentation of the project for its acceptance by the agency.
REGIONAL = [
    "Participation du syndicat local aux ateliers de définition de projet : un représentant "
    "syndical ou, lorsqu’un projet touche plus d’un syndicat, un représentant syndical par "
    "syndicat concerné sont invités aux ateliers",
]

# Au niveau national (association d’établissements, syndicats nationaux, agence)
NATIONAL = [
    "Comités paritaires qui au début du processus achemineront les commentaires syndicaux "
    "aux agences régionales",
    "Comités paritaires qui au cours des projets en organisation du travail pourront "
    "s’informer, échanger, faire des représentations concernant le choix des projets, les "
    "sommes allouées aux projets et des problématiques particulières liées aux projets en "
    "organisation du travail",
]

# Quoted as the seed words it (the page and the sheet quote it).
ADVICE = (
    "Nous vous invitons à impliquer votre conseillère ou conseiller syndical dans la "
    "démarche que vous entreprenez, et ce, dès l’appel de candidature. Il sera en mesure de "
    "vous soutenir et de vous aider à chacune des étapes. Aviser aussi votre vice-présidence "
    "régionale afin de nous permettre de vous assurer un suivi et un accompagnement adéquat."
)

NATIONAL_LEADS = [
    ("Richard Dufort", "Conseiller à la négociation"),
    ("Nadine Lambert", "Vice-présidente de la catégorie 1"),
]
