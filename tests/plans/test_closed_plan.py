"""A closed plan is the record of a finished mandate: its content is locked.

Decision: brouillon, adopté and publié plans stay editable by the exécutif (follow-ups and
outcomes are written while the plan is published); once clos, the plan, its rows and its
lists can no longer be changed, moved or deleted. It can still be read, printed and
carried over into the next mandate.
"""

import datetime

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, Orientation, WorkPlan
from tests.helpers import page, snapshot
from tests.plans.helpers import PARENTS, ROW_MODELS, first_of, make_plan

LOCKED = "Ce plan est clos : son contenu ne peut plus être modifié."


@pytest.fixture
def closed(cc):
    return make_plan(cc, actions=2, state=WorkPlan.State.CLOSED)


def write_urls(plan):
    slug = plan.organization.slug
    urls = [reverse("plans:update", args=[slug, plan.pk]),
            reverse("plans:delete", args=[slug, plan.pk])]
    for kind, model in ROW_MODELS.items():
        parent = first_of(PARENTS[kind], plan)
        row = first_of(model, plan)
        urls.append(reverse("plans:row_create", args=[slug, kind, parent.pk]))
        urls.append(reverse("plans:row_update", args=[slug, kind, row.pk]))
        urls.append(reverse("plans:row_delete", args=[slug, kind, row.pk]))
        if kind != "suivi":
            urls.append(reverse("plans:row_move", args=[slug, kind, row.pk]))
    return urls


POST_DATA = {"direction": "down", "what": "Changé", "text": "Changé", "name": "Changé",
             "statement": "Changé", "title": "Changé", "when_kind": "none",
             "mandate_start": "2019-06-01", "mandate_end": "2022-06-30", "outcome": "realisee"}


def test_the_executif_cannot_change_anything_in_a_closed_plan(login, executif, closed):
    client = login(executif)
    before = snapshot()
    for url in write_urls(closed):
        if not url.endswith("/deplacer/"):
            response = client.get(url, follow=True)
            assert response.redirect_chain, url
            assert LOCKED in page(response), url
        response = client.post(url, POST_DATA, follow=True)
        assert response.redirect_chain[0][0] == reverse(
            "plans:detail", args=[closed.organization.slug, closed.pk]), url
        assert LOCKED in page(response), url
    assert snapshot() == before
    assert WorkPlan.objects.get(pk=closed.pk).title == closed.title


def test_a_closed_plan_page_shows_no_edit_controls_but_can_be_carried_over(
    login, executif, closed
):
    response = login(executif).get(
        reverse("plans:detail", args=[closed.organization.slug, closed.pk])
    )
    text = page(response)
    assert "son contenu est verrouillé" in text
    assert "/modifier/" not in text and "/supprimer/" not in text and "/deplacer/" not in text
    assert reverse("plans:carry_over", args=[closed.organization.slug, closed.pk]) in text


def test_a_published_plan_stays_editable(login, executif, plan):
    action = Action.objects.get(orientation__plan=plan)
    client = login(executif)
    url = reverse("plans:row_create", args=[plan.organization.slug, "suivi", action.pk])
    client.post(url, {"text": "Nouvelle étape franchie"})
    assert FollowUp.objects.filter(action=action, text="Nouvelle étape franchie").exists()


def test_carrying_over_a_plan_ending_on_29_february_opens_the_form(login, executif, cc):
    plan = services.plan_create(organization=cc, title="Plan 2021-2024",
                                mandate_start=datetime.date(2021, 3, 1),
                                mandate_end=datetime.date(2024, 2, 29))
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    response = login(executif).get(reverse("plans:carry_over", args=[cc.slug, plan.pk]))
    assert response.status_code == 200
    assert response.context["form"].initial["mandate_end"] == datetime.date(2027, 2, 28)
    assert response.context["form"].initial["title"] == "Plan 2024-2027"


def test_the_done_share_is_what_the_sentence_says(login, executif, plan):
    """« Réalisées : 1 sur 2 » is 50 %, not 75 % (a partly done action is not done)."""
    orientation = Orientation.objects.get(plan=plan)
    services.row_update(row=Action.objects.get(orientation__plan=plan), outcome="realisee")
    services.action_create(orientation=orientation, what="Autre",
                           outcome="partiellement_realisee")
    text = page(login(executif).get(reverse("plans:detail", args=[plan.organization.slug,
                                                                   plan.pk])))
    assert "Réalisées : 1 sur 2 (50 %)" in text
    assert "(75 %)" not in text
