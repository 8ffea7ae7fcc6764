import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import Action, Step, WorkPlan
from tests.helpers import page
from tests.plans.helpers import make_plan


def detail(plan):
    return reverse("plans:detail", args=[plan.organization.slug, plan.pk])


def test_the_query_count_is_the_same_for_5_and_60_actions(
    login, executif, cc, django_assert_num_queries
):
    small = make_plan(cc, title="Petit", actions=5)
    big = make_plan(cc, title="Grand", actions=15, orientations=4)
    assert Action.objects.filter(orientation__plan=big).count() == 60
    client = login(executif)
    small_url, big_url = detail(small), detail(big)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small_url).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        response = client.get(big_url)
    assert response.status_code == 200
    assert "4.15" in page(response)


def test_the_page_shows_the_four_columns_numbers_steps_and_outcome(login, executif, plan, action):
    services.row_update(row=action, outcome=Action.Outcome.NOT_DONE, outcome_reason="pandémie")
    text = page(login(executif).get(detail(plan)))
    for heading in ["QUOI", "COMMENT et QUAND", "QUI", "SUIVI"]:
        assert f">{heading}</th>" in text
    assert "1. Le CCSNE développe la solidarité 1." in text
    assert "<strong>1.1</strong> Action 1-1" in text
    assert "- Définir le mandat (décembre 2019)" in text
    assert "- Mettre sur pied (mandat complet)" in text
    assert "Action non réalisée (pandémie)" in text
    assert "Réalisées : 0 sur 1 (0 %)" in text


def test_an_unnumbered_orientation_numbers_neither_itself_nor_its_actions(login, executif, plan):
    special = services.orientation_create(plan=plan, numbered=False, title="Dossier spécial")
    services.action_create(orientation=special, what="Engager le CCSNE dans la lutte")
    second = services.orientation_create(plan=plan, statement="Le CCSNE déploie ses forces.")
    services.action_create(orientation=second, what="Multiplier les occasions")
    text = page(login(executif).get(detail(plan)))
    assert "Dossier spécial" in text
    assert "</strong> Engager le CCSNE" not in text
    assert "2. Le CCSNE déploie ses forces." in text
    assert "<strong>2.1</strong> Multiplier les occasions" in text


def test_a_past_dated_step_of_an_unsettled_action_is_flagged_overdue(login, executif, plan,
                                                                     action):
    url = detail(plan)
    text = page(login(executif).get(url))
    # December 2019 is long past and the action is still « à venir ».
    assert "Étapes en retard : 1" in text
    assert ">en retard</span>" in text
    services.row_update(row=action, outcome=Action.Outcome.DONE)
    text = page(login(executif).get(url))
    assert "en retard" not in text


def test_a_step_is_overdue_only_once_its_month_is_over():
    plan = WorkPlan(mandate_start=datetime.date(2019, 1, 1), mandate_end=datetime.date(2022, 1, 1))
    action = Action(outcome=Action.Outcome.IN_PROGRESS)
    step = Step(action=action, when_kind=Step.When.MONTH, when_date=datetime.date(2020, 6, 1))
    assert not step.is_overdue(datetime.date(2020, 6, 30))
    assert step.is_overdue(datetime.date(2020, 7, 1))
    dated = Step(action=action, when_kind=Step.When.DATE, when_date=datetime.date(2020, 6, 15))
    assert not dated.is_overdue(datetime.date(2020, 6, 15))
    assert dated.is_overdue(datetime.date(2020, 6, 16))
    labelled = Step(action=action, when_kind=Step.When.LABEL, when_label="mandat complet")
    assert not labelled.is_overdue(datetime.date(2030, 1, 1))
    assert plan.mandate_label == "2019-2022"


def test_progress_rolls_up_per_orientation_and_for_the_plan(login, executif, cc):
    plan = make_plan(cc, actions=2, orientations=2)
    actions = Action.objects.filter(orientation__plan=plan)
    actions = list(actions.order_by("orientation__position", "position"))
    services.row_update(row=actions[0], outcome=Action.Outcome.DONE)
    services.row_update(row=actions[1], outcome=Action.Outcome.DONE)
    services.row_update(row=actions[2], outcome=Action.Outcome.PARTLY_DONE)
    text = page(login(executif).get(detail(plan)))
    # The percentage is the share done, as the sentence says; partly done shows in the bar.
    assert "Réalisées : 2 sur 4 (50 %)" in text
    assert "Réalisées : 2 sur 2 (100 %)" in text
    assert "Réalisées : 0 sur 2 (0 %) · À venir : 1 · Partiellement réalisée : 1" in text


def test_a_membre_sees_the_published_plan_without_any_edit_control(login, membre, plan):
    response = login(membre).get(detail(plan))
    assert response.status_code == 200
    text = page(response)
    assert "Action 1-1" in text
    for control in ["/modifier/", "/supprimer/", "/deplacer/", "/ajouter/", "/etat/"]:
        assert control not in text
    assert reverse("plans:pdf", args=[plan.organization.slug, plan.pk]) in text


def test_steps_and_follow_ups_print_their_lines_escaped_and_their_links_while_edited(
    login, executif, plan, action
):
    """The lists are built in Python (`plans_tags.step_items`): each line escaped, its line
    breaks kept, its « Modifier » only on the row being edited."""
    step = services.step_create(action=action, text="Former l'équipe\n<b>puis</b> la lancer",
                                when_kind=Step.When.LABEL, when_label="automne")
    follow_up = services.follow_up_create(action=action, author=None, text="Bilan & suites",
                                          date=datetime.date(2020, 2, 28))
    step_url = reverse("plans:row_update", args=["ccsne", "etape", step.pk])
    follow_up_url = reverse("plans:row_update", args=["ccsne", "suivi", follow_up.pk])
    client = login(executif)

    html = client.get(detail(plan)).content.decode()
    assert ('<li class="">- Former l&#x27;équipe<br>&lt;b&gt;puis&lt;/b&gt; la lancer '
            "(automne)</li>") in html
    assert '<li>- <span class="text-muted">28 février 2020 :</span> Bilan &amp; suites</li>' \
        in html
    assert step_url not in html and follow_up_url not in html

    html = client.get(detail(plan) + f"?edit={action.pk}").content.decode()
    assert f'<a class="row-edit" href="{step_url}" hx-get="{step_url}">Modifier' in html
    assert f'<a class="row-edit" href="{follow_up_url}" hx-get="{follow_up_url}">Modifier' in html


def test_an_unnumbered_action_s_modifier_is_named_by_its_text_escaped(login, executif, plan):
    special = services.orientation_create(plan=plan, numbered=False, title="Dossier spécial")
    services.action_create(orientation=special, what="<b>Lutter</b> & gagner " + "x" * 60)
    html = login(executif).get(detail(plan)).content.decode()
    assert ('<span class="visually-hidden"> : action 1.1</span>' in html)
    assert ('<span class="visually-hidden"> : action &lt;b&gt;Lutter&lt;/b&gt; &amp; gagner '
            + "x" * 16 + "…</span>") in html
