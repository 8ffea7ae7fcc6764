"""Private iCalendar feeds: a person's deadlines and steps, an organization's for its
exécutif; the secret is kept as a digest only, revocable; dated things are all-day events
that stay on their day across the 1 November clock change (America/Montreal)."""

import datetime
import hashlib
import re
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from entraide import services as entraide_services
from plans import services as plan_services
from plans.models import Step, WorkPlan
from tests.helpers import Role, page
from tests.test_my_actions import make_action, make_dossier, make_row, templates  # noqa: F401
from unionplans import calendars
from unionplans.models import CalendarFeed, Membership
from vpp import services as vpp_services
from vpp.deadlines import DayKind
from vpp.models import DeadlineRule

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


def feed_url(token):
    return reverse("calendar_feed", args=[token])


def events(client, token):
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}, response.content.decode()


@pytest.fixture
def plan_step(cc, executif):
    """A dated step on Sunday 1 November 2026, the day the clocks go back in Montreal."""
    action = make_action(cc, executif, steps=())
    WorkPlan.objects.filter(pk=action.orientation.plan_id).update(
        mandate_end=datetime.date(2027, 6, 30))
    return plan_services.step_create(action=action, text="Assemblée", when_kind=Step.When.DATE,
                                     when_date=datetime.date(2026, 11, 1))


@pytest.fixture
def working_deadline(cc, executif):
    """One working day after Friday 30 October 2026: Monday 2 November (past the weekend
    and the clock change)."""
    dossier = make_dossier(cc, executif, trigger=datetime.date(2026, 10, 1))
    rule = DeadlineRule.objects.create(organization=cc, name="Grief", reference="3.10", days=1,
                                       day_kind=DayKind.WORKING, trigger="Avis")
    return vpp_services.deadline_set(dossier=dossier, rule=rule,
                                     trigger_date=datetime.date(2026, 10, 30))


def test_the_person_s_feed_has_all_day_events_on_the_right_days(
    client, executif, plan_step, working_deadline
):
    assert working_deadline.due_on == datetime.date(2026, 11, 2)
    token = calendars.feed_create(user=executif)
    found, text = events(client, token)
    step = found[f"step:{plan_step.pk}@unionplans"]
    deadline = found[f"deadline:{working_deadline.pk}@unionplans"]
    # All-day: dates, not times, so no time zone or clock change can move them.
    assert step.decoded("dtstart") == datetime.date(2026, 11, 1)
    assert step.decoded("dtend") == datetime.date(2026, 11, 2)
    assert deadline.decoded("dtstart") == datetime.date(2026, 11, 2)
    assert type(deadline.decoded("dtstart")) is datetime.date
    assert "DTSTART;VALUE=DATE:20261101" in text
    assert "DTSTART;VALUE=DATE:20261102" in text
    assert str(deadline["summary"]) == "Échéance VPP : Grief (3.10)"
    assert str(deadline["url"]).startswith("http://testserver/o/ccsne/vpp/")
    assert "X-WR-TIMEZONE:America/Montreal" in text
    # The 30-day art. 29 deadline of the same dossier, 31 October (calendar days).
    dates = sorted(e.decoded("dtstart") for e in found.values())
    assert dates == [datetime.date(2026, 10, 31), datetime.date(2026, 11, 1),
                     datetime.date(2026, 11, 2)]


def test_a_day_read_in_montreal_either_side_of_the_change_is_the_same_date(
    client, executif, plan_step
):
    """A calendar shows an all-day event on its date whatever the clock: the start of
    31 October is UTC-4 and of 2 November UTC-5, the event stays on 1 November."""
    token = calendars.feed_create(user=executif)
    found, _text = events(client, token)
    day = found[f"step:{plan_step.pk}@unionplans"].decoded("dtstart")
    before = datetime.datetime(2026, 10, 31, tzinfo=MONTREAL).utcoffset()
    after = datetime.datetime(2026, 11, 2, tzinfo=MONTREAL).utcoffset()
    assert before != after  # the change does happen in between
    assert day == datetime.date(2026, 11, 1)


def test_only_a_digest_of_the_secret_is_kept(executif):
    token = calendars.feed_create(user=executif)
    feed = CalendarFeed.objects.get()
    assert feed.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(CalendarFeed.objects.values_list()))


def test_a_new_address_stops_the_old_and_revoking_stops_it(client, executif):
    old = calendars.feed_create(user=executif)
    new = calendars.feed_create(user=executif)
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    calendars.feed_revoke(user=executif, pk=CalendarFeed.objects.get(revoked_at=None).pk)
    assert client.get(feed_url(new)).status_code == 404
    assert client.get(feed_url("pas-un-secret")).status_code == 404


def test_a_deactivated_account_s_feed_is_gone(client, executif):
    token = calendars.feed_create(user=executif)
    executif.is_active = False
    executif.save()
    assert client.get(feed_url(token)).status_code == 404


def test_the_organization_feed_lists_everyone_s_and_ends_with_the_role(
    client, cc, executif, membre, plan_step
):
    other = make_action(cc, membre, title="Autre", steps=())
    WorkPlan.objects.filter(pk=other.orientation.plan_id).update(
        mandate_end=datetime.date(2027, 6, 30))
    theirs = plan_services.step_create(action=other, text="Tournée", when_kind=Step.When.MONTH,
                                       when_date=datetime.date(2026, 12, 1))
    token = calendars.feed_create(user=executif, organization=cc)
    found, text = events(client, token)
    assert set(found) == {f"step:{plan_step.pk}@unionplans", f"step:{theirs.pk}@unionplans"}
    assert found[f"step:{theirs.pk}@unionplans"].decoded("dtstart") == datetime.date(2026, 12, 31)
    assert "X-WR-CALNAME:CCSNE" in text
    Membership.objects.filter(user=executif).update(role=Role.MEMBER)
    assert client.get(feed_url(token)).status_code == 404


def test_only_an_executif_makes_an_organization_feed(cc, membre, conseiller, executif2):
    for person in (membre, conseiller, executif2):
        with pytest.raises(PermissionError):
            calendars.feed_create(user=person, organization=cc)
    assert CalendarFeed.objects.count() == 0


def test_a_confidential_row_never_leaves_the_app_in_a_feed(
    login, client, cc, membre, templates  # noqa: F811
):
    row = make_row(cc, membre, templates)
    entraide_services.row_update(row=row, schedule=["15 novembre 2026"])
    Membership.objects.filter(user=membre).update(on_entraide_committee=True)
    token = calendars.feed_create(user=membre)

    assert events(client, token)[0] == {}
    # The same person sees it in the app, where the comité's plans stay.
    assert f"#row-{row.pk}" in page(login(membre).get(reverse("dashboard")))


def test_the_page_shows_a_new_address_once(login, executif, cc):
    client = login(executif)
    text = page(client.post(reverse("calendar_create"), {"organization": ""}))
    token = re.search(r'id="new-feed-url" type="text" readonly value="http://testserver'
                      r'/calendrier/([^"]+)\.ics"', text)[1]
    assert calendars.feed_for_token(token).organization is None
    text = page(client.get(reverse("calendars")))
    assert token not in text
    assert "Une adresse est active depuis le" in text
    assert f"Calendrier de {cc.name}" in text  # the exécutif's organization


def test_a_membre_s_page_offers_no_organization_calendar(login, membre, cc):
    text = page(login(membre).get(reverse("calendars")))
    assert "Calendrier de" not in text
    response = login(membre).post(reverse("calendar_create"), {"organization": cc.slug})
    assert response.status_code == 403
    assert CalendarFeed.objects.count() == 0


def test_the_user_menu_links_the_calendars(login, membre):
    assert f'href="{reverse("calendars")}"' in page(login(membre).get(reverse("dashboard")))
