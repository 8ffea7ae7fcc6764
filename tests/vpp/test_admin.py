"""The conseillers' workbench: scoped lists, filters, inlines, the advance action."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import Role, page
from unionplans.models import Membership, Organization
from vpp import services
from vpp.deadlines import today
from vpp.models import Dossier, DossierEvent, Stage

CHANGELIST = "admin:vpp_dossier_changelist"


@pytest.fixture
def foreign(syndicat, executif2):
    """A dossier of the syndicat, to which the cc's conseiller is not assigned."""
    return services.dossier_create(
        organization=syndicat, by=None, title="Cafétéria privatisée", establishment="CHUS",
        service="Alimentation", mode="intervention", domain="intervention",
    )


def test_the_conseiller_lists_only_its_organizations_dossiers(login, conseiller, dossier,
                                                              foreign):
    response = login(conseiller).get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [dossier]
    assert "Cafétéria privatisée" not in page(response)


@pytest.mark.parametrize(("view", "status"), [("change", 302), ("history", 404),
                                             ("delete", 403)])
def test_an_unassigned_organization_s_dossier_is_out_of_reach(login, conseiller, foreign, view,
                                                             status):
    """It answers as a missing dossier: the change page redirects to the admin's index, the
    history is a 404, the delete page (which checks the right before looking) a 403."""
    client = login(conseiller)
    url = reverse(f"admin:vpp_dossier_{view}", args=[foreign.pk])
    response = client.get(url)
    missing = client.get(reverse(f"admin:vpp_dossier_{view}", args=[999_999]))
    assert response.status_code == missing.status_code == status
    if status == 302:
        assert response.url == missing.url == reverse("admin:index")
    assert "Cafétéria privatisée" not in page(client.get(url, follow=True))


def test_a_superuser_sees_every_dossier(login, superuser, dossier, foreign):
    response = login(superuser).get(reverse(CHANGELIST))
    assert set(response.context["cl"].result_list) == {dossier, foreign}


def test_the_people_offered_are_those_of_the_conseiller_s_organizations(
    login, conseiller, dossier, executif, executif2
):
    form = login(conseiller).get(
        reverse("admin:vpp_dossier_change", args=[dossier.pk])
    ).context["adminform"].form
    offered = set(form.fields["terrain_people"].queryset)
    assert executif in offered
    assert executif2 not in offered
    assert "organization" not in form.fields  # read-only once the dossier exists
    add_form = login(conseiller).get(reverse("admin:vpp_dossier_add")).context["adminform"].form
    assert set(add_form.fields["organization"].queryset) == {dossier.organization}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stage": Stage.VEILLE}, {"Reprographie"}),
        ({"stage": Stage.SURVEY}, {"Buanderie"}),
        ({"mode": "prevention"}, {"Buanderie"}),
        ({"echeance": "7j"}, {"Reprographie"}),
        ({"echeance": "retard"}, {"Buanderie"}),
    ],
)
def test_the_filters(login, conseiller, dossier, rule, cc, query, expected):
    other = services.dossier_create(organization=cc, by=None, title="Buanderie",
                                    establishment="x", service="x", mode="prevention",
                                    domain="organisation_travail")
    Dossier.objects.filter(pk=other.pk).update(stage=Stage.SURVEY)
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=today() - timedelta(days=25))
    services.deadline_set(dossier=other, rule=rule, trigger_date=today() - timedelta(days=31))
    response = login(conseiller).get(reverse(CHANGELIST), query)
    assert {d.title for d in response.context["cl"].result_list} == expected


def test_the_organization_filter_lists_only_assigned_organizations(login, conseiller, dossier,
                                                                   foreign, syndicat, cc):
    other = Organization.objects.create(name="STTM", short_name="STTM", slug="sttm",
                                        kind="syndicat", parent=cc)
    Membership.objects.create(user=conseiller, organization=other, role=Role.ADVISER)
    services.dossier_create(organization=other, by=None, title="Entretien", establishment="x",
                            service="x", mode="prevention", domain="organisation_travail")
    response = login(conseiller).get(reverse(CHANGELIST))
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "organisation")
    assert {title for _pk, title in spec.lookup_choices} == {cc.name, "STTM"}


def action(client, dossiers):
    return client.post(reverse(CHANGELIST), {
        "action": "advance_to_next_stage", "_selected_action": [d.pk for d in dossiers],
    }, follow=True)


def test_the_advance_action_moves_through_the_service(login, conseiller, dossier):
    response = action(login(conseiller), [dossier])
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    event = DossierEvent.objects.stage_changes().get()
    assert (event.by, event.note) == (conseiller, "Avancé depuis l'administration.")
    assert "1 dossier(s) passé(s) à l'étape suivante." in page(response)


def test_the_advance_action_reports_refusals_as_errors(login, conseiller, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.PRE_DIAGNOSTIC)
    response = action(login(conseiller), [dossier])
    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert messages == [(
        "error",
        "Reprographie: Remplissez le pré-diagnostic simplifié (toutes les questions) avant "
        "l'analyse et la décision.",
    )]
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    assert not DossierEvent.objects.stage_changes().exists()


def test_the_advance_action_refuses_the_terrain_step_to_the_conseiller(login, conseiller,
                                                                       dossier):
    services.dossier_update(dossier=dossier, findings="Constats")
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.SURVEY)
    response = action(login(conseiller), [dossier])
    assert "Seule la structure terrain" in page(response)
    dossier.refresh_from_db()
    assert dossier.stage == Stage.SURVEY


def test_the_advance_action_closes_after_a_no_go(login, conseiller, dossier):
    services.dossier_update(dossier=dossier, decision="no_go", priority="basse",
                            decision_date=today(), terrain_on_decision="consultee",
                            terrain_on_decision_date=today())
    Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.ANALYSIS)
    action(login(conseiller), [dossier])
    dossier.refresh_from_db()
    assert dossier.stage == Stage.CLOSED


def test_the_history_cannot_be_reverted(login, conseiller, dossier):
    services.dossier_update(dossier=dossier, title="Nouveau titre")
    client = login(conseiller)
    version = dossier.history.earliest().history_id
    url = reverse("admin:vpp_dossier_simple_history", args=[dossier.pk, version])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Reprographie", "organization": dossier.organization_id})
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.title == "Nouveau titre"


def test_the_conseiller_edits_a_dossier_with_its_inlines(login, conseiller, dossier, rule):
    client = login(conseiller)
    url = reverse("admin:vpp_dossier_change", args=[dossier.pk])
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"title": "Reprographie (révisé)", "priority": "haute",
                 "terrain_people": [u.pk for u in dossier.terrain_people.all()],
                 "direction_people": [], "veille_items": []})
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update({"deadlines-TOTAL_FORMS": "1", "deadlines-0-rule": rule.pk,
                 "deadlines-0-trigger_date": "2026-01-20", "deadlines-0-note": ""})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    dossier.refresh_from_db()
    assert dossier.title == "Reprographie (révisé)"
    assert dossier.stage == Stage.VEILLE
    assert str(dossier.deadlines.get().due_on) == "2026-02-19"


def test_the_conseiller_may_not_delete(login, conseiller, dossier):
    response = login(conseiller).post(reverse("admin:vpp_dossier_delete", args=[dossier.pk]),
                                      {"post": "yes"})
    assert response.status_code == 403
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_the_changelist_query_count_is_flat(login, conseiller, cc, rule,
                                            django_assert_max_num_queries):
    client = login(conseiller)

    def add(n):
        for i in range(n):
            d = services.dossier_create(organization=cc, by=None, title=f"D{i}",
                                        establishment="x", service="x", mode="intervention",
                                        domain="intervention", conseiller=conseiller)
            services.deadline_set(dossier=d, rule=rule, trigger_date=today())

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(CHANGELIST)).status_code == 200
    add(40)
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse(CHANGELIST)).status_code == 200


def test_an_admin_save_over_a_newer_change_is_refused_and_keeps_it(login, conseiller, dossier):
    """The conseiller opens the dossier in the admin; the exécutif then changes its
    description in the app; the conseiller's save must not silently write the old one back."""
    client = login(conseiller)
    url = reverse("admin:vpp_dossier_change", args=[dossier.pk])
    response = client.get(url)
    shown = page(response).split('name="_version" value="')[1].split('"')[0]
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"title": "Titre du conseiller", "_version": shown,
                 "terrain_people": [u.pk for u in dossier.terrain_people.all()],
                 "direction_people": [], "veille_items": []})
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    services.dossier_update(dossier=dossier, description="La nouvelle description de l'exécutif")

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Quelqu'un d'autre a modifié cet élément" in page(refused)
    dossier.refresh_from_db()
    assert (dossier.title, dossier.description) == (
        "Reprographie", "La nouvelle description de l'exécutif")

    data["_version"] = page(client.get(url)).split('name="_version" value="')[1].split('"')[0]
    assert client.post(url, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.title == "Titre du conseiller"
