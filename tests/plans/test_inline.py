"""Editing a plan where it is read: the inline views answer a fragment to htmx (the form,
then the action's saved row in its place) and the full page or a redirect without it; the
rules stay the services' (closed plan, version conflict, bad date), refused in French with
a 4xx and nothing lost."""

import datetime

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, Step, WorkPlan
from tests.helpers import page, snapshot
from unionplans.forms import version_of

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, action, kind="action"):
    return reverse(f"plans:{name}", args=[action.orientation.plan.organization.slug, kind,
                                          action.pk])


@pytest.fixture
def draft_action(draft):
    return Action.objects.get(orientation__plan=draft)


def test_the_paste_form_is_a_fragment_to_htmx_and_a_page_without(login, executif, draft_action):
    client = login(executif)
    fragment = client.get(url("lines_add", draft_action, "etape"), **HTMX)
    assert fragment.status_code == 200
    assert "<html" not in page(fragment)
    assert 'hx-post="' in page(fragment) and 'name="lines"' in page(fragment)
    full = client.get(url("lines_add", draft_action, "etape"))
    assert full.status_code == 200
    assert "<html" in page(full) and 'name="lines"' in page(full)


def test_pasted_steps_each_get_their_date_and_the_row_comes_back(login, executif, draft_action):
    client = login(executif)
    response = client.post(url("lines_add", draft_action, "etape"), {"lines": (
        "- Définir le mandat et la composition de l'unité (décembre 2019)\n\n"
        "- Développer les outils (communication, rencontres, etc.) (juin 2020)\n"
        "Adapter la stratégie (reste du mandat)\n"
        "Faire le bilan (18 novembre 2021)"
    )}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#action-{draft_action.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    text = page(response)
    assert text.startswith(f'<tr id="action-{draft_action.pk}"') or (
        f'<tr id="action-{draft_action.pk}"' in text.split("\n", 3)[-1][:200])
    assert "Développer les outils (communication, rencontres, etc.) (juin 2020)" in text
    steps = list(draft_action.steps.order_by("position"))[2:]
    assert [(s.text, s.when_kind, s.when_date, s.when_label) for s in steps] == [
        ("Définir le mandat et la composition de l'unité", Step.When.MONTH,
         datetime.date(2019, 12, 1), ""),
        ("Développer les outils (communication, rencontres, etc.)", Step.When.MONTH,
         datetime.date(2020, 6, 1), ""),
        ("Adapter la stratégie", Step.When.LABEL, None, "reste du mandat"),
        ("Faire le bilan", Step.When.DATE, datetime.date(2021, 11, 18), ""),
    ]


def test_without_htmx_the_paste_redirects_to_the_action(login, executif, draft_action):
    response = login(executif).post(url("lines_add", draft_action, "suivi"),
                                    {"lines": "Présentation à l'AG du 28 février 2020"})
    assert response.status_code == 302
    assert response.url.endswith(f"#action-{draft_action.pk}")
    follow_up = draft_action.follow_ups.order_by("position").last()
    assert (follow_up.text, follow_up.date, follow_up.author) == (
        "Présentation à l'AG du 28 février 2020", datetime.date(2020, 2, 28), executif)


def test_a_step_outside_the_mandate_refuses_every_line_and_keeps_the_text(
        login, executif, draft_action):
    client = login(executif)
    before = snapshot()
    typed = "Première étape (mars 2020)\nDeuxième étape (mars 2030)"
    response = client.post(url("lines_add", draft_action, "etape"),
                                    {"lines": typed}, **HTMX)
    assert response.status_code == 422
    text = page(response)
    assert "Ligne 2" in text
    assert typed in text  # nothing lost: the lines come back in the form
    assert snapshot() == before


def test_a_closed_plan_refuses_in_place_with_its_message(login, executif, draft_action):
    WorkPlan.objects.filter(pk=draft_action.orientation.plan_id).update(
        state=WorkPlan.State.CLOSED)
    client = login(executif)
    before = snapshot()
    response = client.post(url("lines_add", draft_action, "suivi"), {"lines": "Un suivi"},
                           **HTMX)
    assert response.status_code == 409
    assert "Ce plan est clos" in page(response)
    assert snapshot() == before


def test_editing_a_step_inline_returns_the_row(login, executif, draft_action):
    step = draft_action.steps.order_by("position").first()
    client = login(executif)
    edit_url = reverse("plans:row_update", args=["ccsne", "etape", step.pk])
    form = client.get(edit_url, **HTMX)
    assert form.status_code == 200 and "<html" not in page(form)
    response = client.post(edit_url, {
        "text": "Définir le mandat autrement", "when_kind": Step.When.LABEL,
        "when_label": "automne 2020", "version": version_of(step)}, **HTMX)
    assert response.status_code == 200
    assert "Définir le mandat autrement (automne 2020)" in page(response)
    assert response["HX-Retarget"] == f"#action-{draft_action.pk}"


def test_an_edit_over_someone_else_s_is_a_409_in_place(login, executif, draft_action):
    follow_up = draft_action.follow_ups.first()
    stale = version_of(follow_up)
    services.row_update(row=follow_up, text="Changé par quelqu'un d'autre")
    response = login(executif).post(
        reverse("plans:row_update", args=["ccsne", "suivi", follow_up.pk]),
        {"text": "Mon texte", "version": stale}, **HTMX)
    assert response.status_code == 409
    assert "Mon texte" in page(response)
    assert FollowUp.objects.get(pk=follow_up.pk).text == "Changé par quelqu'un d'autre"


def test_the_outcome_changes_from_its_badge(login, executif, draft_action):
    client = login(executif)
    form = client.get(url("action_outcome", draft_action), **HTMX)
    assert form.status_code == 200 and 'name="outcome"' in page(form)
    response = client.post(url("action_outcome", draft_action), {
        "outcome": Action.Outcome.POSTPONED, "outcome_reason": "pandémie",
        "version": version_of(draft_action)}, **HTMX)
    assert response.status_code == 200
    assert "Action reportée (pandémie)" in page(response)
    draft_action.refresh_from_db()
    assert (draft_action.outcome, draft_action.outcome_reason) == ("reportee", "pandémie")
    # Without htmx: the page, then back to the plan.
    assert "<html" in page(client.get(url("action_outcome", draft_action)))
    plain = client.post(url("action_outcome", draft_action), {
        "outcome": Action.Outcome.DONE, "version": version_of(draft_action)})
    assert plain.status_code == 302


def test_a_new_action_comes_with_its_pasted_steps_and_follow_ups(login, executif, draft):
    orientation = draft.orientations.get()
    response = login(executif).post(
        reverse("plans:row_create", args=["ccsne", "action", orientation.pk]),
        {"what": "Créer une unité de mobilisation", "responsible": "Denis",
         "outcome": Action.Outcome.UPCOMING,
         "steps": "- Définir le mandat (décembre 2019)\n- Mettre sur pied l'unité (mars 2020)",
         "follow_ups": "- Présentation à l'AG du 28 février 2020\n- Équipe montée"})
    assert response.status_code == 302
    action = orientation.actions.get(what="Créer une unité de mobilisation")
    assert [s.when_text for s in action.steps.order_by("position")] == [
        "décembre 2019", "mars 2020"]
    assert [f.date for f in action.follow_ups.order_by("position")] == [
        datetime.date(2020, 2, 28), None]


def test_a_refused_pasted_step_creates_no_action(login, executif, draft):
    orientation = draft.orientations.get()
    client = login(executif)
    before = snapshot()
    response = client.post(
        reverse("plans:row_create", args=["ccsne", "action", orientation.pk]),
        {"what": "Une action", "outcome": Action.Outcome.UPCOMING,
         "steps": "Une étape (janvier 2040)", "follow_ups": ""})
    assert response.status_code == 200
    assert "Ligne 1" in page(response)
    assert snapshot() == before


def test_the_plan_page_has_no_per_row_form(login, executif, draft):
    """Per-row controls are links: forms and CSRF tokens come when a row is edited."""
    text = page(login(executif).get(reverse("plans:detail", args=["ccsne", draft.pk])))
    table = text[text.index("<table"):text.index("</table>")]
    assert "<form" not in table and "csrfmiddlewaretoken" not in table
    assert 'hx-get="' in table


def test_the_page_loads_htmx_without_inline_script(login, executif, draft):
    text = page(login(executif).get(reverse("plans:detail", args=["ccsne", draft.pk])))
    assert "django_htmx/htmx-2.min" in text
    assert "<script>" not in text and "<script " not in text.replace("<script src=", "")


def test_modifier_brings_the_row_s_controls_and_terminer_takes_them_away(
        login, executif, draft_action):
    client = login(executif)
    plan = draft_action.orientation.plan
    detail = reverse("plans:detail", args=[plan.organization.slug, plan.pk])
    editing = client.get(url("row_editing", draft_action), **HTMX)
    assert editing["HX-Retarget"] == f"#action-{draft_action.pk}"
    text = editing.content.decode()
    assert text.strip().startswith(f'<tr id="action-{draft_action.pk}"')
    assert url("lines_add", draft_action, "etape") in text
    assert "autofocus" in text.split("outcome-badge", 1)[1].split(">", 1)[0]
    done = client.get(url("row_editing", draft_action), {"fin": "1"}, **HTMX).content.decode()
    assert url("lines_add", draft_action, "etape") not in done
    assert f'class="row-open" href="?edit={draft_action.pk}#action-{draft_action.pk}"' in done
    assert "autofocus" in done.split("row-open", 1)[1].split(">", 1)[0]
    # Without htmx: the plan's page with that row in editing mode, or without it.
    plain = client.get(url("row_editing", draft_action))
    assert plain.url == f"{detail}?edit={draft_action.pk}#action-{draft_action.pk}"
    assert client.get(url("row_editing", draft_action), {"fin": "1"}).url == (
        f"{detail}#action-{draft_action.pk}")


def test_a_save_without_javascript_comes_back_to_the_row_in_editing_mode(
        login, executif, draft_action):
    response = login(executif).post(url("lines_add", draft_action, "etape"),
                                    {"lines": "Une étape"})
    assert response.url.endswith(f"?edit={draft_action.pk}#action-{draft_action.pk}")
    assert url("lines_add", draft_action, "etape") in page(login(executif).get(response.url))
