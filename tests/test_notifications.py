"""Notifications in the app: made by the services that change things (never by views),
shown under the bell with an unread count, marked read by their person only."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services as plan_services
from plans.models import WorkPlan
from tests.helpers import Role, page
from tests.plans.helpers import make_plan
from tests.test_invitations_matrix import invite
from unionplans import invitations, notifications
from unionplans.import_flow import notified
from unionplans.models import Membership, Notification
from unionplans.once import create_once
from vpp import services as vpp_services
from vpp.models import Dossier, Stage


def sentences(user):
    return [notifications.sentence(n) for n in Notification.objects.filter(user=user)]


@pytest.fixture
def dossier(cc, executif, membre, conseiller):
    return vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, conseiller=conseiller,
        m2m={"terrain_people": [membre], "direction_people": [executif]},
    )


def test_a_stage_move_notifies_the_people_named_but_not_who_moved_it(
    dossier, executif, membre, conseiller, executif2
):
    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    assert sentences(membre) == sentences(conseiller) == [
        "Le dossier « Reprographie » est passé à l'étape « Pré-diagnostic »."]
    assert sentences(executif) == []
    note = Notification.objects.get(user=membre)
    assert note.url == reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    assert Notification.objects.filter(user=executif2).count() == 0
    vpp_services.dossier_go_back(dossier=dossier, by=conseiller, reason="Trop tôt")
    assert Notification.objects.filter(user=executif).count() == 1  # now it was not them


def test_a_sentence_is_written_in_the_reader_s_language(dossier, executif, membre):
    from django.utils import translation

    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    with translation.override("en"):
        assert sentences(membre) == [
            "The dossier « Reprographie » moved to the stage « Pre-diagnostic »."]


def test_a_published_plan_notifies_only_the_members_who_chose_it(
    cc, executif, membre, conseiller, executif2
):
    notifications.subscriptions_set(user=membre, organization_ids=[cc.pk])
    notifications.subscriptions_set(user=executif, organization_ids=[cc.pk])
    plan = make_plan(cc, state=WorkPlan.State.ADOPTED)
    plan_services.plan_transition(plan=plan, to_state=WorkPlan.State.PUBLISHED, by=executif)
    assert sentences(membre) == [
        "Le plan « Plan de travail 2019-2022 » de CCSNE est publié."]
    assert sentences(executif) == []  # who published it
    assert sentences(conseiller) == []  # did not choose it
    assert Notification.objects.get(user=membre).url == reverse(
        "plans:detail", args=["ccsne", plan.pk])


def test_the_choice_is_per_organization_and_a_departure_ends_it(cc, syndicat, membre):
    Membership.objects.create(user=membre, organization=syndicat, role=Role.MEMBER)
    notifications.subscriptions_set(user=membre, organization_ids=[syndicat.pk, cc.pk + 1000])
    for organization in (cc, syndicat):
        plan = make_plan(organization, state=WorkPlan.State.ADOPTED)
        plan_services.plan_transition(plan=plan, to_state=WorkPlan.State.PUBLISHED)
    assert [n.organization for n in Notification.objects.filter(user=membre)] == [syndicat]
    Membership.objects.filter(user=membre, organization=syndicat).update(is_active=False)
    plan = make_plan(syndicat, title="Autre", state=WorkPlan.State.ADOPTED)
    plan_services.plan_transition(plan=plan, to_state=WorkPlan.State.PUBLISHED)
    assert Notification.objects.filter(user=membre).count() == 1


def test_adopting_or_closing_notifies_nobody(cc, membre):
    notifications.subscriptions_set(user=membre, organization_ids=[cc.pk])
    plan = make_plan(cc)
    plan_services.plan_transition(plan=plan, to_state=WorkPlan.State.ADOPTED,
                                  adopted_on=datetime.date(2019, 6, 1))
    assert Notification.objects.count() == 0


def test_an_accepted_invitation_notifies_who_sent_it(cc, executif, outsider):
    token = invite(cc, executif, outsider.email)
    invitations.invitation_accept(token=token, user=outsider)
    assert sentences(executif) == [
        f"{outsider.get_full_name() or outsider.username} a accepté votre invitation à CCSNE."]
    assert Notification.objects.get(user=executif).url == reverse("members", args=["ccsne"])
    assert len(mail.outbox) == 1  # the invitation itself; no mail for a notification


def test_a_finished_import_notifies_who_imported_once(cc, executif):
    def create():
        return "/o/ccsne/plans/1/", "Le plan est créé."

    create_once("jeton", cc, notified(create, cc, executif))
    create_once("jeton", cc, notified(create, cc, executif))  # a double click: nothing more
    assert sentences(executif) == [
        "Votre importation depuis Word est terminée : Le plan est créé."]


# The page, the bell and the marks


def test_the_bell_shows_the_unread_count_and_the_page_lists_them(login, dossier, executif,
                                                                 membre):
    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    client = login(membre)
    text = page(client.get(reverse("dashboard")))
    assert 'id="bell-count">1<' in text
    text = page(client.get(reverse("notifications")))
    assert "« Reprographie »" in text
    assert 'class="list-group-item notification list-group-item-warning unread"' in text


def test_opening_one_marks_it_read_and_leads_to_its_object(login, dossier, executif, membre):
    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    note = Notification.objects.get(user=membre)
    response = login(membre).post(reverse("notification_read", args=[note.pk]), {"open": "1"})
    assert response.url == reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'id="bell-count"' not in page(login(membre).get(reverse("dashboard")))


def test_all_read_marks_only_one_s_own(login, dossier, executif, membre, conseiller):
    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    login(membre).post(reverse("notification_read_all"))
    assert Notification.objects.get(user=membre).read_at is not None
    assert Notification.objects.get(user=conseiller).read_at is None


def test_marking_someone_else_s_is_a_404_and_changes_nothing(login, dossier, executif,
                                                             membre, conseiller):
    vpp_services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif,
                                 note="Avis reçu")
    theirs = Notification.objects.get(user=conseiller)
    response = login(membre).post(reverse("notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marks_refuse_get(login, membre):
    assert login(membre).get(reverse("notification_read_all")).status_code == 405


def test_the_page_saves_the_choices_of_published_plans(login, cc, membre):
    client = login(membre)
    client.post(reverse("notification_subscriptions"), {"organization": [str(cc.pk)]})
    assert Membership.objects.get(user=membre).notify_published_plans is True
    assert "checked" in page(client.get(reverse("notifications")))
    client.post(reverse("notification_subscriptions"), {})
    assert Membership.objects.get(user=membre).notify_published_plans is False


def test_the_empty_page_says_what_will_come(login, membre):
    text = page(login(membre).get(reverse("notifications")))
    assert 'class="empty-state"' in text


# One cheap query per page for the bell, whatever the number of notifications


def bell_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "unionplans_notification" in q["sql"]]


@pytest.mark.parametrize("url", ["/", "/mes-actions/", "/o/ccsne/plans/"])
def test_the_bell_costs_one_count_query_per_page(login, cc, executif, membre, url):
    client = login(executif)
    few = bell_queries(client, url)
    assert len(few) == 1 and "COUNT(" in few[0].upper()
    for i in range(30):
        notifications.notify(users=[executif], organization=cc,
                             kind=Notification.Kind.PUBLISHED, subject=f"P{i}", url="/")
    assert len(bell_queries(client, url)) == 1
    assert 'id="bell-count">30<' in page(client.get(url))


def test_no_bell_for_a_visitor(client):
    assert "bell" not in page(client.get(reverse("login")))


def test_a_date_in_the_list_reads_in_french(login, cc, membre):
    note, = notifications.notify(users=[membre], organization=cc,
                                 kind=Notification.Kind.PUBLISHED, subject="P", url="/")
    Notification.objects.filter(pk=note.pk).update(
        created_at=datetime.datetime(2021, 11, 18, 15, tzinfo=datetime.UTC))
    assert "18 novembre 2021" in page(login(membre).get(reverse("notifications")))


def test_an_erased_person_is_not_named_in_the_notification(cc, executif, outsider):
    from unionplans import privacy

    token = invite(cc, executif, outsider.email)
    membership = invitations.invitation_accept(token=token, user=outsider)
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    name = outsider.get_full_name() or outsider.username
    privacy.person_erase(membership=Membership.objects.get(pk=membership.pk), by=executif)
    (sentence,) = sentences(executif)
    assert name not in sentence
    assert not Notification.objects.filter(subject__contains=name).exists()
