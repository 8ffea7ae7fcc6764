"""Services: copies are deep, positions stay contiguous, the year closes and carries over."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entraide import seed_002, selectors, services
from entraide.models import MAX_ITEM_LENGTH, MAX_ITEMS, EntraidePlan, EntraideRow
from tests.helpers import at_once, needs_postgresql, page
from unionplans.services import EDIT_CONFLICT, version_of

State = EntraideRow.State


def cells(plan):
    return [
        (r.position, r.objective, r.results, r.means, r.resources, r.responsibles, r.schedule)
        for r in plan.rows.order_by("position")
    ]


def test_the_builtin_templates_are_the_seed_and_are_made_once(templates):
    assert set(templates) == {"annee-1", "annee-2", "vierge"}
    year_1 = templates["annee-1"]
    assert year_1.period_label == "ANNÉE 1, MISE SUR PIED"
    assert year_1.rows.count() == 6
    first = year_1.rows.get(position=1)
    assert first.objective == "Mise sur pied d'un Comité d'entraide"
    assert first.schedule == ["Janvier-Février"]
    assert [r.objective.split("\n")[0] for r in templates["annee-2"].rows.all()] == [
        "VISIBILITÉ", "CONFIANCE", "EXPÉRIENCE"
    ]
    assert not templates["vierge"].rows.exists()
    services.builtin_templates_ensure()
    assert EntraidePlan.objects.filter(is_template=True).count() == 3


def test_a_plan_from_a_template_copies_header_and_rows(cc, plan, templates):
    assert plan.organization == cc
    assert not plan.is_template
    assert plan.period_label == seed_002.YEAR_1["period_label"]
    assert plan.need == seed_002.YEAR_1["need"]
    assert cells(plan) == cells(templates["annee-1"])
    assert set(plan.rows.values_list("pk", flat=True)).isdisjoint(
        templates["annee-1"].rows.values_list("pk", flat=True)
    )


def test_editing_the_plan_never_changes_the_template(plan, templates):
    template = templates["annee-1"]
    before = cells(template)
    row = plan.rows.get(position=1)
    row.results.append("ajouté au plan")  # in-memory mutation too: the lists are not shared
    services.row_update(row=row, **{"objective": "Changé", "schedule": ["Avril"]})
    services.row_delete(row=plan.rows.get(position=2))
    services.row_add(plan=plan, **{"objective": "Nouvelle ligne", "means": ["Un moyen"]})
    services.plan_update(plan=plan, **{"need": "Autre besoin"})
    template.refresh_from_db()
    assert cells(template) == before
    assert template.need == seed_002.YEAR_1["need"]


def test_editing_the_template_never_changes_a_plan_made_from_it(plan, templates):
    before = cells(plan)
    row = templates["annee-1"].rows.get(position=1)
    services.row_update(row=row, **{"results": ["Modifié dans le modèle"]})
    services.row_delete(row=templates["annee-1"].rows.get(position=6))
    assert cells(plan) == before


def test_save_as_template_copies_and_stays_independent(cc, plan):
    services.row_set_state(row=plan.rows.get(position=1), state=State.DONE)
    template = services.plan_save_as_template(plan=plan, name="Notre année 1")
    assert template.is_template and template.organization == cc
    assert cells(template) == cells(plan)
    assert set(template.rows.values_list("state", flat=True)) == {State.TODO}
    services.row_update(row=plan.rows.get(position=1), **{"objective": "Plan seulement"})
    assert template.rows.get(position=1).objective == "Mise sur pied d'un Comité d'entraide"
    copy = services.plan_create_from_template(template=template, organization=cc, year=2026)
    services.row_update(row=template.rows.get(position=3), **{"schedule": ["Jamais"]})
    assert copy.rows.get(position=3).schedule == ["Février-Mars"]


def test_a_template_needs_a_name(plan):
    with pytest.raises(ValidationError, match="nom"):
        services.plan_save_as_template(plan=plan, name="  ")


def test_a_template_of_another_organization_cannot_be_used(cc, syndicat, plan):
    template = services.plan_save_as_template(plan=plan, name="À nous")
    with pytest.raises(ValidationError):
        services.plan_create_from_template(template=template, organization=syndicat, year=2025)


def test_rows_move_and_positions_stay_contiguous(plan):
    sixth = plan.rows.get(position=6)
    services.row_move(row=sixth, direction="up")
    assert plan.rows.get(pk=sixth.pk).position == 5
    with pytest.raises(ValidationError, match="déjà la première"):
        services.row_move(row=plan.rows.get(position=1), direction="up")
    assert plan.rows.get(position=1).objective == "Mise sur pied d'un Comité d'entraide"
    services.row_delete(row=plan.rows.get(position=2))
    assert list(plan.rows.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    with pytest.raises(ValidationError):
        services.row_move(row=plan.rows.get(position=1), direction="sideways")


def objectives(plan):
    return [(r.results[0][:2], r.objective[:8]) for r in plan.rows.order_by("position")]


def test_moving_the_first_row_of_a_merged_objective_keeps_the_objective_on_top(plan):
    first = plan.rows.get(position=1)
    services.row_move(row=first, direction="down")
    # The row moved inside its group; the group's objective stays on its first row.
    assert objectives(plan)[:3] == [("2.", "Mise sur"), ("1.", ""), ("3.", "")]
    services.row_move(row=plan.rows.get(pk=first.pk), direction="up")
    assert objectives(plan)[:3] == [("1.", "Mise sur"), ("2.", ""), ("3.", "")]
    assert len(selectors.rows_of(plan)) == 6
    assert selectors.rows_of(plan)[0].objective_span == 6


def test_moving_rows_between_groups_keeps_each_group_headed(cc, templates):
    plan = services.plan_create_from_template(
        template=templates["annee-2"], organization=cc, year=2026
    )
    services.row_add(plan=plan, **{"results": ["Suite"]})  # joins EXPÉRIENCE
    services.row_move(row=plan.rows.get(position=3), direction="down")  # EXPÉRIENCE leader
    rows = selectors.rows_of(plan)
    heads = [r.objective.split("\n")[0] for r in rows]
    assert heads == ["VISIBILITÉ", "CONFIANCE", "EXPÉRIENCE", ""]
    assert rows[2].results == ["Suite"]  # moved up into the head of EXPÉRIENCE


def test_deleting_the_first_row_of_a_merged_objective_passes_it_on(plan):
    services.row_delete(row=plan.rows.get(position=1))
    first = plan.rows.get(position=1)
    assert first.objective == "Mise sur pied d'un Comité d'entraide"
    assert selectors.rows_of(plan)[0].objective_span == 5


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (["ok", "   "], "L'élément 2 est vide"),
        (["x" * (MAX_ITEM_LENGTH + 1)], "trop long"),
        (["a"] * (MAX_ITEMS + 1), "Au plus"),
        ("pas une liste", "liste"),
        ([1, 2], "liste"),
    ],
)
def test_bad_list_cells_are_refused_and_nothing_changes(plan, cell, message):
    row = plan.rows.get(position=1)
    with pytest.raises(ValidationError, match=message):
        services.row_update(row=row, **{"means": cell})
    row.refresh_from_db()
    assert row.means == seed_002.YEAR_1["rows"][0]["means"]


def test_a_plan_needs_a_sensible_year_and_a_period(cc, templates):
    with pytest.raises(ValidationError, match="2000"):
        services.plan_create_from_template(template=templates["annee-1"], organization=cc,
                                           year=1999)
    with pytest.raises(ValidationError, match="période"):
        services.plan_create_from_template(template=templates["vierge"], organization=cc,
                                           year=2025)
    assert not EntraidePlan.objects.filter(is_template=False).exists()


def test_closing_the_year_needs_a_review_then_freezes_the_plan(plan):
    with pytest.raises(ValidationError, match="bilan"):
        services.plan_close(plan=plan, review="  ")
    services.plan_close(plan=plan, review="Comité en place, recrutement à poursuivre.")
    plan.refresh_from_db()
    assert plan.is_closed and plan.closed_on is not None
    with pytest.raises(ValidationError, match="close"):
        services.row_update(row=plan.rows.get(position=1), **{"objective": "Trop tard"})
    with pytest.raises(ValidationError, match="close"):
        services.row_add(plan=plan, **{"objective": "Trop tard"})
    with pytest.raises(ValidationError, match="close"):
        services.plan_update(plan=plan, **{"need": "Trop tard"})


def test_next_year_starts_from_the_unfinished_rows(plan):
    for position in [1, 2, 3]:
        services.row_set_state(row=plan.rows.get(position=position), state=State.DONE)
    services.row_set_state(row=plan.rows.get(position=4), state=State.IN_PROGRESS)
    with pytest.raises(ValidationError, match="Clôturez cette année"):
        services.plan_start_next_year(plan=plan, period_label="Année 2")
    services.plan_close(plan=plan, review="Bilan")

    following = services.plan_start_next_year(plan=plan, period_label="Année 2 : visibilité")

    assert following.year == 2026 and following.previous == plan
    assert not following.is_closed
    rows = list(following.rows.order_by("position"))
    assert [r.position for r in rows] == [1, 2, 3]
    assert [r.results[0][:2] for r in rows] == ["4.", "5.", "6."]
    assert [r.state for r in rows] == [State.IN_PROGRESS, State.TODO, State.TODO]
    # The merged objective cell comes along with the first row carried over.
    assert [r.objective for r in rows] == ["Mise sur pied d'un Comité d'entraide", "", ""]
    with pytest.raises(ValidationError, match="déjà"):
        services.plan_start_next_year(plan=plan, period_label="Encore")


def test_reading_the_templates_writes_nothing(cc, executif, templates):
    with CaptureQueriesContext(connection) as queries:
        list(selectors.templates_for(user=executif, organization=cc))
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries
                if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_the_built_in_templates_exist_after_migrate(db):
    keys = set(EntraidePlan.objects.filter(is_template=True).values_list("builtin_key", flat=True))
    assert {"annee-1", "annee-2"} <= keys


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_plans_of_one_year_and_period_make_one(cc):
    """Four threads, each with its own connection, start « Année 1 » 2025 at once: the
    organization is locked while checking, so one plan is made and the others refused."""
    template = services.builtin_templates_ensure()[0]

    def start():
        services.plan_create_from_template(template=template, organization=cc, year=2025)

    outcomes = at_once([start] * 4)
    refusals = {"duplicate_period"}
    assert outcomes.count("done") == 1 and len(outcomes) == 4
    assert set(outcomes) - {"done"} <= refusals
    assert EntraidePlan.objects.filter(organization=cc, year=2025, is_template=False).count() == 1


def test_the_page_refuses_a_second_plan_of_the_same_period_in_french(login, executif, cc, plan,
                                                                      templates):
    url = reverse("entraide:plan_create", args=[cc.slug])
    response = login(executif).post(url, {"template": templates["annee-1"].pk, "year": 2025,
                                          "period_label": plan.period_label})
    assert response.status_code == 200
    assert "L'organisation a déjà un plan" in page(response)
    assert EntraidePlan.objects.filter(organization=cc, is_template=False).count() == 1


def test_a_state_chosen_on_a_stale_page_is_refused_not_saved_over(plan):
    row = plan.rows.get(position=1)
    shown = version_of(row)
    services.row_update(row=plan.rows.get(position=1), **{"schedule": ["Avril"]})
    with pytest.raises(ValidationError) as refusal:
        services.row_set_state(row=row, state=State.DONE, version=shown)
    assert refusal.value.messages == [str(EDIT_CONFLICT)]
    assert refusal.value.error_list[0].code == "edit_conflict"
    row.refresh_from_db()
    assert (row.state, row.schedule) == (State.TODO, ["Avril"])
    services.row_set_state(row=row, state=State.DONE, version=version_of(row))
    assert plan.rows.get(position=1).state == State.DONE


def test_a_closed_year_refuses_with_a_code_the_pages_answer_409_with(plan):
    services.plan_close(plan=plan, review="Bilan")
    with pytest.raises(ValidationError) as refusal:
        services.row_set_state(row=plan.rows.get(position=1), state=State.DONE)
    assert refusal.value.error_list[0].code == "closed"
    assert plan.rows.get(position=1).state == State.TODO
