"""Entraide rows edited where they are read: to htmx a row's form is a fragment and the
saved row (or the whole table, when the merged objectives change) comes back in place;
without htmx, the pages and redirects as before. Refusals come back in place, in French."""

import re

import pytest
from django.urls import reverse

from entraide import services
from entraide.models import MAX_ITEM_LENGTH, EntraideRow
from tests.helpers import page, snapshot
from unionplans.forms import EDIT_CONFLICT, version_of

HTMX = {"HTTP_HX_REQUEST": "true"}
State = EntraideRow.State


def url(name, plan, *rest):
    return reverse(f"entraide:{name}", args=[plan.organization.slug, plan.pk, *rest])


def row_post(row, **changes):
    data = {"version": version_of(row), "objective": row.objective, "results": row.results,
            "means": row.means, "resources": row.resources,
            "responsibles": row.responsibles, "schedule": row.schedule, "state": row.state}
    return {**data, **changes}


def new_row(**changes):
    return {"objective": "", "results": [], "means": [], "resources": [], "responsibles": [],
            "schedule": [], "state": State.TODO, **changes}


@pytest.fixture
def second(plan):
    """Row 2 of the Année 1 plan: it continues row 1's objective (merged cell)."""
    return plan.rows.get(position=2)


def test_the_plan_page_carries_links_only_no_form_until_one_is_used(login, executif, plan):
    text = page(login(executif).get(url("plan_detail", plan)))
    table = text[text.index('<section id="rows"'):text.index("</section>")]
    assert "<form" not in table and "csrfmiddlewaretoken" not in table
    row = plan.rows.get(position=1)
    assert f'hx-get="{url("row_edit", plan, row.pk)}"' in table
    assert f'hx-get="{url("row_state", plan, row.pk)}"' in table
    assert f'href="{url("row_add", plan)}" hx-get="{url("row_add", plan)}"' in table


def test_the_row_form_is_a_fragment_to_htmx_and_a_page_without(login, executif, plan, second):
    client = login(executif)
    fragment = page(client.get(url("row_edit", plan, second.pk), **HTMX))
    assert "<html" not in fragment
    assert fragment.strip().startswith(f'<tr id="row-{second.pk}" class="row-editing">')
    assert f'hx-post="{url("row_edit", plan, second.pk)}"' in fragment
    # Its own ids, so that two open forms never share one; the keyboard lands in it.
    assert f'id="row{second.pk}_objective"' in fragment and "autofocus" in fragment
    assert 'colspan="6"' in fragment and "rowspan" not in fragment  # beside row 1's objective
    whole = page(client.get(url("row_edit", plan, second.pk)))
    assert "<html" in whole and "hx-post" not in whole and 'id="id_objective"' in whole


def test_the_form_of_a_row_heading_a_merged_objective_keeps_the_objective_cell(
        login, executif, plan):
    first = plan.rows.get(position=1)
    fragment = page(login(executif).get(url("row_edit", plan, first.pk), **HTMX))
    assert '<td rowspan="6" data-label="Objectif">Mise sur pied' in fragment


def test_a_row_saved_in_place_comes_back_as_the_row(login, executif, plan, second):
    response = login(executif).post(url("row_edit", plan, second.pk),
                                    row_post(second, schedule=["Mars 2025"]), **HTMX)
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == (f"#row-{second.pk}",
                                                                "outerHTML")
    text = page(response)
    assert "<html" not in text and text.count("<tr") == 1 and "<form" not in text
    assert "<li>Mars 2025</li>" in text
    # The keyboard gets back the link it left from.
    assert re.search(r'hx-swap="outerHTML" autofocus\s+aria-label="Modifier la ligne 2"', text)
    second.refresh_from_db()
    assert second.schedule == ["Mars 2025"]


def test_an_objective_filled_in_place_brings_the_whole_table_back(login, executif, plan,
                                                                   second):
    response = login(executif).post(url("row_edit", plan, second.pk),
                                    row_post(second, objective="Faire connaître"), **HTMX)
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#rows", "outerHTML")
    text = page(response)
    assert text.count('id="rows"') == 1 and "<html" not in text
    assert 'rowspan="1" data-label="Objectif">Mise sur pied' in text
    assert 'rowspan="5" data-label="Objectif">Faire connaître' in text


def test_a_stale_inline_save_gets_the_conflict_message_and_keeps_the_typing(
        login, executif, plan, second):
    stale = row_post(second, means=["Mon changement"])
    services.row_update(row=plan.rows.get(pk=second.pk), **{"means": ["D'une autre personne"]})
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_edit", plan, second.pk), stale, **HTMX)
    assert response.status_code == 409
    text = page(response)
    assert str(EDIT_CONFLICT) in text and 'value="Mon changement"' in text
    assert text.strip().startswith(f'<tr id="row-{second.pk}"')
    assert snapshot() == before


def test_a_refused_inline_save_is_a_422_in_place_with_what_was_typed(login, executif, plan,
                                                                     second):
    long_item = "x" * (MAX_ITEM_LENGTH + 1)
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_edit", plan, second.pk),
                           row_post(second, means=["Gardé", long_item]), **HTMX)
    assert response.status_code == 422
    text = page(response)
    assert "L'élément 2 est trop long" in text and 'value="Gardé"' in text
    # The objective cell shows the row as stored, not the refused form's copy.
    assert "<html" not in text
    assert snapshot() == before


def test_a_closed_year_refuses_an_inline_save_with_409(login, executif, plan, second):
    services.plan_close(plan=plan, review="Fini")
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_edit", plan, second.pk),
                           row_post(second, objective="X"), **HTMX)
    assert response.status_code == 409
    assert "L'année de ce plan est close" in page(response)
    assert snapshot() == before


def test_a_row_added_in_place_comes_back_with_the_form_open_for_the_next(login, executif,
                                                                         plan):
    client = login(executif)
    fragment = page(client.get(url("row_add", plan), **HTMX))
    assert "<html" not in fragment and 'id="add-row-form"' in fragment
    token = re.search(r'name="once" value="([^"]+)"', fragment).group(1)
    data = new_row(results=["7. Évaluer le comité"], schedule=["Décembre"], once=token)
    response = client.post(url("row_add", plan), data, **HTMX)
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#rows", "outerHTML")
    text = page(response)
    assert "<li>7. Évaluer le comité</li>" in text
    assert 'role="status">La ligne a été ajoutée.</p>' in text
    # The next row's form, empty, with a token of its own.
    form = text[text.index('id="add-row-form"'):]
    assert 'id="new_objective"' in form and "7. Évaluer" not in form
    assert re.search(r'name="once" value="([^"]+)"', form).group(1) != token
    new = plan.rows.get(position=7)
    assert (new.results, new.schedule, new.objective) == (["7. Évaluer le comité"],
                                                          ["Décembre"], "")
    # Sent twice (a double click): one row.
    client.post(url("row_add", plan), data, **HTMX)
    assert plan.rows.count() == 7


def test_a_refused_inline_add_is_a_422_with_what_was_typed(login, executif, plan):
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_add", plan),
                           new_row(objective="O" * 501, results=["Gardé"]), **HTMX)
    assert response.status_code == 422
    text = page(response)
    assert 'id="add-row-form"' in text and 'value="Gardé"' in text and "<html" not in text
    assert "500" in text
    assert snapshot() == before


def test_the_state_form_is_a_fragment_to_htmx_and_a_page_without(login, executif, plan):
    row = plan.rows.get(position=1)
    client = login(executif)
    fragment = page(client.get(url("row_state", plan, row.pk), **HTMX))
    assert "<html" not in fragment and 'hx-post="' in fragment
    assert fragment.count('name="state"') == 3
    assert f'name="version" value="{version_of(row)}"' in fragment
    assert re.search(r'value="a_faire"[^>]*aria-pressed="true" autofocus', fragment)
    whole = page(client.get(url("row_state", plan, row.pk)))
    assert "<html" in whole and "hx-post" not in whole and whole.count('name="state"') == 3


def test_a_state_chosen_from_the_badge_comes_back_as_the_row(login, benevole, plan):
    row = plan.rows.get(position=3)
    response = login(benevole).post(url("row_state", plan, row.pk),
                                    {"state": State.IN_PROGRESS, "version": version_of(row)},
                                    **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#row-{row.pk}"
    text = page(response)
    assert re.search(r'state-badge"[^>]*autofocus[^>]*>.*En cours', text, re.S)
    assert plan.rows.get(pk=row.pk).state == State.IN_PROGRESS


def test_a_state_chosen_on_a_stale_row_gets_the_conflict_message(login, executif, plan):
    row = plan.rows.get(position=1)
    shown = version_of(row)
    services.row_update(row=plan.rows.get(pk=row.pk), **{"schedule": ["Avril"]})
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_state", plan, row.pk),
                           {"state": State.DONE, "version": shown}, **HTMX)
    assert response.status_code == 409
    assert str(EDIT_CONFLICT) in page(response)
    assert snapshot() == before


def test_a_state_that_does_not_exist_is_refused_in_place(login, executif, plan):
    row = plan.rows.get(position=1)
    client = login(executif)
    before = snapshot()
    response = client.post(url("row_state", plan, row.pk),
                           {"state": "perdu", "version": version_of(row)}, **HTMX)
    assert response.status_code == 422
    assert "Choisissez un état" in page(response)
    assert snapshot() == before


def test_without_htmx_the_state_is_posted_and_the_page_comes_back(login, executif, plan):
    row = plan.rows.get(position=1)
    response = login(executif).post(url("row_state", plan, row.pk),
                                    {"state": State.DONE, "version": version_of(row)})
    assert response.status_code == 302
    assert response.url == url("plan_detail", plan) + f"#row-{row.pk}"
    assert plan.rows.get(pk=row.pk).state == State.DONE


@pytest.mark.parametrize("name", ["row_edit", "row_state"])
def test_a_membre_off_the_committee_gets_404_in_place_too(login, membre, plan, name):
    row = plan.rows.get(position=1)
    client = login(membre)
    before = snapshot()
    assert client.get(url(name, plan, row.pk), **HTMX).status_code == 404
    response = client.post(url(name, plan, row.pk),
                           row_post(row, objective="X", state=State.DONE), **HTMX)
    assert response.status_code == 404
    assert snapshot() == before


def test_a_membre_off_the_committee_cannot_add_a_row_in_place(login, membre, plan):
    client = login(membre)
    before = snapshot()
    response = client.post(url("row_add", plan), new_row(objective="X"), **HTMX)
    assert response.status_code == 404
    assert snapshot() == before


def test_a_benevole_cannot_change_a_template_s_row_in_place(login, benevole, plan):
    template = services.plan_save_as_template(plan=plan, name="Notre modèle")
    row = template.rows.get(position=1)
    client = login(benevole)
    before = snapshot()
    response = client.post(url("row_state", template, row.pk),
                           {"state": State.DONE, "version": version_of(row)}, **HTMX)
    assert response.status_code == 403
    assert snapshot() == before
