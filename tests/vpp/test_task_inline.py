"""A dossier's work-plan tasks edited where they are read: to htmx the form is a fragment
and the saved work plan comes back in place of its section; without htmx, the page and a
redirect, as before."""

import pytest
from django.urls import reverse

from tests.helpers import page, snapshot
from unionplans.forms import version_of
from vpp import services
from vpp.constants import WorkPlanElement

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def task(dossier):
    return services.task_create(dossier=dossier, element=WorkPlanElement.DOCUMENTATION,
                                description="Obtenir l'avis de l'employeur", who="Terrain")


def edit_url(task):
    return reverse("vpp:task_edit", args=[task.dossier.organization.slug, task.dossier.pk,
                                          task.pk])


def test_the_task_form_is_a_fragment_to_htmx_and_a_page_without(login, executif, task):
    client = login(executif)
    fragment = client.get(edit_url(task), **HTMX)
    assert fragment.status_code == 200
    assert "<html" not in page(fragment) and 'hx-post="' in page(fragment)
    assert "<html" in page(client.get(edit_url(task)))


def test_a_task_saved_in_place_brings_the_work_plan_back(login, executif, task):
    response = login(executif).post(edit_url(task), {
        "element": WorkPlanElement.MOBILISATION, "description": "Assemblée des salarié·es",
        "who": "Exécutif", "version": version_of(task)}, **HTMX)
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#plan", "outerHTML")
    text = page(response)
    assert text.count('id="plan"') == 1 and "<html" not in text
    assert "Assemblée des salarié·es" in text
    task.refresh_from_db()
    assert task.element == WorkPlanElement.MOBILISATION


def test_a_refused_task_comes_back_in_place_with_what_was_typed(login, executif, task):
    client = login(executif)
    before = snapshot()
    response = client.post(edit_url(task), {
        "element": WorkPlanElement.DOCUMENTATION, "description": "", "who": "Quelqu'un",
        "version": version_of(task)}, **HTMX)
    assert response.status_code == 422
    assert "Quelqu'un" in page(response) and "Ce champ est obligatoire" in page(response)
    assert snapshot() == before


def test_a_membre_s_inline_task_edit_is_refused(login, membre, task):
    client = login(membre)
    before = snapshot()
    response = client.post(edit_url(task), {
        "element": WorkPlanElement.DOCUMENTATION, "description": "x",
        "version": version_of(task)}, **HTMX)
    assert response.status_code == 403
    assert snapshot() == before
