"""Bad input is refused with a clear French message, or stored as typed and shown escaped."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from plans import services
from plans.models import (
    Action,
    Delegation,
    FollowUp,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)
from tests.helpers import page, poppler

HOSTILE = '<script>alert("x")</script><b>gras</b> & <img src=x onerror=alert(1)>'
HUGE = "x" * 100_000


def create(client, plan, kind, parent, data):
    url = reverse("plans:row_create", args=[plan.organization.slug, kind, parent.pk])
    return client.post(url, data)


def errors(response) -> str:
    """The form's errors as the person reads them (entities such as &#x27; decoded)."""
    return html.unescape(" ".join(str(e) for e in response.context["form"].errors.values()))


def test_an_empty_quoi_is_refused(login, executif, plan):
    orientation = Orientation.objects.get(plan=plan)
    before = Action.objects.count()
    response = create(login(executif), plan, "action", orientation,
                      {"what": "   ", "outcome": "a_venir"})
    assert response.status_code == 200
    assert "Indiquez ce qu'est l'action (QUOI) : ce champ ne peut pas être vide." in errors(
        response)
    assert Action.objects.count() == before


@pytest.mark.parametrize(
    ("kind", "month", "date"),
    [("month", "2024-01", ""), ("month", "2019-05", ""), ("date", "", "2022-07-01"),
     ("date", "", "2019-05-31")],
)
def test_a_step_outside_the_mandate_is_refused(login, executif, plan, action, kind, month, date):
    before = Step.objects.count()
    response = create(login(executif), plan, "etape", action,
                      {"text": "Étape", "when_kind": kind, "when_month": month, "when_date": date})
    assert response.status_code == 200
    assert ("Cette date est en dehors du mandat du plan (du 1er juin 2019 au 30 juin 2022)."
            in errors(response))
    assert Step.objects.count() == before


def test_a_step_on_the_mandates_first_month_is_accepted_and_printed_as_a_month(
    login, executif, plan, action
):
    response = create(login(executif), plan, "etape", action,
                      {"text": "Lancer", "when_kind": "month", "when_month": "2019-06"})
    assert response.status_code == 302
    step = Step.objects.get(text="Lancer")
    assert step.when_date == datetime.date(2019, 6, 1)
    assert step.when_text == "juin 2019"


def test_a_bad_month_and_a_missing_label_are_refused(login, executif, plan, action):
    client = login(executif)
    response = create(client, plan, "etape", action,
                      {"text": "Étape", "when_kind": "month", "when_month": "2020-13"})
    assert "Saisissez un mois sous la forme année-mois, p. ex. 2020-06." in errors(response)
    response = create(client, plan, "etape", action,
                      {"text": "Étape", "when_kind": "label", "when_label": ""})
    assert "Indiquez la mention, p. ex. mandat complet." in errors(response)


@pytest.mark.parametrize(
    ("kind", "field", "data"),
    [
        ("action", "what", {"outcome": "a_venir"}),
        ("action", "outcome_text", {"what": "Quoi", "outcome": "a_venir"}),
        ("etape", "text", {"when_kind": "none"}),
        ("suivi", "text", {}),
        ("orientation", "statement", {}),
    ],
)
def test_100_kb_of_text_is_refused_and_nothing_is_lost(login, executif, plan, action, kind,
                                                       field, data):
    parents = {"action": Orientation.objects.get(plan=plan), "etape": action, "suivi": action,
               "orientation": plan}
    counts = [m.objects.count() for m in (Orientation, Action, Step, FollowUp)]
    response = create(login(executif), plan, kind, parents[kind], {**data, field: HUGE})
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur comporte au plus 10000 caractères" in errors(response)
    assert [m.objects.count() for m in (Orientation, Action, Step, FollowUp)] == counts


def test_100_kb_in_a_short_field_is_refused_too(login, executif, plan, action):
    response = create(login(executif), plan, "action", Orientation.objects.get(plan=plan),
                      {"what": "Quoi", "responsible": HUGE, "outcome": "a_venir"})
    assert response.status_code == 200
    assert "au plus 200 caractères" in errors(response)


def test_html_and_script_are_stored_as_typed_and_shown_escaped_in_pages_and_pdf(
    login, executif, cc, tmp_path
):
    plan = services.plan_create(organization=cc, title=HOSTILE,
                                mandate_start=datetime.date(2019, 6, 1),
                                mandate_end=datetime.date(2022, 6, 30))
    orientation = services.orientation_create(plan=plan, title=HOSTILE, statement=HOSTILE,
                                              sub_statements=HOSTILE)
    action = services.action_create(orientation=orientation, what=HOSTILE, responsible=HOSTILE,
                                    outcome="non_realisee", outcome_reason=HOSTILE)
    services.step_create(action=action, text=HOSTILE, when_kind="label", when_label=HOSTILE)
    services.follow_up_create(action=action, author=executif, text=HOSTILE)
    services.list_item_create(model=StatutoryFile, plan=plan, name=HOSTILE, responsible=HOSTILE)
    services.list_item_create(model=Delegation, plan=plan, name=HOSTILE)
    assert Action.objects.get().what == HOSTILE  # stored as typed

    client = login(executif)
    slug = cc.slug
    for url in [reverse("plans:detail", args=[slug, plan.pk]),
                reverse("plans:bilan", args=[slug, plan.pk]),
                reverse("plans:list", args=[slug]),
                reverse("plans:row_update", args=[slug, "action", action.pk])]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body or \
            "&lt;script&gt;alert(&quot;x&quot;)" in body, url

    for url in [reverse("plans:pdf", args=[slug, plan.pk]),
                reverse("plans:bilan_pdf", args=[slug, plan.pk])]:
        text = poppler("pdftotext", client.get(url).content, tmp_path)
        flat = re.sub(r"\s+", " ", text)
        assert '<script>alert("x")</script><b>gras</b>' in flat, url


def test_a_stale_edit_is_refused_and_the_other_change_kept(login, executif, plan, action):
    client = login(executif)
    url = reverse("plans:row_update", args=[plan.organization.slug, "action", action.pk])
    version = client.get(url).context["form"]["version"].value()
    services.row_update(row=Action.objects.get(pk=action.pk), what="Changé ailleurs")
    response = client.post(url, {"what": "Mon changement", "outcome": "a_venir",
                                 "version": version})
    assert response.status_code == 409
    assert "Quelqu'un d'autre" in page(response)
    assert Action.objects.get(pk=action.pk).what == "Changé ailleurs"


def test_a_shorter_mandate_that_would_strand_a_step_is_refused(login, executif, plan):
    url = reverse("plans:update", args=[plan.organization.slug, plan.pk])
    client = login(executif)
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, {"title": plan.title, "mandate_start": "2020-01-01",
                                 "mandate_end": "2022-06-30", "version": version})
    assert response.status_code == 200
    assert "tomberait en dehors du nouveau mandat" in page(response)
    assert WorkPlan.objects.get(pk=plan.pk).mandate_start == datetime.date(2019, 6, 1)


def test_a_mandate_ending_before_it_starts_is_refused(login, executif, cc):
    response = login(executif).post(reverse("plans:create", args=[cc.slug]), {
        "title": "Plan", "mandate_start": "2022-06-01", "mandate_end": "2020-06-01"})
    assert response.status_code == 200
    assert "Le mandat doit se terminer après son début." in page(response)
    assert not WorkPlan.objects.exists()
