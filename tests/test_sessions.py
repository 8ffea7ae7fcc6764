"""Shared office computers: idle sessions end, a public computer's session closes with the
browser, and a person logs out everywhere from their account (unionplans/sessions.py)."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD, page
from unionplans.models import SessionRecord
from unionplans.sessions import LAST_SEEN

pytestmark = pytest.mark.django_db


def log_in(client, username, **extra):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD,
                                              **extra})
    assert response.status_code == 302
    return client


def idle_for(client, seconds):
    """As if the last request of this client's session was `seconds` ago."""
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_past_the_limit_ends_at_its_next_request(client, cc, executif):
    log_in(client, "executif")
    idle_for(client, settings.SESSION_IDLE_MINUTES * 60 + 1)
    organization = reverse("organization_detail", args=[cc.slug])

    response = client.get(organization)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={organization}"
    text = page(client.get(response.url))
    assert "Votre session a pris fin après 120 minutes sans activité" in text
    assert client.get(organization).status_code == 302  # logged out for good
    assert not SessionRecord.objects.exists()


def test_activity_keeps_the_session_and_is_written_at_most_once_a_minute(client, cc, executif):
    log_in(client, "executif")
    organization = reverse("organization_detail", args=[cc.slug])
    idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 5)

    assert client.get(organization).status_code == 200
    assert client.session[LAST_SEEN] >= time.time() - 5  # the clock starts again
    seen = SessionRecord.objects.get().last_seen_at

    idle_for(client, 30)
    before = client.session[LAST_SEEN]
    assert client.get(organization).status_code == 200
    assert client.session[LAST_SEEN] == before  # under a minute: nothing written
    assert SessionRecord.objects.get().last_seen_at == seen


def test_a_public_computer_session_closes_with_the_browser_and_idles_sooner(client, cc,
                                                                            executif):
    response = client.post(reverse("login"), {"username": "executif", "password": PASSWORD,
                                              "public_computer": "on"})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert SessionRecord.objects.get().public
    idle_for(client, settings.SESSION_PUBLIC_IDLE_MINUTES * 60 + 1)
    assert client.get(reverse("organization_detail", args=[cc.slug])).status_code == 302


def test_an_ordinary_login_keeps_its_cookie_for_the_session_age(client, executif):
    response = client.post(reverse("login"), {"username": "executif", "password": PASSWORD})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert not SessionRecord.objects.get().public


def test_the_login_page_offers_the_public_computer_box(client):
    text = page(client.get(reverse("login")))

    assert "Ordinateur public ou partagé" in text


def test_log_out_everywhere_ends_every_session_of_the_person_and_only_theirs(cc, executif,
                                                                             membre):
    office, home, colleague = Client(), Client(), Client()
    for browser in (office, home):
        log_in(browser, "executif")
    log_in(colleague, "membre")
    organization = reverse("organization_detail", args=[cc.slug])
    account = page(home.get(reverse("account")))
    assert account.count("Une autre session") == 1 and "Cette session" in account

    response = home.post(reverse("logout_everywhere"), follow=True)

    assert "2 sessions terminées" in page(response)
    assert office.get(organization).status_code == 302
    assert home.get(organization).status_code == 302
    assert colleague.get(organization).status_code == 200
    assert list(SessionRecord.objects.values_list("user__username", flat=True)) == ["membre"]


def test_log_out_everywhere_is_a_post_of_someone_logged_in(client, executif):
    response = client.post(reverse("logout_everywhere"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))

    log_in(client, "executif")
    assert client.get(reverse("logout_everywhere")).status_code == 405
    assert SessionRecord.objects.count() == 1


def test_logging_out_forgets_the_session(client, executif):
    log_in(client, "executif")

    client.post(reverse("logout"))

    assert not SessionRecord.objects.exists()
