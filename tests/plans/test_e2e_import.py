"""End to end in Chromium: the exécutif brings its Word plan in, checks it, creates it."""

import pytest
from django.urls import reverse

from plans.models import WorkPlan
from tests.documents import seed_004_docx
from tests.test_e2e import (  # noqa: F401  (fixtures)
    base_url,
    broken_responses,
    browser,
    log_in,
    page,
    production_static_files,
    screenshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

from playwright.sync_api import expect  # noqa: E402

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_executif_imports_a_word_plan(page, base_url, broken_responses, executif, cc):  # noqa: F811
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("plans:list", args=[cc.slug]))
    page.get_by_role("link", name="Importer depuis Word").click()
    page.get_by_label("Document Word (.docx)").set_input_files(
        {"name": "plan-2019-2022.docx", "mimeType": DOCX, "buffer": seed_004_docx()}
    )
    page.get_by_role("button", name="Voir l'aperçu de l'importation").click()

    preview = page.get_by_role("table", name="Le plan tel qu'il sera créé")
    expect(preview).to_contain_text("Créer une unité de mobilisation")
    expect(preview).to_contain_text("Tableau 2, ligne 3")
    expect(page.locator("#id_title")).to_have_value("Plan de travail 2019-2022")
    assert WorkPlan.objects.count() == 0
    screenshot(page, "plan-import-preview-1280.png")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "plan-import-preview-390.png")

    page.get_by_role("button", name="Créer le plan en brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan de travail 2019-2022")
    table = page.get_by_role("table", name="Plan de travail 2019-2022")
    expect(table).to_contain_text("1.1 Créer une unité de mobilisation")
    expect(table).to_contain_text("2.1 Valoriser les différents titres d'emplois")
    expect(table).to_contain_text("Action non réalisée (pandémie)")
    assert WorkPlan.objects.get().state == WorkPlan.State.DRAFT
    assert broken_responses == []
