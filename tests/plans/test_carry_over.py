import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, Orientation, Step, WorkPlan
from tests.helpers import at_once, needs_postgresql, page
from tests.plans.helpers import make_plan


@pytest.fixture
def closed(cc):
    plan = make_plan(cc, actions=3, orientations=2)
    services.orientation_create(plan=plan, numbered=False, title="Dossier spécial")
    outcomes = ["realisee", "non_realisee", "reportee", "partiellement_realisee", "realisee",
                "en_cours"]
    actions = Action.objects.filter(orientation__plan=plan).order_by(
        "orientation__position", "position")
    for action, outcome in zip(actions, outcomes, strict=True):
        services.row_update(row=action, outcome=outcome, outcome_reason="pandémie")
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)
    plan.refresh_from_db()
    return plan


def carry(client, plan, **extra):
    url = reverse("plans:carry_over", args=[plan.organization.slug, plan.pk])
    data = {"title": "Plan de travail 2022-2025", "mandate_start": "2022-07-01",
            "mandate_end": "2025-06-30", **extra}
    return client.post(url, data)


def test_the_next_plan_takes_the_actions_not_done_each_linked_to_its_original(
    login, executif, closed
):
    client = login(executif)
    response = carry(client, closed)
    new = WorkPlan.objects.get(title="Plan de travail 2022-2025")
    assert response.status_code == 302 and response.url == reverse(
        "plans:detail", args=[closed.organization.slug, new.pk])
    assert new.state == WorkPlan.State.DRAFT
    assert new.previous == closed
    assert new.orientations.count() == 3
    carried = Action.objects.filter(orientation__plan=new).order_by(
        "orientation__position", "position")
    assert [a.what for a in carried] == ["Action 1-2", "Action 1-3", "Action 2-1", "Action 2-3"]
    assert all(a.carried_over_from.what == a.what for a in carried)
    assert all(a.outcome == Action.Outcome.UPCOMING for a in carried)
    assert not FollowUp.objects.filter(action__orientation__plan=new).exists()
    assert not Step.objects.filter(action__orientation__plan=new).exists()
    assert new.statutory_files.count() == 1

    # Shown on both sides, renumbered in the new plan.
    new_page = page(client.get(response.url))
    assert "<strong>1.1</strong> Action 1-2" in new_page
    assert "Reprise de" in new_page and closed.title in new_page
    old_page = page(client.get(reverse("plans:detail", args=[closed.organization.slug,
                                                             closed.pk])))
    assert "Reprise dans" in old_page and "Plan de travail 2022-2025" in old_page
    assert old_page.count(f"plans/{new.pk}/#action-") == 4


def test_steps_come_along_when_asked_labels_kept_dates_cleared(login, executif, closed):
    carry(login(executif), closed, with_steps="on")
    new = WorkPlan.objects.get(title="Plan de travail 2022-2025")
    steps = Step.objects.filter(action__orientation__plan=new)
    assert steps.count() == 8
    assert {(s.when_kind, s.when_label) for s in steps} == {("none", ""),
                                                            ("label", "mandat complet")}


def test_only_a_closed_plan_is_carried_over(login, executif, plan):
    response = carry(login(executif), plan)
    assert response.status_code == 200
    assert "Seul un plan clos peut être reconduit au mandat suivant." in page(response)
    assert WorkPlan.objects.count() == 1


def test_the_next_mandate_must_come_after(closed):
    with pytest.raises(ValidationError):
        services.plan_carry_over(plan=closed, title="X", mandate_start=closed.mandate_start,
                                 mandate_end=closed.mandate_end)
    assert Orientation.objects.exclude(plan=closed).count() == 0


def test_a_plan_is_carried_over_once(login, executif, closed):
    client = login(executif)
    assert carry(client, closed).status_code == 302
    again = carry(client, closed)
    assert again.status_code == 200
    assert "déjà été reconduit dans « Plan de travail 2022-2025 »" in page(again)
    assert WorkPlan.objects.filter(previous=closed).count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_carry_overs_make_one_plan(cc):
    """Four threads, each with its own connection, carry the same closed plan over at once:
    the plan is locked, so one passes and the others are told it was done."""
    plan = make_plan(cc, actions=2)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.CLOSED)

    def carry_over():
        services.plan_carry_over(plan=plan, title="Suivant", mandate_start=plan.mandate_end,
                                 mandate_end=plan.mandate_end.replace(year=2025))

    outcomes = at_once([carry_over] * 4)
    refusals = {"already_carried_over"}
    assert outcomes.count("done") == 1 and len(outcomes) == 4
    assert set(outcomes) - {"done"} <= refusals
    assert WorkPlan.objects.filter(previous=plan).count() == 1


def test_a_membre_sees_no_link_to_the_draft_a_plan_was_carried_over_into(login, membre,
                                                                        executif, cc):
    closed = make_plan(cc, title="Plan 2019-2022", state=WorkPlan.State.CLOSED)
    draft = services.plan_carry_over(plan=closed, **services.next_mandate(closed))
    draft_url = reverse("plans:detail", args=[cc.slug, draft.pk])
    url = reverse("plans:detail", args=[cc.slug, closed.pk])
    text = page(login(membre).get(url))
    assert draft_url not in text and draft.title not in text
    assert login(membre).get(draft_url).status_code == 404
    text = page(login(executif).get(url))
    assert text.count(draft_url) >= 2  # the plan's line, and its action's
