"""Accounts: one account per email address (case ignored), Django's password rules,
a rate-limited « Mot de passe oublié », and membership changes in history with who.

Login throttling is in tests/test_login_throttle.py.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse

from tests.helpers import admin_form_data, make_person, page
from unionplans.accounts import email_taken, normalize_email
from unionplans.models import Membership

User = get_user_model()
EMAIL_TAKEN = "Un autre compte utilise déjà cette adresse courriel."


# One account per email address.


def test_normalize_email_strips_and_lowers():
    assert normalize_email("  Denis.Gagnon@CSN.qc.ca ") == "denis.gagnon@csn.qc.ca"
    assert normalize_email(None) == ""


def test_email_taken_ignores_case_blank_and_the_account_itself(executif):
    assert email_taken("EXECUTIF@example.org ")
    assert not email_taken("executif@example.org", exclude_user=executif)
    assert not email_taken("personne@example.org")
    User.objects.create_user("sans_adresse")
    assert not email_taken("")


def test_the_database_refuses_a_second_account_with_the_same_address_in_another_case(executif):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("double", email="Executif@Example.org")


def test_the_database_allows_many_accounts_without_an_address(db):
    User.objects.create_user("premier", email="")
    User.objects.create_user("second", email="")
    assert User.objects.filter(email="").count() == 2


def user_form(client, url, **changes):
    """What the admin's change page of an account posts (its date is split in two)."""
    data = admin_form_data(client.get(url), **changes)
    joined = data.pop("date_joined")
    data.update(date_joined_0=joined.date().isoformat(), date_joined_1="12:00:00")
    return data


def test_the_admin_refuses_a_duplicate_address_when_changing_an_account(
    login, superuser, executif, membre
):
    client = login(superuser)
    url = reverse("admin:auth_user_change", args=[membre.pk])
    response = client.post(url, user_form(client, url, email=" EXECUTIF@example.org"))
    assert response.status_code == 200
    assert EMAIL_TAKEN in page(response)
    membre.refresh_from_db()
    assert membre.email == "membre@example.org"


def test_the_admin_stores_a_changed_address_in_lower_case(login, superuser, membre):
    client = login(superuser)
    url = reverse("admin:auth_user_change", args=[membre.pk])
    # The account's own address, in another case, is not a duplicate.
    response = client.post(url, user_form(client, url, email=" Membre@Example.org "))
    assert response.status_code == 302
    membre.refresh_from_db()
    assert membre.email == "membre@example.org"


def test_the_admin_refuses_a_duplicate_address_when_adding_an_account(login, superuser, executif):
    client = login(superuser)
    data = {
        "username": "nouveau",
        "email": "Executif@example.org",
        "usable_password": "false",
    }
    response = client.post(reverse("admin:auth_user_add"), data)
    assert response.status_code == 200
    assert EMAIL_TAKEN in page(response)
    assert not User.objects.filter(username="nouveau").exists()

    data["email"] = "Nouveau@Example.org"
    assert client.post(reverse("admin:auth_user_add"), data).status_code == 302
    assert User.objects.get(username="nouveau").email == "nouveau@example.org"


# Passwords: Django's four validators.


def test_django_s_four_password_validators_are_on():
    names = {validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
    assert {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    } <= names


def test_a_numeric_or_common_new_password_is_refused_in_french(client, executif):
    client.post(reverse("password_reset"), {"email": executif.email})
    link = re.search(r"(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "1234567890",
                                      "new_password2": "1234567890"})
    assert response.status_code == 200
    text = page(response)
    assert "Ce mot de passe est entièrement numérique." in text
    assert "Ce mot de passe est trop courant." in text
    executif.refresh_from_db()
    assert not executif.check_password("1234567890")


# « Mot de passe oublié »: at most 5 links an hour per address, 20 per client.


@pytest.fixture
def fresh_limits(settings):
    """The production limits (the suite's settings raise them: every test comes from
    127.0.0.1), with empty counters."""
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 5
    settings.PASSWORD_RESET_LIMIT_PER_IP = 20
    cache.clear()
    yield
    cache.clear()


def test_the_sixth_request_for_an_address_sends_no_mail_and_answers_the_same(
    client, executif, fresh_limits
):
    for sent in range(1, 6):
        response = client.post(reverse("password_reset"), {"email": executif.email})
        assert response.status_code == 302
        assert len(mail.outbox) == sent
    # The sixth, even typed in another case and from another address: nothing, same answer.
    response = client.post(reverse("password_reset"), {"email": "EXECUTIF@example.org"},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 5
    # Another person is not held back.
    make_person("autre")
    client.post(reverse("password_reset"), {"email": "autre@example.org"})
    assert len(mail.outbox) == 6


def test_one_client_gets_at_most_twenty_links_an_hour(client, fresh_limits, db):
    for number in range(20):
        make_person(f"personne{number}")
    for number in range(20):
        client.post(reverse("password_reset"), {"email": f"personne{number}@example.org"})
    assert len(mail.outbox) == 20
    extra = make_person("personne20")
    response = client.post(reverse("password_reset"), {"email": extra.email})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 20
    # From another client, the same address still gets its link.
    client.post(reverse("password_reset"), {"email": extra.email}, REMOTE_ADDR="203.0.113.9")
    assert len(mail.outbox) == 21


def test_unknown_addresses_count_too(client, fresh_limits, executif):
    with override_settings(PASSWORD_RESET_LIMIT_PER_IP=2):
        client.post(reverse("password_reset"), {"email": "personne@example.org"})
        client.post(reverse("password_reset"), {"email": "autre@example.org"})
        client.post(reverse("password_reset"), {"email": executif.email})
    assert mail.outbox == []


# Membership changes in history, with who.


def test_a_role_changed_in_the_admin_inline_is_in_history_with_the_superuser(
    login, superuser, cc, membre
):
    client = login(superuser)
    url = reverse("admin:unionplans_organization_change", args=[cc.pk])
    shown = client.get(url)
    row = next(
        index for index, form in enumerate(shown.context["inline_admin_formsets"][0].formset.forms)
        if form.instance.user_id == membre.pk
    )
    response = client.post(
        url, admin_form_data(shown, **{f"memberships-{row}-role": Membership.Role.EXECUTIVE})
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=membre, organization=cc)
    assert membership.role == Membership.Role.EXECUTIVE
    record = membership.history.latest()
    assert record.history_type == "~"
    assert record.role == Membership.Role.EXECUTIVE
    assert record.history_user == superuser


def test_a_role_changed_on_the_membership_admin_is_in_history_with_the_superuser(
    login, superuser, cc, membre
):
    client = login(superuser)
    membership = Membership.objects.get(user=membre, organization=cc)
    url = reverse("admin:unionplans_membership_change", args=[membership.pk])
    response = client.post(
        url, admin_form_data(client.get(url), role=Membership.Role.ADVISER)
    )
    assert response.status_code == 302
    record = membership.history.latest()
    assert record.role == Membership.Role.ADVISER
    assert record.history_user == superuser


# account_create: the one way an account is made from an address


def test_account_create_normalizes_and_derives_a_unique_username(db):
    from unionplans.accounts import account_create, unique_username

    get_user_model().objects.create_user(username="nadia@example.org", email="")
    user = account_create(email="  Nadia@Example.ORG ", first_name="Nadia",
                          last_name="Tremblay", password="une-phrase-de-passe-solide-2026")
    assert (user.email, user.username, user.first_name) == (
        "nadia@example.org", "nadia@example.org-2", "Nadia")
    assert user.check_password("une-phrase-de-passe-solide-2026")
    assert unique_username("nadia@example.org") == "nadia@example.org-3"
    assert not account_create(email="sans.mot@example.org").has_usable_password()


def test_account_create_refuses_an_address_already_taken(executif):
    from django.core.exceptions import ValidationError

    from unionplans.accounts import account_create

    count = get_user_model().objects.count()
    with pytest.raises(ValidationError) as refusal:
        account_create(email="EXECUTIF@example.org")
    assert refusal.value.code == "email_taken"
    assert get_user_model().objects.count() == count
