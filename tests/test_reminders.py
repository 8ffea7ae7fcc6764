"""Reminders by email: the rules with time frozen (time-machine), the mails as a real SMTP
server on loopback receives them (tests/smtp.py), the sent-log that sends each once, the
retries, the preferences and the unsubscribe link.

The calendar: Wednesday 18 March 2026 is a deadline's due date; 5 working days before is
Wednesday 11 March, 1 working day before is Tuesday 17 March, overdue from Thursday 19.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entraide import services as entraide_services
from plans import services as plan_services
from plans.models import Step, WorkPlan
from tests.helpers import Role, make_person, page, snapshot
from tests.smtp import free_port, text_of
from tests.test_my_actions import make_row, templates  # noqa: F401 (a fixture)
from unionplans import reminders
from unionplans.models import Membership, Reminder, ReminderPreference, SentReminder
from vpp import services as vpp_services
from vpp.deadlines import DayKind
from vpp.models import DeadlineRule, Dossier

MONTREAL = ZoneInfo("America/Montreal")
DUE = datetime.date(2026, 3, 18)
Status = SentReminder.Status


def at(day: datetime.date, hour: int = 7):
    """Time frozen at `hour` o'clock in Montreal on `day`."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour,
                                                 tzinfo=MONTREAL), tick=False)


def run_on(day: datetime.date, hour: int = 7) -> int:
    with at(day, hour):
        return reminders.run()


@pytest.fixture
def rule(cc):
    return DeadlineRule.objects.create(
        organization=cc, name="Avis de l'employeur", reference="art. 29", days=30,
        day_kind=DayKind.CALENDAR, trigger="l'avis de l'employeur",
    )


@pytest.fixture
def dossier(cc, membre, conseiller):
    return vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="CISSS des Laurentides",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION, conseiller=conseiller,
        m2m={"terrain_people": [membre]},
    )


@pytest.fixture
def deadline(dossier, rule):
    return vpp_services.deadline_set(dossier=dossier, rule=rule,
                                     trigger_date=DUE - datetime.timedelta(days=30))


def received(smtp_server) -> list[tuple[str, str]]:
    """(recipient, subject) of every mail received, in order."""
    return [(message["To"], " ".join(message["Subject"].split()))
            for message in smtp_server.messages]


def link_in(text: str, path: str) -> str:
    return re.search(rf"http://testserver{re.escape(path)}\S*", text).group(0)


# VPP deadlines


@pytest.mark.usefixtures("deadline")
def test_a_deadline_is_reminded_5_and_1_working_days_before_and_once_overdue(
        settings, smtp_server):
    settings.SITE_URL = "http://testserver"
    run_on(datetime.date(2026, 3, 10))  # 6 working days left
    assert smtp_server.messages == []

    run_on(datetime.date(2026, 3, 11))
    assert sorted(received(smtp_server)) == [
        ("conseiller@example.org",
         "Échéance dans 5 jours ouvrables : art. 29 — Avis de l'employeur (Reprographie)"),
        ("membre@example.org",
         "Échéance dans 5 jours ouvrables : art. 29 — Avis de l'employeur (Reprographie)"),
    ]
    # Running the scheduler again, that day or the next, sends nothing twice.
    run_on(datetime.date(2026, 3, 11), hour=15)
    run_on(datetime.date(2026, 3, 12))
    assert len(smtp_server.messages) == 2

    run_on(datetime.date(2026, 3, 17))
    assert received(smtp_server)[2:] == [
        ("conseiller@example.org",
         "Échéance dans 1 jour ouvrable : art. 29 — Avis de l'employeur (Reprographie)"),
        ("membre@example.org",
         "Échéance dans 1 jour ouvrable : art. 29 — Avis de l'employeur (Reprographie)"),
    ]
    run_on(DUE)  # due today: the last reminder is already out
    assert len(smtp_server.messages) == 4

    run_on(datetime.date(2026, 3, 19))
    run_on(datetime.date(2026, 3, 20))
    assert received(smtp_server)[4:] == [
        ("conseiller@example.org",
         "Échéance dépassée : art. 29 — Avis de l'employeur (Reprographie)"),
        ("membre@example.org",
         "Échéance dépassée : art. 29 — Avis de l'employeur (Reprographie)"),
    ]
    assert SentReminder.objects.filter(status=Status.SENT).count() == 6


@pytest.mark.usefixtures("deadline")
def test_the_mail_is_in_french_links_to_the_dossier_and_says_why(settings, smtp_server,
                                                                 dossier):
    settings.SITE_URL = "http://testserver"
    run_on(datetime.date(2026, 3, 11))
    message = next(m for m in smtp_server.messages if m["To"] == "membre@example.org")
    text = text_of(message)
    assert "Bonjour Josée Côté," in text
    assert "Échéance le 18 mars 2026, dans 5 jours ouvrables." in text
    assert ("30 jours de calendrier à partir de l'avis de l'employeur, comptés du "
            "16 février 2026") in text
    assert "vous êtes nommée ou nommé du côté terrain du dossier" in text
    dossier_url = "http://testserver" + reverse("vpp:dossier_detail", args=["ccsne", dossier.pk])
    assert dossier_url in text
    assert f'href="{dossier_url}"' in text_of(message, "html")
    assert "Hello" not in text  # French only, unless the person asks for English
    unsubscribe = link_in(text, "/preferences/desabonnement/")
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    conseiller_text = text_of(next(m for m in smtp_server.messages
                                   if m["To"] == "conseiller@example.org"))
    assert "vous êtes la conseillère ou le conseiller syndical assigné au dossier" in \
        conseiller_text


@pytest.mark.usefixtures("deadline")
def test_who_chose_english_reads_it_below_the_french(settings, smtp_server, membre):
    settings.SITE_URL = "http://testserver"
    reminders.preferences_update(user=membre, english=True)
    run_on(datetime.date(2026, 3, 11))
    message = next(m for m in smtp_server.messages if m["To"] == "membre@example.org")
    french, english = text_of(message).split("-" * 70)
    assert "Échéance le 18 mars 2026, dans 5 jours ouvrables." in french
    assert "Due on March 18, 2026, in 5 working days." in english
    assert "because you are named on the dossier's field side" in english
    html = text_of(message, "html")
    assert html.index('lang="fr-ca"') < html.index('lang="en"')


def test_a_deadline_moved_after_its_reminder_is_reminded_with_its_new_date(
        settings, smtp_server, deadline, dossier, rule):
    settings.SITE_URL = "http://testserver"
    run_on(datetime.date(2026, 3, 11))
    assert len(smtp_server.messages) == 2
    vpp_services.deadline_set(dossier=dossier, rule=rule, deadline=deadline,
                              trigger_date=datetime.date(2026, 2, 23))  # due 25 March
    run_on(datetime.date(2026, 3, 17))  # 6 working days before the new date: nothing
    assert len(smtp_server.messages) == 2
    run_on(datetime.date(2026, 3, 18))
    [first, _second] = smtp_server.messages[2:]
    assert "Échéance le 25 mars 2026, dans 5 jours ouvrables." in text_of(first)


def test_a_reminder_planned_but_not_sent_before_its_deadline_moved_is_not_sent(
        settings, smtp_server, deadline, dossier, rule):
    with at(datetime.date(2026, 3, 11)):
        reminders.plan(today=datetime.date(2026, 3, 11))
    vpp_services.deadline_set(dossier=dossier, rule=rule, deadline=deadline,
                              trigger_date=datetime.date(2026, 3, 1))
    with at(datetime.date(2026, 3, 11)):
        reminders.dispatch()
    assert smtp_server.messages == []
    assert set(SentReminder.objects.values_list("status", flat=True)) == {Status.SKIPPED}


def test_a_met_deadline_and_a_closed_dossier_are_not_reminded(smtp_server, deadline, dossier,
                                                              rule):
    vpp_services.deadline_set(dossier=dossier, rule=rule, deadline=deadline,
                              trigger_date=deadline.trigger_date, met=True)
    run_on(datetime.date(2026, 3, 11))
    assert smtp_server.messages == []
    assert not SentReminder.objects.exists()


def test_the_organization_sets_its_own_reminder_days(cc, smtp_server, deadline):
    cc.reminder_days_first, cc.reminder_days_last = 3, 0
    cc.save()
    run_on(datetime.date(2026, 3, 11))  # 5 working days left: not yet
    assert smtp_server.messages == []
    run_on(datetime.date(2026, 3, 13))  # 3 left
    assert len(smtp_server.messages) == 2
    assert "dans 3 jours ouvrables" in smtp_server.messages[0]["Subject"]
    run_on(datetime.date(2026, 3, 17))  # no last reminder
    assert len(smtp_server.messages) == 2


def test_a_person_who_left_the_organization_is_not_reminded(smtp_server, deadline, membre):
    membre.memberships.update(is_active=False)
    run_on(datetime.date(2026, 3, 11))
    assert [m["To"] for m in smtp_server.messages] == ["conseiller@example.org"]


# Plan steps


@pytest.fixture
def plan_2026(cc, membre, executif):
    """An adopted plan: a step of March 2026 for membre (QUI of the action), one on
    20 March 2026 for the exécutif (QUI of the step)."""
    plan = plan_services.plan_create(organization=cc, title="Plan de travail 2025-2028",
                                     mandate_start=datetime.date(2025, 6, 1),
                                     mandate_end=datetime.date(2028, 5, 31))
    orientation = plan_services.orientation_create(plan=plan, statement="Solidarité")
    action = plan_services.action_create(orientation=orientation, what="Tournée des syndicats",
                                         responsible_user=membre)
    plan_services.step_create(action=action, text="Préparer la tournée",
                              when_kind=Step.When.MONTH, when_date=datetime.date(2026, 3, 1))
    plan_services.step_create(action=action, text="Bilan au conseil",
                              when_kind=Step.When.DATE, when_date=datetime.date(2026, 3, 20),
                              responsible_user=executif)
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.ADOPTED)
    return plan


def test_steps_of_the_month_and_overdue_steps_reach_their_qui(settings, smtp_server,
                                                              plan_2026):
    settings.SITE_URL = "http://testserver"
    # Adopted, not published: the membre cannot read it yet, the exécutif can.
    run_on(datetime.date(2026, 3, 2))
    assert received(smtp_server) == [
        ("executif@example.org", "Ce mois-ci : Bilan au conseil")]
    text = text_of(smtp_server.messages[0])
    assert "Prévue : 20 mars 2026." in text
    assert "vous êtes nommée ou nommé QUI de cette étape" in text
    assert ("http://testserver" + reverse("plans:detail", args=["ccsne", plan_2026.pk])) in text

    WorkPlan.objects.filter(pk=plan_2026.pk).update(state=WorkPlan.State.PUBLISHED)
    run_on(datetime.date(2026, 3, 3))
    assert received(smtp_server)[1:] == [
        ("membre@example.org", "Ce mois-ci : Préparer la tournée")]
    assert "Prévue : mars 2026." in text_of(smtp_server.messages[1])

    run_on(datetime.date(2026, 3, 24))
    run_on(datetime.date(2026, 4, 1))
    run_on(datetime.date(2026, 4, 2))
    assert sorted(received(smtp_server)[2:]) == [
        ("executif@example.org", "Étape en retard : Bilan au conseil"),
        ("membre@example.org", "Étape en retard : Préparer la tournée"),
    ]


def test_a_step_of_a_settled_action_or_a_draft_plan_is_not_reminded(smtp_server, plan_2026):
    WorkPlan.objects.filter(pk=plan_2026.pk).update(state=WorkPlan.State.DRAFT)
    run_on(datetime.date(2026, 3, 2))
    assert smtp_server.messages == []


# Preferences


def test_a_kind_turned_off_is_not_sent(smtp_server, deadline, membre):
    reminders.preferences_update(user=membre, deadline=False)
    run_on(datetime.date(2026, 3, 11))
    assert [m["To"] for m in smtp_server.messages] == ["conseiller@example.org"]


def test_the_preferences_page_saves_the_choices(client, membre):
    client.force_login(membre)
    response = client.get(reverse("reminder_preferences"))
    assert response.status_code == 200
    assert "Échéances VPP" in page(response)
    response = client.post(reverse("reminder_preferences"),
                           {"step": "on", "digest": "on", "english": "on"})
    assert response.status_code == 302
    preferences = ReminderPreference.objects.get(user=membre)
    assert (preferences.deadline, preferences.step, preferences.digest,
            preferences.english) == (False, True, True, True)


def test_the_navigation_links_to_the_preferences(client, membre):
    client.force_login(membre)
    assert f'href="{reverse("reminder_preferences")}"' in page(client.get(reverse("my_actions")))


def test_the_unsubscribe_link_works_without_logging_in(client, settings, smtp_server,
                                                       deadline, membre):
    settings.SITE_URL = "http://testserver"
    run_on(datetime.date(2026, 3, 11))
    message = next(m for m in smtp_server.messages if m["To"] == "membre@example.org")
    link = link_in(text_of(message), "/preferences/desabonnement/")
    path = link.removeprefix("http://testserver")

    before = snapshot()
    response = client.get(path)  # a mail scanner opening the link changes nothing
    assert response.status_code == 200
    assert "Ne plus envoyer « Échéances VPP » à membre@example.org ?" in page(response)
    assert snapshot() == before

    response = client.post(path)
    assert response.status_code == 200
    assert "membre@example.org ne recevra plus « Échéances VPP »." in page(response)
    preferences = ReminderPreference.objects.get(user=membre)
    assert (preferences.deadline, preferences.step, preferences.digest) == (False, True, True)

    run_on(datetime.date(2026, 3, 17))
    assert [m["To"] for m in smtp_server.messages[2:]] == ["conseiller@example.org"]


def test_a_forged_unsubscribe_link_is_refused(client, membre):
    token = reminders.unsubscribe_token(user=membre, kind=Reminder.DEADLINE)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    before = snapshot()
    for method in (client.get, client.post):
        response = method(reverse("reminders_unsubscribe", args=[forged]))
        assert response.status_code == 400
        assert "Ce lien de désabonnement n'est pas valide." in page(response)
    assert snapshot() == before


# Never lost


def test_a_mail_server_down_is_retried_with_back_off_then_sent(settings, smtp_server, deadline,
                                                               superuser, client):
    smtp_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    start = datetime.datetime(2026, 3, 11, 7, tzinfo=MONTREAL)
    with time_machine.travel(start, tick=False):
        reminders.run()
    def rows():
        return list(SentReminder.objects.order_by("pk"))

    assert [(r.status, r.attempts) for r in rows()] == [(Status.FAILED, 1)] * 2
    assert {r.next_attempt_at for r in rows()} == {start + datetime.timedelta(minutes=1)}
    assert "ConnectionRefusedError" in rows()[0].last_error

    client.force_login(superuser)
    listing = page(client.get(reverse("admin:unionplans_sentreminder_changelist")))
    assert "Échec, nouvel essai prévu" in listing
    assert "ConnectionRefusedError" in listing

    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert reminders.dispatch() == 0  # not before its back-off
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert reminders.dispatch() == 2
    assert {r.next_attempt_at for r in rows()} == {start + datetime.timedelta(minutes=3)}
    assert [r.attempts for r in rows()] == [2, 2]

    settings.EMAIL_PORT = smtp_port
    with time_machine.travel(start + datetime.timedelta(minutes=3), tick=False):
        reminders.dispatch()
    assert [(r.status, r.attempts) for r in rows()] == [(Status.SENT, 3)] * 2
    assert len(smtp_server.messages) == 2


def test_after_max_attempts_it_gives_up_and_the_admin_can_retry(settings, smtp_down, deadline,
                                                                superuser, client):
    now = datetime.datetime(2026, 3, 11, 7, tzinfo=MONTREAL)
    with time_machine.travel(now, tick=False):
        reminders.plan(today=now.date())
    SentReminder.objects.update(attempts=reminders.MAX_ATTEMPTS - 1)
    with time_machine.travel(now, tick=False):
        reminders.dispatch()
    assert set(SentReminder.objects.values_list("status", flat=True)) == {Status.GAVE_UP}
    client.force_login(superuser)
    response = client.post(reverse("admin:unionplans_sentreminder_changelist"), {
        "action": "retry_now",
        "_selected_action": list(SentReminder.objects.values_list("pk", flat=True)),
    })
    assert response.status_code == 302
    assert set(SentReminder.objects.values_list("status", "attempts")) == {(Status.PENDING, 0)}


def test_a_reminder_is_sent_once_even_when_queued_twice(smtp_server, deadline):
    with at(datetime.date(2026, 3, 11)):
        reminders.plan(today=datetime.date(2026, 3, 11))
        pk = SentReminder.objects.first().pk
        assert reminders.deliver(pk) == Status.SENT
        assert reminders.deliver(pk) == "taken"
    assert len(smtp_server.messages) == 1


def test_the_sent_log_admin_is_for_superusers_only(client, conseiller):
    client.force_login(conseiller)
    response = client.get(reverse("admin:unionplans_sentreminder_changelist"))
    assert response.status_code == 403


def test_the_command_runs_the_same_service(smtp_server, deadline):
    from django.core.management import call_command

    with at(datetime.date(2026, 3, 11)):
        call_command("send_reminders")
        call_command("send_reminders")
    assert len(smtp_server.messages) == 2


# Scale


def _people_with_deadlines(cc, rule, people: int, per_person: int, offset: int):
    for index in range(people):
        person = make_person(f"p{offset + index}", cc, Role.MEMBER)
        dossier = vpp_services.dossier_create(
            organization=cc, by=None, title=f"Dossier {offset + index}", establishment="CISSS",
            service="Buanderie", mode=Dossier.Mode.INTERVENTION,
            domain=Dossier.Domain.INTERVENTION, m2m={"direction_people": [person]},
        )
        for day in range(per_person):
            vpp_services.deadline_set(dossier=dossier, rule=rule, trigger_date=(
                DUE - datetime.timedelta(days=30 + day)))


def test_planning_takes_the_same_number_of_queries_for_more_people_and_deadlines(cc, rule):
    today = datetime.date(2026, 3, 11)

    def queries() -> int:
        with at(today), CaptureQueriesContext(connection) as captured:
            reminders.due_on(today)
        return len(captured)

    _people_with_deadlines(cc, rule, people=2, per_person=2, offset=0)
    few = queries()
    _people_with_deadlines(cc, rule, people=8, per_person=4, offset=2)
    assert queries() == few
    assert len(reminders.due_on(today)) > 10


# The weekly digest


def test_the_weekly_digest_lists_the_week_and_is_skipped_when_empty(settings, smtp_server,
                                                                   plan_2026, executif,
                                                                   conseiller):
    settings.SITE_URL = "http://testserver"
    ReminderPreference.objects.create(user=executif, step=False)
    WorkPlan.objects.filter(pk=plan_2026.pk).update(state=WorkPlan.State.PUBLISHED)
    # Monday 30 March: the exécutif's step of 20 March is overdue, the membre's step of
    # March falls due on the month's last day (unionplans.due), Tuesday 31.
    monday = datetime.date(2026, 3, 30)
    run_on(monday)
    digests = [m for m in smtp_server.messages if m["Subject"].startswith("Cette semaine")]
    # The conseiller answers for nothing: no digest.
    assert sorted(m["To"] for m in digests) == ["executif@example.org", "membre@example.org"]
    text = text_of(next(m for m in digests if m["To"] == "executif@example.org"))
    assert "Bilan au conseil" in text
    assert "20 mars 2026 (en retard)" in text
    assert "Préparer la tournée" not in text
    text = text_of(next(m for m in digests if m["To"] == "membre@example.org"))
    assert "Préparer la tournée" in text
    assert "Bilan au conseil" not in text
    assert "http://testserver" + reverse("my_actions") in text
    assert SentReminder.objects.get(kind=Reminder.DIGEST, user=conseiller).status == \
        Status.SKIPPED
    run_on(monday, hour=12)
    assert len([m for m in smtp_server.messages if m["Subject"].startswith("Cette semaine")]) == 2


def test_the_digest_counts_the_comite_d_entraide_s_rows_without_their_text(
        settings, smtp_server, cc, membre, templates):  # noqa: F811
    """Confidential rows stay in the app: the mail says how many, and where to read them."""
    settings.SITE_URL = "http://testserver"
    row = make_row(cc, membre, templates, year=2026)
    entraide_services.row_update(row=row, objective="Soutenir Gisèle après son congé",
                                 schedule=["20 mars 2026"])
    Membership.objects.filter(user=membre).update(on_entraide_committee=True)
    run_on(datetime.date(2026, 3, 16))
    digest = next(m for m in smtp_server.messages if m["To"] == "membre@example.org")
    text = text_of(digest)
    assert " ".join(digest["Subject"].split()) == (
        "Cette semaine : 1 chose dont vous êtes responsable")
    assert "1 ligne du comité d'entraide : voir l'application" in text
    html = next(part for part in digest.walk() if part.get_content_type() == "text/html")
    html = html.get_payload(decode=True).decode()
    assert "1 ligne du comité d&#x27;entraide : voir l&#x27;application" in html
    assert "Gisèle" not in text and "Gisèle" not in html
    assert f"#row-{row.pk}" not in text
    assert "\n* " not in text  # no line at all: the row is only counted


def test_no_digest_on_other_days(smtp_server, plan_2026):
    run_on(datetime.date(2026, 3, 17))
    assert not SentReminder.objects.filter(kind=Reminder.DIGEST).exists()


def test_the_command_can_only_retry(smtp_server, deadline):
    from django.core.management import call_command

    with at(datetime.date(2026, 3, 11)):
        call_command("send_reminders", "--retries-only")
    assert smtp_server.messages == []
    assert not SentReminder.objects.exists()


def test_a_claim_left_by_a_dead_worker_lapses_then_the_reminder_is_sent(smtp_server, deadline):
    now = datetime.datetime(2026, 3, 11, 7, tzinfo=MONTREAL)
    with time_machine.travel(now, tick=False):
        reminders.plan(today=now.date())
    row = SentReminder.objects.first()
    assert reminders.claim(row.pk, now) is not None  # a worker took it, then died
    assert reminders.deliver(row.pk, now=now + datetime.timedelta(minutes=5)) == "taken"
    later = now + reminders.CLAIM_TIMEOUT
    with time_machine.travel(later, tick=False):
        assert reminders.deliver(row.pk) == Status.SENT
    assert len(smtp_server.messages) == 1


def test_the_executif_sets_the_reminder_days_and_a_bad_number_is_refused(client, cc, executif):
    client.force_login(executif)
    url = reverse("reminder_days", args=[cc.slug])
    assert f'href="{url}"' in page(client.get(reverse("organization_detail", args=[cc.slug])))
    response = client.post(url, {"reminder_days_first": "45", "reminder_days_last": "1"})
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur est inférieure ou égale à 30." in page(response)
    cc.refresh_from_db()
    assert (cc.reminder_days_first, cc.reminder_days_last) == (5, 1)
    response = client.post(url, {"reminder_days_first": "10", "reminder_days_last": "2"})
    assert response.status_code == 302
    cc.refresh_from_db()
    assert (cc.reminder_days_first, cc.reminder_days_last) == (10, 2)
    assert cc.history.latest().history_user == executif
