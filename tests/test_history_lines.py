"""The history reads as a person would tell it: a deletion (or a restore) of an orientation
with all it held is one line saying how many went with it, long labels are cut with « … »,
and an orientation without a title shows its number."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, Orientation
from tests.helpers import page
from tests.plans.helpers import make_plan
from unionplans import history, restore


def lines(text: str) -> int:
    return text.count('<li class="border-bottom py-2 text-break">')


def test_a_deleted_orientation_is_one_line_with_what_went_with_it(login, executif, cc):
    plan = make_plan(cc, orientations=2, actions=2)
    orientation = plan.orientations.first()
    history_url = reverse("plans:history", args=[cc.slug, plan.pk])
    client = login(executif)
    before = history.changes_page(plan, 1)[0].paginator.count
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    assert history.changes_page(plan, 1)[0].paginator.count == before + 1
    text = page(client.get(history_url))
    assert ("Suppression : orientation 1 « Le CCSNE développe la solidarité 1. », avec "
            "2 actions, 4 étapes, 2 suivis, 1 indicateur et 1 mesure") in text
    assert "Action « " not in text.split("Suppression :")[0]


def test_a_restore_is_one_line_too(login, executif, cc):
    plan = make_plan(cc, orientations=1, actions=2)
    orientation = plan.orientations.first()
    services.row_delete(row=Orientation.objects.get(pk=orientation.pk), by=executif)
    before = history.changes_page(plan, 1)[0].paginator.count
    record = restore.history_model(Orientation).objects.get(id=orientation.pk, history_type="-")
    restore.restore(record=record, by=executif)
    assert history.changes_page(plan, 1)[0].paginator.count == before + 1
    text = page(login(executif).get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert ("Restauration : orientation 1 « Le CCSNE développe la solidarité 1. », avec "
            "2 actions, 4 étapes, 2 suivis, 1 indicateur et 1 mesure") in text


def test_grouped_lines_are_what_the_pages_count(login, executif, cc):
    plan = make_plan(cc, orientations=3, actions=6)
    for orientation in Orientation.objects.filter(plan=plan):
        services.row_delete(row=orientation, by=executif)
    page_, changes = history.changes_page(plan, 1)
    deletions = [c for c in changes if c.summary.startswith("Suppression")]
    assert len(deletions) == 3
    assert len(changes) == min(page_.paginator.count, history.PER_PAGE)


def test_long_labels_are_cut_with_an_ellipsis(login, executif, cc):
    plan = make_plan(cc, orientations=1, actions=1)
    action = Action.objects.filter(orientation__plan=plan).get()
    Action.objects.filter(pk=action.pk).update(what="Mobiliser " * 20)
    action.refresh_from_db()
    assert len(str(action)) == 80
    assert str(action).endswith("…")
    services.row_delete(row=action, by=executif)
    text = page(login(executif).get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert f"« {action} »" in text


@pytest.mark.parametrize("numbered,shown", [(True, "Orientation 2 : suppression"),
                                            (False, "Orientation : suppression")])
def test_an_orientation_without_a_title_shows_its_number(login, executif, cc, numbered,
                                                          shown):
    plan = make_plan(cc, orientations=3, actions=0)
    second = Orientation.objects.filter(plan=plan).order_by("position")[1]
    Orientation.objects.filter(pk=second.pk).update(title="", statement="", numbered=numbered)
    services.row_delete(row=Orientation.objects.get(pk=second.pk), by=executif)
    text = page(login(executif).get(reverse("plans:history", args=[cc.slug, plan.pk])))
    assert shown in text


def test_the_deleted_items_show_an_untitled_orientation_by_its_number(login, executif, cc):
    plan = make_plan(cc, orientations=3, actions=0)
    second = Orientation.objects.filter(plan=plan).order_by("position")[1]
    Orientation.objects.filter(pk=second.pk).update(title="", statement="")
    services.row_delete(row=Orientation.objects.get(pk=second.pk), by=executif)
    text = page(login(executif).get(reverse("trash", args=[cc.slug])))
    assert "<strong>Orientation 2</strong>" in text
