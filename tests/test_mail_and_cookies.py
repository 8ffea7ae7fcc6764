"""A production server without a mail server neither sends nor logs mail (a reset link in
a log would open the account), and says so; the language cookie is as safe as the session's.
"""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.helpers import page
from tests.test_settings import PRODUCTION, manage
from unionplans.mail import NOT_CONFIGURED

pytestmark = pytest.mark.django_db


def test_production_without_email_host_uses_the_backend_that_sends_nothing():
    shown = manage("shell", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)",
                   env=PRODUCTION)
    assert shown.stdout.splitlines()[-1] == NOT_CONFIGURED
    with_host = manage("shell", "-c",
                       "from django.conf import settings; print(settings.EMAIL_BACKEND)",
                       env={**PRODUCTION, "EMAIL_HOST": "smtp.example.org"})
    assert with_host.stdout.splitlines()[-1] == "django.core.mail.backends.smtp.EmailBackend"


@override_settings(EMAIL_BACKEND=NOT_CONFIGURED)
def test_a_reset_request_without_a_mail_server_logs_no_link_and_the_page_says_so(
    client, executif, caplog
):
    executif.email = "denis@example.org"
    executif.save()
    url = reverse("password_reset")
    assert "n'envoie pas encore de courriel" in page(client.get(url))
    with caplog.at_level(logging.DEBUG):
        response = client.post(url, {"email": "denis@example.org"})
    assert response.status_code == 302
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "not sent" in logged
    assert "/mot-de-passe/nouveau/" not in logged
    assert "denis@example.org" not in logged


def test_the_reset_page_says_nothing_when_mail_is_configured(client):
    assert "n'envoie pas encore de courriel" not in page(client.get(reverse("password_reset")))


def test_the_language_cookie_is_secure_http_only_and_same_site(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
