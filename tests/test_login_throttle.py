"""Login throttling (django-axes): 5 failures on a username lock it for 15 minutes.

On the site's login page and on the admin's alike; the page of a locked login says, in
French, when to try again and how to be unlocked sooner. Settings in unionplans/settings.py,
hooks in unionplans/accounts.py.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.helpers import PASSWORD, page
from unionplans import accounts

LOCKED = "la connexion à ce compte est bloquée"


def log_in(client, username, password=PASSWORD, url_name="login"):
    data = {"username": username, "password": password}
    if url_name == "admin:login":
        data["next"] = reverse("admin:index")
    return client.post(reverse(url_name), data)


def fail(client, username, times=5, url_name="login"):
    for _ in range(times):
        response = log_in(client, username, "pas-le-bon", url_name)
    return response


def test_five_failures_lock_the_account_even_with_the_right_password(client, executif):
    for _ in range(4):
        assert log_in(client, "executif", "pas-le-bon").status_code == 200
    assert log_in(client, "executif", "pas-le-bon").status_code == 429

    response = log_in(client, "executif")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = page(response)
    assert LOCKED in text
    # When: the fifth failure plus 15 minutes, as French writes a time, and how long.
    fifth = AccessAttempt.objects.get(username="executif").attempt_time
    until = timezone.localtime(fifth + timedelta(minutes=15))
    minutes = f"\xa0{until.minute:02d}" if until.minute else ""
    assert f"Réessayez à {until.hour}\xa0h{minutes}, dans 15 minutes." in text
    # How to be unlocked sooner.
    assert "Mot de passe oublié" in text
    assert reverse("password_reset") in text
    assert "administrateur" in text


def test_the_lock_is_on_the_username_not_on_the_address(client, executif, membre):
    fail(client, "executif")
    response = log_in(client, "membre")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(membre.pk)


def test_the_lock_holds_from_another_address(client, executif):
    fail(client, "executif")
    response = client.post(reverse("login"), {"username": "executif", "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_the_right_password_works_again_after_the_cool_off(client, executif):
    fail(client, "executif")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = log_in(client, "executif")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(executif.pk)


def test_a_success_clears_the_count(client, executif):
    fail(client, "executif", times=4)
    assert log_in(client, "executif").status_code == 302
    client.logout()
    assert not AccessAttempt.objects.exists()
    fail(client, "executif", times=4)
    assert log_in(client, "executif").status_code == 302


def test_the_admin_login_is_throttled_too(client, conseiller):
    assert fail(client, "conseiller", url_name="admin:login").status_code == 429
    response = log_in(client, "conseiller", url_name="admin:login")
    assert response.status_code == 429
    assert LOCKED in page(response)
    assert "_auth_user_id" not in client.session


def test_a_lock_from_the_admin_holds_on_the_site(client, conseiller):
    fail(client, "conseiller", url_name="admin:login")
    assert log_in(client, "conseiller").status_code == 429


def test_the_admin_lists_the_attempts_and_a_superuser_unlocks_by_deleting_them(
    client, executif, superuser
):
    fail(client, "executif")
    admin = type(client)()
    admin.force_login(superuser)
    index = page(admin.get(reverse("admin:index")))
    assert reverse("admin:axes_accessattempt_changelist") in index
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "executif" in page(changelist)

    attempt = AccessAttempt.objects.get(username="executif")
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "executif").status_code == 302


def test_a_conseiller_cannot_unlock(client, executif, conseiller):
    fail(client, "executif")
    adviser = type(client)()
    adviser.force_login(conseiller)
    response = adviser.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="executif").exists()


def test_choosing_a_new_password_lifts_the_lock(client, executif):
    fail(client, "executif")
    client.post(reverse("password_reset"), {"email": executif.email})
    link = re.search(r"(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "une-phrase-de-passe-solide-2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert log_in(client, "executif", new).status_code == 302


def test_force_login_is_not_throttled(client, executif):
    fail(client, "executif")
    client.force_login(executif)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_page_is_english_in_english(client, executif):
    fail(client, "executif")
    client.cookies["django_language"] = "en"
    text = page(log_in(client, "executif"))
    assert "logging in to this account is locked" in text
    time = r"(\d{1,2}(:\d\d)? [ap]\.m\.|noon|midnight)"
    assert re.search(rf"Try again at {time}, in 15 minutes\.", text)


@pytest.mark.parametrize(
    ("opted_in", "expected"), [(False, "10.0.0.2"), (True, "198.51.100.7")]
)
def test_the_client_address_comes_from_the_proxy_only_when_opted_in(rf, opted_in, expected):
    request = rf.post(
        "/connexion/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",  # the first is whatever the client sent
    )
    with override_settings(USE_X_FORWARDED_FOR=opted_in):
        assert accounts.client_ip(request) == expected
