"""vpp/seed_000.py and vpp/seed_003.py against the seed documents (seeds/), both ways:
every text of the data is in the seed, and every line of the seed is in the data or in
the module's NOT_KEPT. Then the app's French labels against the data."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from vpp import seed_000, seed_003, workflow
from vpp.constants import GENERAL_OBJECTIVES, STRUCTURE_LEVELS, Questionnaire, WorkPlanElement
from vpp.models import Dossier

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def normal(text: str) -> str:
    """Marks dropped (bold, italics, links, "-", "✓", "\\$"), spaces collapsed, case folded."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\$", "$")
    text = text.replace("*", "").replace("✓", "")
    text = re.sub(r"^\s*(-|#+)\s+", "", text)
    return " ".join(text.split()).casefold()


def strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list | tuple):
        return [s for value in data for s in strings(value)]
    return []  # None, dates


def seed_lines(name: str) -> list[str]:
    return [normal(line) for line in (SEEDS / name).read_text().splitlines() if line.strip()]


MODULES = {
    "000": (seed_000, [seed_000.GENERAL_OBJECTIVES, seed_000.DOMAINS, seed_000.TAKING_CHARGE,
                       seed_000.STRUCTURE, seed_000.ROLES_HEADER, seed_000.ROLES,
                       seed_000.WORK_PLAN_MODEL, seed_000.AIDE_MEMOIRE,
                       seed_000.WORK_PLAN_ELEMENTS, seed_000.PROCEDURES, seed_000.NEW_TOOLS]),
    "003": (seed_003, [seed_003.BULLETIN, [{k: v for k, v in a.items() if k != "key"}
                                           for a in seed_003.ARTICLES], seed_003.DELEGATES]),
}


@pytest.mark.parametrize("seed", MODULES)
def test_every_text_of_the_data_is_in_the_seed(seed):
    module, data = MODULES[seed]
    whole = " ".join(seed_lines(module.SEED_FILE))
    missing = [s for s in strings(data) if normal(s) not in whole]
    assert missing == []


@pytest.mark.parametrize("seed", MODULES)
def test_every_line_of_the_seed_is_in_the_data_or_said_not_kept(seed):
    module, data = MODULES[seed]
    corpus = " ".join(normal(s) for s in strings(data))
    not_kept = sorted((normal(s) for s in module.NOT_KEPT), key=len, reverse=True)
    left = []
    for line in seed_lines(module.SEED_FILE):
        if line in not_kept:
            continue
        rest = line
        for fragment in not_kept:  # a link's words at the end of a paragraph
            if rest.endswith(fragment) and len(fragment) < len(rest):
                rest = rest.removesuffix(fragment).strip()
        if rest not in corpus:
            left.append(line)
    assert left == []


def test_the_seed_data_notices_a_word_changed():
    """The check bites: one word changed in the data is found missing from the seed."""
    whole = " ".join(seed_lines(seed_000.SEED_FILE))
    assert normal("Protéger nos emplois") in whole
    assert normal("Protéger les emplois") not in whole


def french(labels) -> list[str]:
    with translation.override("fr"):
        return [str(label) for label in labels]


def test_the_app_speaks_the_seed_s_words_in_french():
    assert french(GENERAL_OBJECTIVES) == seed_000.GENERAL_OBJECTIVES
    assert dict(zip(Dossier.Domain.values, french(Dossier.Domain.labels), strict=True)) == (
        seed_000.DOMAINS
    )
    assert french(WorkPlanElement.labels) == seed_000.WORK_PLAN_ELEMENTS
    assert french([direction for _s, direction, _t in workflow.ROLES_TABLE]) == [
        direction for direction, _t in seed_000.ROLES
    ]
    assert french([terrain for _s, _d, terrain in workflow.ROLES_TABLE]) == [
        terrain for _d, terrain in seed_000.ROLES
    ]
    assert [(french([label])[0], french(tasks)) for label, tasks in STRUCTURE_LEVELS.values()] == (
        list(seed_000.STRUCTURE.values())
    )
    assert french(reversed(Questionnaire.labels)) == seed_000.NEW_TOOLS[1:]
