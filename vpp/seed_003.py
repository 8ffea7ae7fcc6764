# ruff: noqa: E501 (the seed's sentences, kept whole)
"""Seed 003, the first *INFO-PSOC* of the CTROC (Coalition des Tables régionales
d'organismes communautaires), as plain data: one bulletin, four articles.

Every text is the seed's, word for word (bold, italics and link marks dropped); lists are
kept as lists (their "-" and "✓" dropped). `tests/vpp/test_seeds.py` reads
`seeds/003_…txt` and checks both ways: each text here is in the seed, and each line of the
seed is here or in `NOT_KEPT`. The seed gives no publication date: `PUBLISHED_ON` is ours
(the bulletin tells of 4 May 2017 as past).
"""

from datetime import date

SEED_FILE = "003_5ee231ce73daa05d.txt"

PUBLISHED_ON = date(2017, 5, 15)  # ours: the seed is undated

BULLETIN = {
    "source": "CTROC",
    "title": "INFO-PSOC",
    "edition": "première édition",
    "summary": [
        "Voici la toute première édition de l'INFO-PSOC, bulletin d'information de la Coalition "
        "des Tables régionales d'organismes communautaires (CTROC). Par ce bulletin, la CTROC "
        "souhaite tenir les organismes communautaires en santé et services sociaux (OCASSS) "
        "informés des travaux entourant le PSOC et ce, sur une base régulière.",
        "La CTROC unit treize(13) Regroupements régionaux d'organismes communautaires et "
        "représente des milliers d'organismes au Québec. Elle a comme mission de soutenir les "
        "regroupements et leurs membres, d'analyser l'organisation du réseau public de la santé "
        "et des services sociaux et ses impacts sur la population et les organismes. La CTROC est "
        "reconnue comme une interlocutrice importante du ministère de la Santé et des Services "
        "sociaux.",
        "D'autres INFO-PSOC seront produits dans les prochains mois pour vous informer des "
        "développements en cours.",
        "Pour toutes informations supplémentaires, n'hésitez pas à contacter votre TROC ou votre "
        "ROC",
    ],
}

# Each article: its title and its text, as (heading or None, paragraphs, list) sections.
ARTICLES = [
    {
        "key": "budget",
        "title": "Budget 2017-18",
        "sections": [
            (None, [
                "La CTROC a assisté au huis clos précédant le dévoilement du budget provincial le 28 "
                "mars dernier et publié un communiqué.",
                "La CTROC était aussi présente lors de l'étude des crédits en santé et services "
                "sociaux le 4 mai dernier à l'Assemblée nationale (lire le communiqué) et y a tenu "
                "une conférence de presse avec Québec Solidaire et le Parti Québécois.",
                "Comme nous le savons désormais, ce sont 25 millions qui seront ajoutés à "
                "l'enveloppe globale du PSOC pour les 5 prochaines années, et non 80 millions, "
                "comme veut le faire croire la ministre déléguée Lucie Charlebois. Au moment "
                "d'écrire ces lignes, nous ne savons toujours pas comment seront répartis les "
                "montants. Est-ce que la ministre respectera les cadres régionaux ? Décidera-t-elle "
                "unilatéralement à qui devront aller ces montants? Une rencontre devrait avoir lieu "
                "dans les prochaines semaines, nous vous en tiendrons informés. Sachez toutefois que "
                "nous travaillons très fort à nous assurer que l'argent investi dans les régions "
                "soit utilisé afin de diminuer les écarts de financement entre les organismes.",
            ], []),
        ],
        "decisions": [],
    },
    {
        "key": "msss",
        "title": "Groupe de travail avec le ministère de la Santé et des Services sociaux (MSSS)",
        "sections": [
            (None, [
                "Suite à une demande de notre part, nous avons été invités à une rencontre avec des "
                "représentants du PSOC au MSSS, soit Mario Fréchette, directeur de la Direction des "
                "services sociaux généraux et des activités communautaires et Lucie Thibodeau, "
                "conseillère au PSOC. Cette rencontre portera sur une nouvelle proposition de "
                "structure de discussion avec le milieu communautaire, en cohérence avec "
                "l'engagement du MSSS.",
                "Nous comptons réitérer l'importance de se doter de mécanismes de consultation "
                "satisfaisants, afin que les prochaines orientations ministérielles soient l'objet "
                "d'un large consensus avec la partie communautaire et qu'elles contribuent à "
                "préserver la nature du financement à la mission. Plus de détails à venir.",
            ], []),
        ],
        "decisions": [],
    },
    {
        "key": "je_soutiens",
        "title": "Bilan de la campagne Je tiens à ma communauté >> Je soutiens le communautaire",
        "sections": [
            (None, [
                "La CTROC et de la Table des regroupements provinciaux d'organismes communautaires "
                "et bénévoles du Québec (TRPOCB) ont organisé conjointement la rencontre pour faire "
                "le bilan de la campagne sectorielle santé et services sociaux Je Soutiens. "
                "Celle-ci s'est tenue le 21 février dernier, à Terrebonne. Étaient présents : 15 "
                "regroupements nationaux membres de la Table (sur une possibilité de 42) et 15 "
                "Tables régionales d'organismes communautaires -TROC/ROC (sur une possibilité de "
                "16) -dont 13 sont membres de la CTROC.",
            ], []),
            ("En résumé :", [
                "L'ensemble des regroupements présents, provinciaux et régionaux, dressent un bilan "
                "positif de la campagne. Cette dernière a créé un sentiment d'appartenance et a "
                "rayonné sur l'ensemble du Québec.",
                "Certains éléments viennent toutefois diviser les énergies pour cette campagne. "
                "Notons surtout la mise en place, à l'automne 2016, d'une campagne unitaire « "
                "Engagez-vous pour le communautaire » qui a, entre autres, comme raison d'être les "
                "attaques provenant de toute part envers l'autonomie des organismes communautaires "
                "et la nécessité d'être solidaires entre tous les secteurs de l'ACA.",
                "Suite à leurs consultations régionales en assemblée ou en conseil "
                "d'administration, une majorité de TROC/ROC étaient d'avis qu'il s'avère "
                "préférable d'investir les énergies dans une seule campagne, soit « Engagez-vous "
                "pour le communautaire », considérant que :",
            ], [
                "Des organismes sont sollicités doublement en termes d'énergie et de ressources "
                "financières;",
                "Leur membership élargi;",
                "Les représentations politiques liées aux revendications spécifiques en santé et "
                "services sociaux (PSOC) font partie intégrante de leur mission, notamment de par "
                "leur rôle d'interlocuteur privilégié auprès des CISSS-CIUSSS;",
                "La confusion entraînée par des messages provenant de deux sources différentes",
                "L'articulation de revendications unitaires dans lesquelles le secteur santé et "
                "services sociaux est majoritairement représenté",
            ]),
            (None, [
                "D'ailleurs, la question de la confusion faisait consensus pour l'ensemble des "
                "regroupements.",
            ], []),
            ("Extraits du procès-verbal de la rencontre du 21 février:", [
                "«Tout le monde s'entend sur la confusion qu'entraîne la poursuite de deux "
                "campagnes, occasionnant ainsi des conflits de loyauté au sein des organismes étant "
                "donné leur capacité limitée de mobilisation. Il n'est plus possible de mener ces "
                "deux campagnes de front, avec la même intensité. Le contexte d'austérité a modifié "
                "la donne. »",
                "À la suite de ses échanges, il y a eu un vote indicatif à savoir si la campagne Je "
                "tiens à ma communauté >> Je soutiens le communautaire est encore le bon véhicule "
                "pour poursuivre la mobilisation.",
            ], []),
            ("PROPOSITION SOUMISE AU VOTE :", [
                "En tenant compte des discussions ayant eu lieu précédemment dans les instances "
                "respectives, et des positions exprimées durant la première partie de la rencontre "
                "d'aujourd'hui, il est convenu que la campagne Je tiens à ma communauté > Je "
                "soutiens le communautaire dans sa forme actuelle n'est plus le véhicule adéquat. "
                "Par conséquent, il s'avère nécessaire de définir d'autres moyens de poursuivre les "
                "démarches liées au secteur de la santé et des services sociaux.",
            ], [
                "TROC/ROC : 12 TROC/ROC sont en faveur",
                "Regroupements provinciaux : 4 sont en faveur, 9 regroupements sont contre",
            ]),
            (None, [
                "Une majorité de regroupements (16/25) favorisent donc la poursuite de la "
                "mobilisation à travers d'autres moyens que la campagne Je tiens à ma communauté > "
                "Je soutiens le communautaire.",
                "Quelques regroupements provinciaux indiquent qu'ils priorisent la campagne "
                "Engagez-vous pour le communautaire dans la mesure où le contexte actuel exige le "
                "plus grand rapport de forces possible afin d'augmenter la pression sur le "
                "gouvernement en place.",
            ], []),
            ("La suite de la mobilisation", [], []),
            ("Perspectives d'avenir pour les revendications des OCASSS", [
                "Mettre fin à la campagne sectorielle santé et services sociaux ne veut pas dire "
                "mettre fin aux collaborations entre la CTROC et la TRPOCB. De même, c'est la "
                "mission propre à la CTROC et à la TRPOCB que de travailler sur l'amélioration du "
                "PSOC, incluant la question du financement. Nul besoin d'une campagne pour "
                "continuer d'actualiser notre mission.",
            ], []),
            ("Objectifs communs et moyens", [
                "Extrait du procès-verbal de la rencontre du 21 février:",
                "« ... il y a eu consensus sur :",
            ], [
                "Nécessité de rehausser le financement des organismes communautaires afin de "
                "contrer les attaques liées à leur autonomie, particulièrement dans un contexte "
                "d'intensification des ententes de service et de leur instrumentalisation. Pour "
                "certains, la revendication financière relève de la santé et des services sociaux, "
                "alors que d'autres considèrent qu'elle devrait s'actualiser dans le cadre de la "
                "campagne Engagez-vous.",
                "Les travaux en regard du PSOC devraient également constituer un objectif commun. "
                "Certains précisent que l'harmonisation du PSOC (régional/provincial, typologie, "
                "gestion administrative) est prioritaire, notamment pour assurer l'équité entre les "
                "organismes communautaires.",
                "La question de l'autonomie des organismes communautaires dans un contexte de "
                "continuum de services et de sous-traitance est également mentionnée, ainsi que la "
                "fin des mesures d'austérité, la préservation de la nature du financement à la "
                "mission et la défense de l'esprit de la politique gouvernementale de l'action "
                "communautaire.",
                "Les discussions devraient porter sur ce qui se passe sur le terrain, les rapports "
                "avec le réseau public, et les stratégies en cours ou à mettre en place.",
                "Il est nécessaire de conserver le canal des travaux communs avec le MSSS. Il faudra "
                "également réfléchir aux stratégies à créer pour faire valoir sur la place publique "
                "les revendications entourant le PSOC.",
            ]),
            (None, [
                "Il s'agit d'aller au cœur des revendications, donc de s'entendre ensemble sur "
                "celles qu'il faut porter, puis décider des stratégies par la suite.",
            ], []),
        ],
        "decisions_heading": "IL EST CONVENU PAR L'ENSEMBLE DES REGROUPEMENTS PRÉSENTS:",
        "decisions": [
            "De ne pas poursuivre la campagne Je tiens à ma communauté > Je soutiens le "
            "communautaire.",
            "De ne pas mettre en place une nouvelle structure pour remplacer la campagne Je "
            "soutiens.",
            "De s'inscrire dans la campagne Engagez-vous pour le communautaire.",
            "De continuer la concertation CTROC/Table, qui devient vitale dans ce contexte.",
        ],
    },
    {
        "key": "engagez_vous",
        "title": "Engagez-vous pour le communautaire",
        "sections": [
            (None, [
                "La CTROC et ses membres sont fortement impliqués dans la campagne unitaire. "
                "Actuellement, il y a deux délégués de la CTROC au comité de coordination nationale "
                "(TROC Lanaudière et TROC Outaouais). De même, 3 TROC/ROC sont impliqués dans le "
                "comité Action/suivi (ROC Capitale-Nationale, ROC Abitibi-Témiscamingue et TROC "
                "Bas St-Laurent). On y revendique 475M$ ce qui inclut le 355M$ du secteur santé et "
                "services sociaux nécessaire au PSOC.",
            ], []),
        ],
        "decisions": [],
    },
]

# The delegates article 4 names, by committee.
DELEGATES = {
    "comité de coordination nationale": ["TROC Lanaudière", "TROC Outaouais"],
    "comité Action/suivi": [
        "ROC Capitale-Nationale", "ROC Abitibi-Témiscamingue", "TROC Bas St-Laurent",
    ],
}

# Lines of the seed that are layout, not content: the masthead and its table of contents
# (the article titles above, in capitals and cut over several lines), and the links' words.
NOT_KEPT = [
    "INFO-PSOC", "↪ BUDGET 2017-2018", "↪ GROUPE DE TRAVAIL", "MINISTÈRE DE LA SANTÉ ET DES",
    "SERVICES SOCIAUX", "↪ BILAN DE LA CAMPAGNE JE", "TIENS À MA COMMUNAUTÉ >>",
    "JE SOUTIENS LE", "COMMUNAUTAIRE", "↪ ENGAGEZ-VOUS POUR LE", "COMMUNAUTAIRE!",
    "Cliquez ici",
]


def article_text(article: dict) -> str:
    """An article's text as a watch item's summary: sections in order, lists as bullets."""
    parts = []
    for heading, paragraphs, items in article["sections"]:
        if heading:
            parts.append(heading)
        parts.extend(paragraphs)
        if items:
            parts.append("\n".join(f"• {item}" for item in items))
    return "\n\n".join(parts)
