"""Seed 001 (lettre d'entente 28) and `vpp/seed_001.py`, both ways.

The seed file is read as it is (`seeds/001_…txt`, the text of the union's letter), the
typos listed in CORRECTIONS are corrected, and then every item of each of its lists is in
the data and every item of the data is in the seed, in the same order. The French labels
the app shows (`vpp.constants`, through the catalogue) are the data's texts.

Items are compared without their list punctuation (",", ";", ".") and with a capital
first letter: the seed ends items with commas and starts some with lowercase.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation

from vpp import constants, seed_001
from vpp.constants import CommitteeDecision, Objective, Phase, SuccessIndicator, Volet

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001_90993122b914eae5.txt"

# (the seed's wording, ours): typos, agreement, and items of "tiendra compte de" lists
# turned into items that stand alone. Each must occur in the seed.
CORRECTIONS = [
    ("Santé et des Service sociaux", "Santé et des Services sociaux"),
    ("Le leadership syndical la clé", "Le leadership syndical, la clé"),
    ("organisation du travail issue de la lettre", "organisation du travail issus de la lettre"),
    ("visant des mesures pour amélioration", "visant des mesures pour l’amélioration"),
    ("Cadre de références pour", "Cadre de référence pour"),
    ("en organisations du travail", "en organisation du travail"),
    ("agents de relation humaine", "agents de relations humaines"),
    ("éducation spécialisé et", "éducation spécialisée et"),
    ("1. De l’augmentation", "1. L’augmentation"),
    ("2. De l’accessibilité à certaines", "2. L’accessibilité à certaines"),
    ("3. De la spécialisation", "3. La spécialisation"),
    ("4. De l’alourdissement", "4. L’alourdissement"),
    ("5. De la charge de travail", "5. La charge de travail"),
    ("6. De l’utilisation optimale", "6. L’utilisation optimale"),
    ("professionnels, technicien et personnel", "professionnels, techniciens et personnel"),
    ("L’optimisation et développement", "L’optimisation et le développement"),
    ("personnes en pertes d’autonomie", "personnes en perte d’autonomie"),
    ("et/ou troubles envahissants du comportement",
     "et/ou de troubles envahissants du développement"),
    ("La concertation et intégration des professionnels, des techniciens",
     "La concertation et l’intégration des professionnels et des techniciens"),
    ("A. En projet d’organisation du travail paritaire dans les domaines des services "
     "sociaux, de santé mentale et de réadaptation",
     "A. Des projets d’organisation du travail paritaires dans les domaines des services "
     "sociaux, de la santé mentale et de la réadaptation"),
    ("des besoins qui peuvent se partager par plusieurs établissements ou mission",
     "des besoins partagés par plusieurs établissements ou missions"),
    ("B. En projet d’organisation du travail paritaire qui vise à renforcir les services de "
     "premières lignes par des services optimaux de deuxièmes lignes et par la "
     "collaboration et concertation",
     "B. Des projets d’organisation du travail paritaires qui visent à renforcer les services "
     "de première ligne par des services optimaux de deuxième ligne et par la "
     "collaboration et la concertation"),
    ("Des bonnes pratiques professionnelles et des gestions",
     "Les bonnes pratiques professionnelles et de gestion"),
    ("� de l’utilisation optimale", "� L’utilisation optimale"),
    ("� de l’amélioration de l’accessibilité", "� L’amélioration de l’accessibilité"),
    ("Le maintien et développement", "Le maintien et le développement"),
    ("L’améliorer le rapport avec", "L’amélioration du rapport avec"),
    ("L’évaluation finale et partage", "L’évaluation finale et le partage"),
    ("Les indicateurs de réussites", "Les indicateurs de réussite"),
    ("objectifs à atteindre soit amélioration", "objectifs à atteindre, soit l’amélioration"),
    ("5. Amélioration du climat", "5. L’amélioration du climat"),
    ("Les projets de doivent pas", "Les projets ne doivent pas"),
    ("mode consensuel:", "mode consensuel :"),
    ("titres d’emplois visés", "titres d’emploi visés"),
    ("partage des donnés sociales", "partage des données sociales"),
    ("ateliers de définitions de projet, un représentant syndical ou lorsqu’un projet",
     "ateliers de définition de projet : un représentant syndical ou, lorsqu’un projet"),
    ("par syndicats concernés", "par syndicat concerné"),
    ("les sommes alloués", "les sommes allouées"),
]

# The seed's headings, in order: the text between one and the next is one part.
PARTS = [
    ("reference_documents", "Prendre connaissance des documents suivants"),
    ("introduction", "Pour répondre aux défis"),
    ("volet_1", "1 er volet :"),
    ("volet_1_considerations", "qui tiendra compte en paritarisme :"),
    ("volet_1_objectives", "Les objectifs visés en paritarisme"),
    ("volet_2", "2 e volet :"),
    ("volet_2_considerations", "qui tiendra compte en paritarisme de :"),
    ("volet_3", "3 e volet : Il se divise en deux parties"),
    ("volet_3A", "A."),
    ("volet_3A_considerations", "en tenant compte en paritarisme :"),
    ("volet_3B", "B."),
    ("volet_3B_considerations", "en tenant compte en paritarisme :"),
    ("objectives", "Les objectifs visés en paritarisme pour les 3 volets"),
    ("essentials", "Les incontournables"),
    ("phases", "Participation des syndicats à chacune des phases :"),
    ("success_indicators", "Les indicateurs de réussite"),
    ("committees", "L’organisation des comités, de la représentativité et du mode décisionnel"),
    ("local", "Au niveau local établissement, syndicat, agence"),
    ("committee", "Mise en place d’un comité de pilotage ou directeur paritaire qui déterminera "
                  "sous un mode consensuel :"),
    ("regional_level", "Au niveau régional établissement d’une région, syndicat (s) visé (s) "
                       "au niveau régional et agence"),
    ("regional", "Phase de présentation du projet visant son acceptation par l’agence"),
    ("national", "Au niveau national association d’établissement, syndicat (s) national (aux) "
                 "et agence"),
    ("advice", "Nous vous invitons"),
    ("national_leads", "Les responsables au niveau national des projets en organisation du "
                       "travail"),
]


def seed_text() -> str:
    """The seed's lines joined into one text (the PDF's text put a blank line after each)."""
    return " ".join(SEED.read_text(encoding="utf-8").split())


def corrected_text() -> str:
    text = seed_text()
    for wrong, right in CORRECTIONS:
        text = text.replace(wrong, right)
    return text


def parts() -> dict[str, str]:
    """{part name: its text}, each part running from its heading to the next one's."""
    text, bounds, start = corrected_text(), [], 0
    for name, heading in PARTS:
        at = text.index(heading, start)  # in the seed's order
        start = at + len(heading)
        bounds.append((name, at, start))
    ends = [at for _name, at, _start in bounds[1:]] + [len(text)]
    return {name: text[start:end].strip()
            for (name, _at, start), end in zip(bounds, ends, strict=True)}


def items(part: str) -> list[str]:
    """The items of a numbered ("1. ") or bulleted ("� ") list."""
    pieces = re.split(r"(?:^|\s)(?:\d{1,2}\.|�)\s", part)
    return [tidy(piece) for piece in pieces[1:]]


def tidy(item: str) -> str:
    item = item.strip().rstrip(",;.").strip()
    return item[:1].upper() + item[1:]


def test_every_correction_is_of_the_seed():
    text = seed_text()
    missing = [wrong for wrong, _right in CORRECTIONS if wrong not in text]
    assert missing == []
    assert all(wrong != right for wrong, right in CORRECTIONS)


LISTS = {
    "reference_documents": seed_001.REFERENCE_DOCUMENTS,
    "volet_1_considerations": seed_001.VOLETS["1"]["considerations"],
    "volet_1_objectives": seed_001.VOLET_1_OBJECTIVES,
    "volet_2_considerations": seed_001.VOLETS["2"]["considerations"],
    "volet_3A_considerations": seed_001.VOLETS["3A"]["considerations"],
    "volet_3B_considerations": seed_001.VOLETS["3B"]["considerations"],
    "objectives": seed_001.OBJECTIVES,
    "phases": seed_001.PHASES,
    "success_indicators": seed_001.SUCCESS_INDICATORS,
    "committee": seed_001.COMMITTEE_DECISIONS,
    "regional": seed_001.REGIONAL,
    "national": seed_001.NATIONAL,
}


@pytest.mark.parametrize("name", LISTS)
def test_each_list_of_the_seed_is_the_data_s(name):
    seed_items, data = items(parts()[name]), list(LISTS[name])
    assert [item for item in seed_items if item not in data] == []  # the seed in the data
    assert [item for item in data if item not in seed_items] == []  # the data in the seed
    assert seed_items == data  # and in the seed's order


@pytest.mark.parametrize("code", ["1", "2"])
def test_each_volet_s_aim_and_job_titles_are_the_seed_s(code):
    paragraph = parts()[f"volet_{code}"]
    volet = seed_001.VOLETS[code]
    assert paragraph.startswith(volet["aim"] + (", en visant" if code == "1" else " en ciblant"))
    named = re.search(r"notamment (?:les titres d’emploi de |les )(.*) et$", paragraph)
    seed_titles = [tidy(re.sub(r"^(?:de |des |les )", "", title))
                   for title in re.split(r", | et (?=des )", named.group(1))]
    assert seed_titles == volet["job_titles"]


@pytest.mark.parametrize("code", ["3A", "3B"])
def test_the_third_volet_s_parts_are_the_seed_s(code):
    assert parts()[f"volet_{code}"] == seed_001.VOLETS[code]["aim"]


def test_the_paragraphs_are_the_seed_s():
    text, found = corrected_text(), parts()
    for sentence in [seed_001.ADDRESSEE, seed_001.HEADLINE, seed_001.TITLE, seed_001.SUBJECT]:
        assert sentence in text
    assert found["introduction"] == seed_001.INTRODUCTION.removeprefix("Pour répondre aux défis ")
    # Quoted as the seed words it: no correction inside.
    assert found["advice"] == seed_001.ADVICE.removeprefix("Nous vous invitons ")
    # Two columns in the seed: the names on one line, the functions on the next.
    names = [name for name, _function in seed_001.NATIONAL_LEADS]
    functions = [function for _name, function in seed_001.NATIONAL_LEADS]
    assert found["national_leads"] == " ".join([*names, *functions])


def french(labels) -> list[str]:
    """The labels as the app shows them, compared with the seed's text: the catalogue
    writes one (straight) apostrophe where the seed has its typographic one."""
    with translation.override("fr"):
        return [str(label).replace("'", "’") for label in labels]


def test_the_app_s_french_labels_are_the_data_s():
    assert french(Objective.labels) == seed_001.OBJECTIVES
    assert french(Phase.labels) == seed_001.PHASES
    assert french(SuccessIndicator.labels) == seed_001.SUCCESS_INDICATORS
    assert french(CommitteeDecision.labels) == seed_001.COMMITTEE_DECISIONS
    assert french(constants.REFERENCE_DOCUMENTS) == seed_001.REFERENCE_DOCUMENTS
    for code in Volet.values:
        details, data = constants.VOLET_DETAILS[code], seed_001.VOLETS[code]
        assert french([details["aim"]]) == [data["aim"]]
        assert french(details["job_titles"]) == data["job_titles"]
        assert french(details["considerations"]) == data["considerations"]
