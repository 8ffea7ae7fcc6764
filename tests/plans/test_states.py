import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import WorkPlan
from tests.helpers import page
from tests.plans.helpers import END, START, make_plan

State = WorkPlan.State


def transition(client, plan, to_state):
    url = reverse("plans:transition", args=[plan.organization.slug, plan.pk])
    return client.post(url, {"to_state": to_state}, follow=True)


def test_a_plan_goes_from_draft_to_adopted_published_and_closed(login, executif, draft):
    client = login(executif)
    for state in [State.ADOPTED, State.PUBLISHED, State.CLOSED]:
        response = transition(client, draft, state)
        draft.refresh_from_db()
        assert draft.state == state
        assert f"Le plan est maintenant « {state.label} »." in page(response)
    assert draft.adopted_on is not None


def test_skipping_a_state_is_refused_with_a_clear_message(login, executif, draft):
    response = transition(login(executif), draft, State.PUBLISHED)
    assert "Un plan « Brouillon » ne peut pas devenir « Publié »." in page(response)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_closed_plan_stays_closed(cc):
    plan = make_plan(cc, state=State.CLOSED)
    for state in State.values:
        with pytest.raises(ValidationError):
            services.plan_transition(plan=plan, to_state=state)


def test_an_empty_plan_cannot_be_adopted(login, executif, cc):
    plan = services.plan_create(organization=cc, title="Vide", mandate_start=START,
                                mandate_end=END)
    response = transition(login(executif), plan, State.ADOPTED)
    assert "Un plan sans aucune action ne peut pas être adopté." in page(response)


def test_an_unknown_state_is_refused(login, executif, draft):
    response = transition(login(executif), draft, "supprime")
    assert "État inconnu." in page(response)


def test_membres_list_only_published_and_closed_plans(login, membre, executif, conseiller, cc):
    for state in State.values:
        make_plan(cc, title=f"Plan {state}", state=state)
    url = reverse("plans:list", args=[cc.slug])
    seen = page(login(membre).get(url))
    assert "Plan publie" in seen and "Plan clos" in seen
    assert "Plan brouillon" not in seen and "Plan adopte" not in seen
    for person in [executif, conseiller]:
        seen = page(login(person).get(url))
        assert all(f"Plan {state}" in seen for state in State.values)


def test_a_membre_downloads_the_pdf_of_a_published_plan_only(login, membre, plan, draft):
    client = login(membre)
    response = client.get(reverse("plans:pdf", args=[plan.organization.slug, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client.get(reverse("plans:pdf", args=[draft.organization.slug, draft.pk])).status_code \
        == 404
