"""CCSNE (Conseil central des syndicats nationaux de l'Estrie) — Plan de travail 2019-2022.

Plain-data transcription of seed 004 (QUOI / COMMENT et QUAND / QUI / SUIVI table, followed by
the "Dossiers statutaires" and "Organismes et délégations" lists). Rows continued after page
breaks are merged into their action. Each step's trailing "(...)" is stored in ``when_text``;
underlined SUIVI sentences are stored as the action outcome, not as follow-ups. Quantitative
targets and counts written in SUIVI are also given as ``indicators`` (the follow-up stays).
Nested SUIVI sub-bullets stay inside their parent entry, one per line, prefixed with "◦ ".
"1^{er}" is written "1er" (the PDFs raise it again).
"""

from datetime import date

PLAN = {
    "title": "Plan de travail 2019-2022",
    "mandate_start": date(2019, 6, 1),
    "mandate_end": date(2022, 6, 30),
    "orientations": [
        {
            "number": "1",
            "title": "",
            "statement": (
                "Le CCSNE développe et encourage la solidarité aux niveaux local et régional."
            ),
            "sub_statements": [],
            "actions": [
                {
                    "number": "1.1",
                    "what": "Créer une unité de mobilisation",
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Définir le mandat et la composition de l'unité",
                            "when_text": "décembre 2019",
                            "when_kind": "month",
                            "when_date": date(2019, 12, 1),
                        },
                        {
                            "text": "Mettre sur pied l'unité",
                            "when_text": "mars 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 3, 1),
                        },
                        {
                            "text": (
                                "Développer les outils nécessaires au fonctionnement de l'unité "
                                "(communication, rencontres, etc.)"
                            ),
                            "when_text": "juin 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 6, 1),
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Travail préparatoire effectué, comité préliminaire assemblé, "
                                "rencontre prévue le 11 février pour déterminer les balises du "
                                "mandat"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Présentation des aspects recrutement, fonctionnement, rôles et "
                                "responsabilités à l'AG du 28 février 2020"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Équipe montée (une quinzaine de militant.es) et outils "
                                "produits (vestes d'identification, formation et groupe "
                                "Facebook)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Réactivation de la présence des membres sur l'unité de "
                                "mobilisation (présentation à l'assemblée générale du 18 "
                                "novembre 2021)"
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "1.2",
                    "what": (
                        "Procéder à l'inventaire et à l'analyse des outils de communication du "
                        "CCSNE dans le but d'assurer une communication efficace bilatérale avec "
                        "les syndicats"
                    ),
                    "who": "Catherine",
                    "steps": [
                        {
                            "text": (
                                "Faire l'inventaire des outils actuellement utilisés et des "
                                "outils disponibles sur le marché et dans nos syndicats"
                            ),
                            "when_text": "juin 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 6, 1),
                        },
                        {
                            "text": "Analyser le rapport coût/bénéfice des différents outils",
                            "when_text": "décembre 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 12, 1),
                        },
                        {
                            "text": (
                                "Adapter, au besoin, la stratégie de communication complète du "
                                "CCSNE"
                            ),
                            "when_text": "reste du mandat",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Présentation aux membres des outils d'assemblées virtuelles à "
                                "l'AG du 17 juin"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Inventaire et analyse des outils effectué : la stratégie étant "
                                "efficace, quelques ajustements sont à faire, mais pas de "
                                "modifications majeures"
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "1.3",
                    "what": "Mettre en place une salle d'enregistrement au CCSNE",
                    "who": "Julie",
                    "steps": [
                        {
                            "text": "Évaluer les besoins et les coûts",
                            "when_text": "février 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 2, 1),
                        },
                        {
                            "text": "Procéder à la mise en place de la salle",
                            "when_text": "mai 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 5, 1),
                        },
                        {
                            "text": (
                                "Déterminer des règles d'utilisation de la salle et de l'équipement"
                            ),
                            "when_text": "mai 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 5, 1),
                        },
                        {
                            "text": "Offrir des formations pour l'utilisation de la salle",
                            "when_text": "reste du mandat",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Plan d'aménagement d'un studio d'enregistrement soumis par "
                                "Vincent Descôteaux (2 juin 2020)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Aménagement de la salle 208 en mode multifonctionnel incluant "
                                "les fonctions salle de réunion et salle d'enregistrement (mars "
                                "2022)"
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "partiellement_realisee",
                    "outcome_reason": "",
                    "outcome_text": (
                        "La promotion de la salle et la formation pour les utilisateurs·trices "
                        "seront faites dans le prochain mandat."
                    ),
                },
                {
                    "number": "1.4",
                    "what": (
                        "Augmenter la participation des syndicats aux instances du CCSNE "
                        "(assemblées générales, congrès, activités spéciales)"
                    ),
                    "who": "Catherine",
                    "steps": [
                        {
                            "text": (
                                "Analyser la situation actuelle de la participation aux instances"
                            ),
                            "when_text": "décembre 2019",
                            "when_kind": "month",
                            "when_date": date(2019, 12, 1),
                        },
                        {
                            "text": "Établir des cibles de participation",
                            "when_text": "décembre 2019",
                            "when_kind": "month",
                            "when_date": date(2019, 12, 1),
                        },
                        {
                            "text": (
                                "Développer une stratégie de participation impliquant tous les "
                                "acteurs régionaux (élu.es, conseillers et conseillères, "
                                "syndicats, regroupement de mobilisation, etc.)"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Dépôt et analyse des statistiques de participation du mandat "
                                "2016-2019 (assemblées générales et congrès) : exécutif 22 "
                                "janvier 2020"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Cible 2019-2022 : un minimum de 30 délégué.es à chaque "
                                "assemblée générale"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Discussion à l'ODJ de l'AG du 28 février pour brainstorm sur "
                                "les stratégies à développer pour atteindre la cible"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Stratégie en quatre volets développée par l'équipe et "
                                "présentée à l'AG virtuelle du 17 juin 2020"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Stratégie appliquée à partir de l'AG virtuelle du 5 novembre 2020"
                            ),
                            "date": None,
                        },
                    ],
                    # "Cible 2019-2022 : un minimum de 30 délégué.es à chaque assemblée
                    # générale": the seed gives the target, no count yet.
                    "indicators": [
                        {"name": "délégué.es à chaque assemblée générale", "target": 30,
                         "measurements": []},
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
            ],
        },
        {
            "number": "2",
            "title": "",
            "statement": "",
            "sub_statements": [
                (
                    "A",
                    (
                        "Le CCSNE stimule et soutient les syndicats pour l'amélioration de la "
                        "qualité de leurs emplois."
                    ),
                ),
                (
                    "B",
                    (
                        "Le CCSNE organise des événements qui visent l'amélioration de la "
                        "qualité de nos emplois."
                    ),
                ),
            ],
            "actions": [
                {
                    "number": "2.1",
                    "what": (
                        "Établir une surveillance continue de l'information en matière de "
                        "pénurie et de rareté de la main-d'œuvre"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": (
                                "Maintenir une vigile de l'information pertinente sur ces "
                                "enjeux dans nos syndicats et dans les différents médias "
                                "locaux, régionaux et nationaux"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Alimenter notre réflexion régionale sur la base de "
                                "l'information colligée"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Tenir informés les syndicats par le biais des outils de "
                                "communication du CCSNE et lors des instances"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": "Catherine = lieu de garde de l'information",
                            "date": None,
                        },
                        {
                            "text": (
                                "Mandat partiellement réalisé étant donné la place "
                                "prépondérante que cet enjeu a pris dans les médias. "
                                "Ré-évaluation de la nécessité pour le CCSNE d'être un outil de "
                                "communication. Travail sur l'amélioration générale des "
                                "conditions de travail."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "partiellement_realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "2.2",
                    "what": "Valoriser les différents titres d'emplois représentés au CCSNE",
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Analyser le portrait des membres du CCSNE",
                            "when_text": "juin 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 6, 1),
                        },
                        {
                            "text": (
                                "Déterminer une stratégie de valorisation (communications, "
                                "activités spéciales, instances, négociation, etc.)"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Nouveau point à l'ODJ des AG : photo de famille\n"
                                "◦ AG 28 février 2020 : Josée Lemieux, technicienne en travaux "
                                "pratiques, CS Hauts-Cantons\n"
                                "◦ AG 28 avril 2022 : Myriam Nadeau, SANC et Karine Tremblay, "
                                "La Tribune"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Nomenclature de tous les titres d'emplois des syndicats de "
                                "l'Estrie (hiver-printemps 2020)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Stratégie de valorisation à compter de janvier 2021 : "
                                "sélection de titres d'emplois à connaître, publications de "
                                "capsules sur nos plateformes, présentation de la collection "
                                "des titres d'emplois au congrès 2022"
                            ),
                            "date": None,
                        },
                        {
                            "text": "Capsule 1 : Mélanie Boulet, CSS Hauts-Cantons",
                            "date": None,
                        },
                        {
                            "text": "Capsule 2 : Nathalie Boivin, Aide juridique de l'Estrie",
                            "date": None,
                        },
                        {
                            "text": "Capsule 3 : Jérémy Temes-Dubé, Gurit",
                            "date": None,
                        },
                        {
                            "text": (
                                "Capsule 4 : Julie Bolduc, CCSNE - réseau d'entraide CCSNE (3 "
                                "capsules sur le même sujet)"
                            ),
                            "date": None,
                        },
                        {
                            "text": "Capsule 5 : Charles-Antoine Désilets, STS",
                            "date": None,
                        },
                        {
                            "text": "Capsule 6 : Monica Sierra, SANC",
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "2.3",
                    "what": (
                        "Organiser au moins un événement ouvert aux syndicats et aux employeurs "
                        "de la région sur la situation régionale de pénurie et de rareté de la "
                        "main-d'œuvre"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Déterminer une formule d'événement",
                            "when_text": "mai 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 5, 1),
                        },
                        {
                            "text": "Procéder à l'organisation de l'événement",
                            "when_text": (
                                "mai 2020-novembre 2021, en vue de la tenue de l'événement en "
                                "novembre 2021"
                            ),
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [],
                    "outcome": "non_realisee",
                    "outcome_reason": "pandémie",
                    "outcome_text": "Action non réalisée (pandémie)",
                },
                {
                    "number": "2.4",
                    "what": (
                        "Développer une activité de couronnement des bons et moins bons "
                        "employeurs en matière de pénurie et de rareté de la main-d'œuvre"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Déterminer les critères de sélection",
                            "when_text": "mars 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 3, 1),
                        },
                        {
                            "text": "Former un comité de sélection",
                            "when_text": "novembre 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 11, 1),
                        },
                        {
                            "text": "Développer une stratégie de communication des sélections",
                            "when_text": "février 2021",
                            "when_kind": "month",
                            "when_date": date(2021, 2, 1),
                        },
                    ],
                    "follow_ups": [],
                    "outcome": "non_realisee",
                    "outcome_reason": "pandémie",
                    "outcome_text": "Action non réalisée (pandémie)",
                },
            ],
        },
        {
            "number": "3",
            "title": "",
            "statement": "Le CCSNE déploie ses forces sur l'ensemble du territoire.",
            "sub_statements": [],
            "actions": [
                {
                    "number": "3.1",
                    "what": "Multiplier les occasions pour le CCSNE d'être « sur le terrain »",
                    "who": "Denis",
                    "steps": [
                        {
                            "text": (
                                "Participer au plus grand nombre possible d'activités et "
                                "d'instances des syndicats"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Mobiliser les conseillers et conseillères (réseau "
                                "d'information et invitations)"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": "Mobiliser l'unité de mobilisation",
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "1er mai 2020 : présence virtuelle dans certains syndicats par "
                                "l'envoi de capsules vidéo personnalisées pour souligner la "
                                "Fête des travailleurs/euses"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Rencontres interéquipes (26 mai et 12 novembre 2020 et 1er "
                                "octobre 2021) : rappel aux conseillers/ères de la possibilité "
                                "d'inviter les élus du CCSNE aux activités des syndicats (AG, "
                                "mobilisations, etc.), même pendant la pandémie (présence "
                                "virtuelle)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Nombreux appels à la participation des membres de l'unité de "
                                "mobilisation sur la page Facebook"
                            ),
                            "date": None,
                        },
                        {
                            "text": "Bilan : plus de 125 activités différentes sur le terrain",
                            "date": None,
                        },
                    ],
                    # "Bilan : plus de 125 activités différentes sur le terrain": a count
                    # without a target, dated at the mandate's end, when the bilan is made.
                    "indicators": [
                        {"name": "activités différentes sur le terrain", "target": None,
                         "measurements": [
                             {"date": date(2022, 6, 30), "value": 125, "note": "plus de 125"},
                         ]},
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "3.2",
                    "what": (
                        "Diffuser largement l'information relative aux services de la CSN et du "
                        "CCSNE auprès des syndicats"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Préparer une campagne de diffusion",
                            "when_text": "avril 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 4, 1),
                        },
                        {
                            "text": "Lancer la campagne en assemblée générale du CCSNE",
                            "when_text": "mai 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 5, 1),
                        },
                        {
                            "text": (
                                "Offrir aux syndicats la possibilité de recevoir l'équipe du "
                                "CCSNE pour une présentation dans leurs instances locales"
                            ),
                            "when_text": "2020-2022",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Lancement de la campagne de diffusion par Mario l'assemblée "
                                "générale du 18 novembre 2021"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Inclusion d'une question régionale offrant la présentation des "
                                "services dans les syndicats dans le questionnaire de la "
                                "campagne CSN « après-pandémie »"
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "3.3",
                    "what": (
                        "Développer le réseau AMS en collaboration avec le service de "
                        "syndicalisation de la CSN"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": (
                                "Outiller les AMS actuels en vue de leur participation active "
                                "au développement de la syndicalisation régionale"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Solliciter les membres afin d'augmenter le nombre de "
                                "participant.es au réseau"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Rencontre avec le conseiller régional à la syndicalisation "
                                "(1er juin 2020) : cibles régionales et plan de travail établis."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Utilisation du réseau dans différentes activités de "
                                "syndicalisation et dans différents secteurs sur le territoire "
                                "de l'Estrie."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
                {
                    "number": "3.4",
                    "what": (
                        "Effectuer une réflexion large sur le discours syndical propre à notre "
                        "région"
                    ),
                    "who": "Denis",
                    "steps": [
                        {
                            "text": (
                                "Solliciter le réseau AMS et l'unité de mobilisation pour "
                                "élargir la réflexion"
                            ),
                            "when_text": "mai 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 5, 1),
                        },
                        {
                            "text": (
                                "Définir le discours syndical le plus approprié à la région, "
                                "notamment en processus de syndicalisation"
                            ),
                            "when_text": "décembre 2020",
                            "when_kind": "month",
                            "when_date": date(2020, 12, 1),
                        },
                        {
                            "text": "Construire l'argumentaire et le diffuser à tous les syndicats",
                            "when_text": "février 2021",
                            "when_kind": "month",
                            "when_date": date(2021, 2, 1),
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Amorce des discussions avec les membres du réseau AMS lors de "
                                "la rencontre du 1er juin (avec Renaud, Mario et les AMS)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Stratégie développée : produire un guide (petit feuillet, "
                                "mixte entre document Montérégie et Beau-frère) visant à "
                                "fournir un discours syndical vendeur propre à la région."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "reportee",
                    "outcome_reason": "manque de temps",
                    "outcome_text": (
                        "Action non réalisée par manque de temps. Reporté au prochain mandat."
                    ),
                },
                {
                    "number": "3.5",
                    "what": "Faire une tournée « réseaux d'entraide » dans les syndicats",
                    "who": "Julie",
                    "steps": [
                        {
                            "text": "Lancer la tournée en assemblée générale du CCSNE",
                            "when_text": "novembre 2019",
                            "when_kind": "month",
                            "when_date": date(2019, 11, 1),
                        },
                        {
                            "text": "Établir un calendrier de visites des exécutifs des syndicats",
                            "when_text": "reste du mandat",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "La tournée est officiellement lancée à l'assemblée générale du "
                                "14 novembre 2019"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "À la suite de la pandémie qui a stoppé le processus, nouveau "
                                "projet présenté à l'assemblée générale du 26 février 2021 : "
                                "mise sur pied d'un réseau d'entraide régional (1-2 "
                                "représentants par syndicat, formations, activités de soutien, "
                                "connaissance des ressources, etc.). Promotion faite par une "
                                "tournée virtuelle et en présence des exécutifs des syndicats."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "8 rencontres effectuées : SPECS, SPSCSHC, SPACEC, STTPCEA, "
                                "STTPPW, SPSCSS, STTUPA et STTCPEE."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Développer et faire connaître la ressource en ligne de "
                                "recensement des services (qc.211.ca)."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "reportee",
                    "outcome_reason": "",
                    "outcome_text": (
                        "Action non réalisée. Reporté au prochain mandat du comité régional."
                    ),
                },
                {
                    "number": "3.6",
                    "what": "Améliorer l'efficacité du travail interéquipes",
                    "who": "Denis",
                    "steps": [
                        {
                            "text": "Tenir au moins deux rencontres interéquipes par année",
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Consulter en continu les conseillers et conseillères quant aux "
                                "enjeux syndicaux et de vie régionale"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Impliquer les conseillers et conseillères dans les instances "
                                "du Conseil central"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "Rencontre prévue le 7 février 2020 (annulée 7 février pour "
                                "cause de tempête, remise au 27 mars, annulée pour pandémie)."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Rencontres tenues le 26 mai 2020 (virtuelle), le 12 novembre "
                                "2020 (virtuelle), le 1er octobre 2021 (en présence) et le 11 "
                                "mars 2022 (en présence)."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Appels à la participation aux conseiller et conseillères avant "
                                "chacune des assemblées générales du CCSNE."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "realisee",
                    "outcome_reason": "",
                    "outcome_text": "",
                },
            ],
        },
        {
            "number": "",
            "title": "Dossier spécial",
            "statement": "",
            "sub_statements": [],
            "actions": [
                {
                    "number": "",
                    "what": "Engager le CCSNE dans la lutte aux changements climatiques",
                    "who": "Mélanie",
                    "steps": [
                        {
                            "text": (
                                "Installer une borne de recharge pour véhicules électriques "
                                "dans le stationnement du Conseil central"
                            ),
                            "when_text": "décembre 2019",
                            "when_kind": "month",
                            "when_date": date(2019, 12, 1),
                        },
                        {
                            "text": (
                                "Déployer un plan d'éducation populaire en matière "
                                "d'environnement auprès de nos membres par le biais de nos "
                                "instances et de nos outils de communication"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Améliorer la gestion des matières résiduelles durant les "
                                "activités des syndicats au Conseil central"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Inciter les syndicats à agir dans leur milieu de travail en "
                                "matière d'amélioration des pratiques favorables à "
                                "l'environnement et à nous en informer"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                        {
                            "text": (
                                "Évaluer les émissions de gaz à effet de serre générées par les "
                                "activités du CCSNE, dans l'objectif de les compenser"
                            ),
                            "when_text": "mandat complet",
                            "when_kind": "label",
                            "when_date": None,
                        },
                    ],
                    "follow_ups": [
                        {
                            "text": (
                                "La politique d'utilisation de la borne de recharge électrique "
                                "du CCSNE est adoptée à l'assemblée générale du 14 novembre "
                                "2019."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "La borne est installée et prête à l'utilisation dès décembre "
                                "2019.\n"
                                "◦ Participation au comité régional d'organisation.\n"
                                "◦ Promotion de l'événement auprès des syndicats affiliés et "
                                "invitation à participer à la marche régionale.\n"
                                "◦ Participation à la conférence de presse régionale du 19 "
                                "septembre.\n"
                                "◦ Invitation aux syndicats affiliés à participer à la "
                                "campagne La planète s'invite au travail.\n"
                                "◦ Participation d'une délégation CCSNE à la marche régionale.\n"
                                "◦ Présentation de l'historique des événements du 27 septembre "
                                "2019 lors de l'assemblée générale du 14 novembre 2019."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Présentation de Louis Bégin à l'AG du 28 février : « Réduire "
                                "notre empreinte écologique »"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Participation de Denis aux rencontres du comité environnement "
                                "régional, quand c'est possible."
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Renouvellement du parc de bacs pour déchets, recyclage et "
                                "compostage au Conseil central (printemps 2021)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Changement de la gamme de produits d'entretien pour une gamme "
                                "plus écologique faite au Québec : Innuscience (mai 2021)"
                            ),
                            "date": None,
                        },
                        {
                            "text": (
                                "Appliquer un programme de calcul des émissions de gaz à effet "
                                "de serre."
                            ),
                            "date": None,
                        },
                    ],
                    "outcome": "reportee",
                    "outcome_reason": "pandémie",
                    "outcome_text": (
                        "Action reportée au prochain mandat (pandémie = très peu de rencontres "
                        "en présence)"
                    ),
                },
            ],
        },
    ],
    "statutory_files": [
        "Information et représentations externes",
        "Instances politiques",
        "Santé et sécurité",
        "Immigration",
        "Réseau d'entraide",
        "Fondation",
        # The seed lists "Instances politiques" twice (rows 1 and 3): kept, as printed.
        "Instances politiques",
        "LGBT (comité CCSNE)",
        "Leucan",
        "International",
        "Commerce équitable",
        "Jeunes (comité CCSNE)",
        "Assurance emploi (politique)",
        "Bâtisse",
        "PAR (politique d'achats responsables)",
        "Campagnes CSN (info externe)",
        "Fête internationale des travailleuses et des travailleurs (1er mai)",
        "Journée de la militance (24 septembre)",
        "Développement local et régional",
        "Aide aux trésoriers des syndicats",
        "Information et communications",
        "Vie régionale",
        "États financiers",
        "Condition féminine (comité CCSNE)",
        "Mobilisation",
        "Formation",
        "Éducation",
        "Syndicalisation",
        "Environnement",
        "PAREF (Programme pour l'accès à une représentation équitable des femmes)",
    ],
    "delegations": [
        "Emploi-Québec – CRPMT (Conseil régional des partenaires de la main-d'œuvre et du travail)",
        "Comité fiscalité de SPE",
        "REDSG",
        "TACAÉ (Table d'action contre l'appauvrissement de l'Estrie)",
        "CSI (Carrefour de solidarité internationale)",
        "Comité national en environnement CSN",
        "Sherbrooke ville équitable",
        "Centraide",
        "CIME (Centre d'intégration au marché de l'emploi)",
        "Collectif international de la CSN",
        "JEVI",
        "CAFE (ConcertAction Femmes Estrie)",
        "Comité national des relations interculturelles CSN",
        "SPE (Solidarité populaire Estrie)",
        "Comité régional égalité (CAFE)",
    ],
}
