"""The browser path through the views: create, edit item by item, reorder, close, carry over."""

import pytest
from django.urls import reverse

from entraide import services
from entraide.models import MAX_ITEM_LENGTH, EntraidePlan, EntraideRow
from tests.helpers import page
from unionplans.forms import EDIT_CONFLICT, version_of


def url(name, plan, *rest):
    return reverse(f"entraide:{name}", args=[plan.organization.slug, plan.pk, *rest])


def row_post(row, **changes):
    """What the row form posts back unchanged, with `changes` applied (lists as lists)."""
    data = {
        "version": version_of(row),
        "objective": row.objective,
        "results": row.results,
        "means": row.means,
        "resources": row.resources,
        "responsibles": row.responsibles,
        "schedule": row.schedule,
        "state": row.state,
    }
    return {**data, **changes}


def test_a_committee_membre_creates_a_plan_from_the_year_1_template(login, benevole, cc,
                                                                    templates):
    client = login(benevole)
    response = client.get(reverse("entraide:plan_create", args=[cc.slug]))
    assert "Année 1 : mise sur pied" in page(response)
    assert "Modèle vierge" in page(response)
    response = client.post(
        reverse("entraide:plan_create", args=[cc.slug]),
        {"template": templates["annee-1"].pk, "year": "2026", "period_label": ""},
    )
    plan = EntraidePlan.objects.get(organization=cc, is_template=False)
    assert response.status_code == 302
    assert response.url == url("plan_detail", plan)
    assert plan.year == 2026 and plan.rows.count() == 6
    text = page(login(benevole).get(response.url))
    assert "Mise sur pied d'un Comité d'entraide" in text
    assert "jamais d'information sur les personnes aidées" in text


def test_the_pages_say_no_information_about_people_helped_is_kept(login, executif, plan):
    for address in [reverse("entraide:index", args=[plan.organization.slug]),
                    url("plan_detail", plan), url("row_edit", plan, plan.rows.first().pk)]:
        assert 'id="confidentiality-notice"' in page(login(executif).get(address))


def test_list_cells_are_edited_item_by_item(login, benevole, plan):
    row = plan.rows.get(position=1)
    response = login(benevole).post(
        url("row_edit", plan, row.pk),
        row_post(row, means=["  Premier moyen ", "", "Deuxième moyen"],
                 responsibles=["Lucie", "Denis"], schedule=[""]),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.means == ["Premier moyen", "Deuxième moyen"]
    assert row.responsibles == ["Lucie", "Denis"]
    assert row.schedule == []


def test_the_row_form_shows_each_item_in_its_own_input(login, executif, plan):
    row = plan.rows.get(position=1)
    text = page(login(executif).get(url("row_edit", plan, row.pk)))
    assert f'name="schedule" value="{row.schedule[0]}"' in text
    assert "data-add-item" in text and "data-remove-item" in text


def test_a_too_long_item_is_refused_clearly_and_the_typing_is_kept(login, executif, plan):
    row = plan.rows.get(position=1)
    long_item = "x" * (MAX_ITEM_LENGTH + 1)
    response = login(executif).post(
        url("row_edit", plan, row.pk), row_post(row, means=["Gardé", long_item])
    )
    assert response.status_code == 200
    text = page(response)
    assert "L'élément 2 est trop long : 300 caractères au plus (il en a 301)." in text
    assert 'value="Gardé"' in text and long_item in text
    row.refresh_from_db()
    assert row.means == services.seed_002.YEAR_1["rows"][0]["means"]


def test_too_many_items_are_refused(login, executif, plan):
    row = plan.rows.get(position=1)
    response = login(executif).post(
        url("row_edit", plan, row.pk), row_post(row, means=[f"m{i}" for i in range(20)])
    )
    assert response.status_code == 200
    assert "Au plus 12 éléments" in page(response)


def test_html_is_kept_as_typed_and_shown_escaped(login, executif, plan):
    row = plan.rows.get(position=1)
    script = "<script>alert(1)</script>"
    login(executif).post(url("row_edit", plan, row.pk), row_post(row, means=[script]))
    row.refresh_from_db()
    assert row.means == [script]
    body = login(executif).get(url("plan_detail", plan)).content.decode()
    assert script not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_stale_row_form_is_refused_not_overwritten(login, executif, benevole, plan):
    row = plan.rows.get(position=1)
    stale = row_post(row, objective="Mon changement")
    services.row_update(row=row, **{"objective": "Changé par une autre personne"})
    response = login(executif).post(url("row_edit", plan, row.pk), stale)
    assert response.status_code == 409
    assert str(EDIT_CONFLICT) in page(response)
    row.refresh_from_db()
    assert row.objective == "Changé par une autre personne"


def test_a_row_edit_never_writes_the_state_back(login, executif, plan):
    row = plan.rows.get(position=1)
    services.row_set_state(row=row, state=EntraideRow.State.DONE)
    row.refresh_from_db()
    response = login(executif).post(url("row_edit", plan, row.pk),
                                    row_post(row, objective="Nouveau", state="a_faire"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.objective, row.state) == ("Nouveau", EntraideRow.State.DONE)


def test_the_row_page_changes_the_state_with_its_version(login, executif, plan):
    row = plan.rows.get(position=1)
    client = login(executif)
    text = page(client.get(url("row_edit", plan, row.pk)))
    assert f'action="{url("row_state", plan, row.pk)}"' in text
    assert text.count(f'name="version" value="{version_of(row)}"') == 2
    stale = version_of(row)
    client.post(url("row_state", plan, row.pk), {"state": "en_cours", "version": stale})
    row.refresh_from_db()
    assert row.state == EntraideRow.State.IN_PROGRESS
    response = client.post(url("row_state", plan, row.pk), {"state": "fait", "version": stale},
                           follow=True)
    assert str(EDIT_CONFLICT) in page(response)
    row.refresh_from_db()
    assert row.state == EntraideRow.State.IN_PROGRESS


def test_header_edit_refuses_a_bad_year_with_a_message(login, executif, plan):
    response = login(executif).post(url("plan_edit", plan), {
        "version": version_of(plan), "period_label": "Année 1", "year": "1850", "need": "",
        "expected_results": "", "target_date": "pas une date",
    })
    assert response.status_code == 200
    assert "2000" in page(response)
    plan.refresh_from_db()
    assert plan.year == 2025


def test_header_edit_saves(login, executif, plan):
    response = login(executif).post(url("plan_edit", plan), {
        "version": version_of(plan), "period_label": "ANNÉE 1, MISE SUR PIED", "year": "2025",
        "need": "Besoin", "expected_results": "Avoir un comité fonctionnel d'ici",
        "target_date": "2025-06-30",
    })
    assert response.status_code == 302
    text = page(login(executif).get(url("plan_detail", plan)))
    assert "Avoir un comité fonctionnel d'ici le 30 juin 2025" in " ".join(text.split()).replace(
        "<strong>", "").replace("</strong>", "")


def test_rows_are_added_moved_and_removed(login, executif, plan):
    client = login(executif)
    response = client.post(url("row_add", plan), {
        "objective": "Nouvel objectif", "results": ["Résultat"], "means": [""],
        "resources": [], "responsibles": [], "schedule": ["Décembre"], "state": "a_faire",
    })
    assert response.status_code == 302
    new = plan.rows.get(position=7)
    assert new.schedule == ["Décembre"]
    client.post(url("row_move", plan, new.pk), {"direction": "up"})
    assert plan.rows.get(pk=new.pk).position == 6
    client.post(url("row_delete", plan, plan.rows.get(position=1).pk))
    assert list(plan.rows.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]
    response = client.post(url("row_move", plan, new.pk), {"direction": "sideways"})
    assert response.status_code == 302
    assert "monte ou descend" in page(client.get(response.url))


def test_state_close_and_next_year(login, benevole, plan):
    client = login(benevole)
    for position in [1, 2, 3, 4, 5]:
        client.post(url("row_state", plan, plan.rows.get(position=position).pk),
                    {"state": "fait"})
    assert plan.rows.filter(state=EntraideRow.State.DONE).count() == 5
    response = client.post(url("plan_close", plan), {"version": version_of(plan), "review": ""})
    assert response.status_code == 200 and "Ce champ est obligatoire" in page(response)
    plan.refresh_from_db()
    client.post(url("plan_close", plan), {"version": version_of(plan),
                                          "review": "Comité en place."})
    plan.refresh_from_db()
    assert plan.is_closed and plan.review == "Comité en place."
    assert client.get(url("row_edit", plan, plan.rows.first().pk)).status_code == 200
    response = client.post(url("plan_next_year", plan), {"period_label": "Année 2"})
    following = EntraidePlan.objects.get(previous=plan)
    assert response.url == url("plan_detail", following)
    assert following.year == 2026
    assert [r.results for r in following.rows.all()] == [
        ["6. S'assurer de la continuité du Comité d'entraide"]
    ]


def test_a_closed_plan_refuses_changes_with_a_message(login, executif, plan):
    services.plan_close(plan=plan, review="Fini")
    row = plan.rows.first()
    response = login(executif).post(url("row_edit", plan, row.pk), row_post(row, objective="X"))
    assert response.status_code == 409
    assert "L'année de ce plan est close : il ne peut plus être modifié." in page(response)
    row.refresh_from_db()
    assert row.objective != "X"


def test_an_executif_saves_a_plan_as_an_organization_template(login, executif, plan, cc):
    client = login(executif)
    client.post(url("plan_save_as_template", plan), {"name": "Notre année 1"})
    template = EntraidePlan.objects.get(organization=cc, is_template=True)
    assert template.rows.count() == 6
    assert "Notre année 1" in page(client.get(reverse("entraide:plan_create", args=[cc.slug])))
    response = client.post(url("plan_save_as_template", plan), {"name": ""})
    assert "Donnez un nom au modèle" in page(client.get(response.url))
    assert EntraidePlan.objects.filter(organization=cc, is_template=True).count() == 1


def test_the_create_form_refuses_bad_input(login, executif, cc, templates, syndicat):
    client = login(executif)
    foreign = services.plan_save_as_template(
        plan=services.plan_create_from_template(
            template=templates["annee-2"], organization=syndicat, year=2025),
        name="Modèle du syndicat",
    )
    cases = [
        ({"template": foreign.pk, "year": "2025"}, "Choisissez l'un des modèles proposés."),
        ({"template": templates["annee-1"].pk, "year": "deux-mille"}, "Saisissez un nombre"),
        ({"template": templates["vierge"].pk, "year": "2025", "period_label": ""},
         "Un plan doit avoir une période"),
    ]
    for data, message in cases:
        response = client.post(reverse("entraide:plan_create", args=[cc.slug]), data)
        assert response.status_code == 200
        assert message in page(response)
    assert not EntraidePlan.objects.filter(organization=cc).exists()


@pytest.mark.parametrize("rows", [5, 40])
def test_the_plan_page_query_count_does_not_grow_with_rows(login, executif, plan, rows,
                                                           django_assert_max_num_queries):
    EntraideRow.objects.filter(plan=plan).delete()
    for position in range(1, rows + 1):
        EntraideRow.objects.create(plan=plan, position=position, objective=f"O{position}",
                                   means=["a", "b"])
    client = login(executif)
    # 10: one of them reads the responsables' accounts of every row at once, one counts the
    # bell's unread notifications.
    with django_assert_max_num_queries(10):
        response = client.get(url("plan_detail", plan))
    assert response.status_code == 200
    assert f"O{rows}" in page(response)
