"""Holes found in review: cross-organisation mixes in the admin, bad input that crashed."""

from datetime import date

import pytest
from django.urls import reverse

from tests.helpers import Role, page
from unionplans.models import Membership
from vpp import services
from vpp.deadlines import DayKind
from vpp.models import Deadline, DeadlineRule, QuestionnaireAnswers, VeilleItem


@pytest.fixture
def two_orgs_conseiller(conseiller, syndicat):
    """The cc's conseiller, also assigned to the syndicat."""
    Membership.objects.create(user=conseiller, organization=syndicat, role=Role.ADVISER)
    return conseiller


@pytest.fixture
def foreign_rule(syndicat):
    return DeadlineRule.objects.create(
        organization=syndicat, name="Règle du syndicat", reference="art. 1", days=5,
        day_kind=DayKind.CALENDAR, trigger="Avis",
    )


def admin_change_data(client, dossier):
    url = reverse("admin:vpp_dossier_change", args=[dossier.pk])
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"terrain_people": [u.pk for u in dossier.terrain_people.all()],
                 "direction_people": [], "veille_items": []})
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return url, data


def test_an_admin_deadline_with_another_organization_s_rule_is_a_form_error(
    login, two_orgs_conseiller, dossier, foreign_rule
):
    client = login(two_orgs_conseiller)
    url, data = admin_change_data(client, dossier)
    data.update({"deadlines-TOTAL_FORMS": "1", "deadlines-0-rule": foreign_rule.pk,
                 "deadlines-0-trigger_date": "2026-01-20", "deadlines-0-note": ""})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "appartient à une autre organisation" in page(response)
    assert not Deadline.objects.exists()


@pytest.mark.parametrize("field", ["veille_items", "terrain_people", "conseiller"])
def test_the_admin_refuses_another_organization_s_people_and_watch_items(
    login, two_orgs_conseiller, dossier, syndicat, executif2, field
):
    item = VeilleItem.objects.create(organization=syndicat, source="x", title="Autre",
                                     published_on=date(2024, 1, 1))
    client = login(two_orgs_conseiller)
    url, data = admin_change_data(client, dossier)
    data[field] = {"veille_items": [item.pk], "terrain_people": [executif2.pk],
                   "conseiller": executif2.pk}[field]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "une autre organisation" in page(response)
    dossier.refresh_from_db()
    assert not dossier.veille_items.exists()
    assert list(dossier.terrain_people.values_list("username", flat=True)) == ["membre"]
    assert dossier.conseiller.username == "conseiller"


def test_the_admin_does_not_move_a_dossier_to_another_organization(
    login, two_orgs_conseiller, dossier, syndicat
):
    client = login(two_orgs_conseiller)
    url, data = admin_change_data(client, dossier)
    assert "organization" not in data
    data["organization"] = syndicat.pk
    client.post(url, data)
    dossier.refresh_from_db()
    assert dossier.organization.slug == "ccsne"


def test_a_trigger_date_too_far_off_is_a_form_error(login, executif, dossier, rule):
    url = reverse("vpp:deadline_create", args=["ccsne", dossier.pk])
    response = login(executif).post(url, {"rule": rule.pk, "trigger_date": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["form"].has_error("trigger_date", "too_far")
    assert not Deadline.objects.exists()


def test_admin_answers_that_are_not_text_are_refused(login, conseiller, dossier):
    client = login(conseiller)
    url, data = admin_change_data(client, dossier)
    data.update({"questionnaires-TOTAL_FORMS": "1", "questionnaires-0-kind": "pre_diagnostic",
                 "questionnaires-0-answers": '{"project": 5}'})
    response = client.post(url, data)
    assert response.status_code == 200
    assert not QuestionnaireAnswers.objects.exists()
    assert login(conseiller).get(
        reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    ).status_code == 200


def test_a_too_long_reason_says_so(login, executif, dossier):
    services.dossier_advance(dossier=dossier, to_stage="pre_diagnostic", by=executif)
    url = reverse("vpp:dossier_go_back", args=["ccsne", dossier.pk])
    response = login(executif).post(url, {"reason": "x" * 3000}, follow=True)
    text = page(response)
    assert "actuellement 3000" in text
    assert "Donnez la raison" not in text
    dossier.refresh_from_db()
    assert dossier.stage == "pre_diagnostic"
