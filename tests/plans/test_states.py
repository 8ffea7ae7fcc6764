import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import WorkPlan
from tests.helpers import page
from tests.plans.helpers import END, START, make_plan
from unionplans.services import EDIT_CONFLICT, version_of

State = WorkPlan.State


def transition(client, plan, to_state, adopted_on="2019-06-01"):
    url = reverse("plans:transition", args=[plan.organization.slug, plan.pk])
    return client.post(url, {"to_state": to_state, "adopted_on": adopted_on}, follow=True)


def test_a_plan_goes_from_draft_to_adopted_published_and_closed(login, executif, draft):
    client = login(executif)
    for state in [State.ADOPTED, State.PUBLISHED, State.CLOSED]:
        response = transition(client, draft, state)
        draft.refresh_from_db()
        assert draft.state == state
        assert f"Le plan est maintenant « {state.label} »." in page(response)
    assert draft.adopted_on == datetime.date(2019, 6, 1)


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


# Nothing irreversible in one click: each state has its confirmation page.


def transition_url(plan):
    return reverse("plans:transition", args=[plan.organization.slug, plan.pk])


def test_the_plan_page_links_to_a_confirmation_instead_of_posting(login, executif, draft):
    client = login(executif)
    detail = page(client.get(reverse("plans:detail", args=[draft.organization.slug, draft.pk])))
    assert f'href="{transition_url(draft)}"' in detail
    assert f'action="{transition_url(draft)}"' not in detail
    response = client.get(transition_url(draft))
    assert response.status_code == 200
    text = page(response)
    assert "Marquer comme « Adopté »" in text
    assert 'name="adopted_on"' in text and 'type="date"' in text
    draft.refresh_from_db()
    assert draft.state == State.DRAFT  # the GET changed nothing


@pytest.mark.parametrize("state, target", [(State.ADOPTED, State.PUBLISHED),
                                           (State.PUBLISHED, State.CLOSED)])
def test_publishing_and_closing_are_confirmed_too_without_a_date(login, executif, cc, state,
                                                                 target):
    plan = make_plan(cc, state=state)
    client = login(executif)
    text = page(client.get(transition_url(plan)))
    assert f"Marquer comme « {target.label} »" in text
    assert 'name="adopted_on"' not in text
    client.post(transition_url(plan), {"to_state": target})
    plan.refresh_from_db()
    assert plan.state == target


def test_adopting_without_a_date_is_refused_on_the_page(login, executif, draft):
    response = login(executif).post(transition_url(draft), {"to_state": State.ADOPTED})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in page(response)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.adopted_on is None


@pytest.mark.parametrize("day, message", [
    (datetime.date(2018, 5, 31), "au plus un an avant le début du mandat (1er juin 2018 ou après)"),
    (datetime.date(2022, 7, 1), "précéder la fin du mandat (30 juin 2022)"),
])
def test_an_adoption_date_out_of_the_mandate_is_refused(cc, day, message):
    plan = make_plan(cc)
    with pytest.raises(ValidationError) as refusal:
        services.plan_transition(plan=plan, to_state=State.ADOPTED, adopted_on=day)
    assert message in str(refusal.value.message_dict["adopted_on"])
    plan.refresh_from_db()
    assert plan.state == State.DRAFT


def test_an_adoption_date_in_the_future_is_refused_with_a_french_message(login, executif, cc):
    today = datetime.date.today()
    plan = services.plan_create(organization=cc, title="Futur", mandate_start=today,
                                mandate_end=services.years_later(today, 3))
    orientation = services.orientation_create(plan=plan, statement="Solidarité")
    services.action_create(orientation=orientation, what="Agir")
    tomorrow = today + datetime.timedelta(days=1)
    response = transition(login(executif), plan, State.ADOPTED, tomorrow.isoformat())
    assert response.status_code == 400
    assert "Le plan ne peut pas être adopté à une date future" in page(response)
    plan.refresh_from_db()
    assert plan.state == State.DRAFT


def test_the_first_day_a_year_before_the_mandate_is_accepted(cc):
    plan = services.plan_transition(plan=make_plan(cc), to_state=State.ADOPTED,
                                    adopted_on=datetime.date(2018, 6, 1))
    assert plan.adopted_on == datetime.date(2018, 6, 1)


def test_editing_the_plan_checks_the_adoption_date_too(cc):
    plan = make_plan(cc, state=State.ADOPTED)
    with pytest.raises(ValidationError) as refusal:
        services.plan_update(plan=plan, adopted_on=datetime.date(2030, 1, 1))
    assert "adopted_on" in refusal.value.message_dict


# Reopening, with a reason kept in the history


def reopen_url(plan):
    return reverse("plans:reopen", args=[plan.organization.slug, plan.pk])


@pytest.mark.parametrize("state, back_to", [(State.CLOSED, State.PUBLISHED),
                                            (State.PUBLISHED, State.ADOPTED)])
def test_an_executif_reopens_a_plan_with_a_reason_shown_on_its_page(login, executif, cc,
                                                                   state, back_to):
    plan = make_plan(cc, state=state)
    client = login(executif)
    assert "Rouvrir le plan" in page(client.get(reopen_url(plan)))
    response = client.post(reopen_url(plan), {"reason": "Amendement de l'AG du 12 mars"},
                           follow=True)
    plan.refresh_from_db()
    assert plan.state == back_to
    text = page(response)
    assert f"Le plan est maintenant « {back_to.label} »." in text
    assert "Réouvertures" in text and "Amendement de l'AG du 12 mars" in text
    assert "Denis Gagnon" in text
    record = plan.history.order_by("-history_date").first()
    assert record.history_change_reason == "Amendement de l'AG du 12 mars"
    assert record.history_user == executif


def test_reopening_without_a_reason_is_refused(login, executif, cc):
    plan = make_plan(cc, state=State.CLOSED)
    response = login(executif).post(reopen_url(plan), {"reason": "  "})
    assert response.status_code == 400
    with pytest.raises(ValidationError) as refusal:
        services.plan_reopen(plan=plan, reason=" ")
    assert "Dites pourquoi le plan est rouvert" in str(refusal.value.message_dict["reason"])
    plan.refresh_from_db()
    assert plan.state == State.CLOSED


@pytest.mark.parametrize("state", [State.DRAFT, State.ADOPTED])
def test_a_draft_or_adopted_plan_has_nothing_to_reopen(cc, state):
    plan = make_plan(cc, state=state)
    with pytest.raises(ValidationError) as refusal:
        services.plan_reopen(plan=plan, reason="Pourquoi pas")
    assert refusal.value.code == "not_reopenable"


def test_a_conseiller_may_not_reopen(login, conseiller, cc):
    plan = make_plan(cc, state=State.CLOSED)
    assert login(conseiller).post(reopen_url(plan), {"reason": "x"}).status_code == 403
    plan.refresh_from_db()
    assert plan.state == State.CLOSED


def test_today_is_proposed_only_when_it_can_be_the_adoption_date(login, executif, cc):
    client = login(executif)
    past = make_plan(cc)  # 2019-2022: today is after its mandate
    assert client.get(transition_url(past)).context["form"]["adopted_on"].value() is None
    today = datetime.date.today()
    current = services.plan_create(organization=cc, title="En cours", mandate_start=today,
                                   mandate_end=services.years_later(today, 3))
    assert client.get(transition_url(current)).context["form"]["adopted_on"].value() == today


def test_a_move_confirmed_on_an_out_of_date_page_is_refused(login, executif, draft):
    client = login(executif)
    text = page(client.get(transition_url(draft)))
    version = version_of(draft)
    assert f'name="version" value="{version}"' in text
    services.plan_update(plan=draft, title="Changé par une autre personne 2019-2022")
    response = client.post(transition_url(draft), {"to_state": State.ADOPTED,
                                                   "adopted_on": "2019-05-20",
                                                   "version": version})
    assert response.status_code == 409
    assert str(EDIT_CONFLICT) in page(response)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_an_edit_never_writes_the_state(draft):
    services.plan_update(plan=draft, title="Nouveau titre 2019-2022", state=State.CLOSED)
    draft.refresh_from_db()
    assert (draft.title, draft.state) == ("Nouveau titre 2019-2022", State.DRAFT)
