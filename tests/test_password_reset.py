import re

from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse

from tests.helpers import page


def test_a_forgotten_password_is_reset_by_email(client, executif):
    response = client.post(reverse("password_reset"), {"email": executif.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [executif.email]
    assert "nouveau mot de passe" in message.subject
    assert "« executif »" in message.body

    link = re.search(r"https?://[^/\s]+(/mot-de-passe/nouveau/\S+)", message.body)[1]
    form = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in page(form)
    new = "une-phrase-de-passe-solide-2026"
    response = client.post(form.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert authenticate(username="executif", password=new) == executif

    # The link works once.
    assert "plus valide" in page(client.get(link, follow=True))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, executif):
    response = client.post(reverse("password_reset"), {"email": "personne@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_in_french(client, executif):
    client.post(reverse("password_reset"), {"email": executif.email})
    link = re.search(r"(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in page(response)
    assert authenticate(username="executif", password="123") is None


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in page(client.get(reverse("login")))


def test_an_imported_account_without_a_password_gets_the_link(client, db):
    """The member import makes accounts with an unusable password: « Mot de passe oublié »
    is how they get in (Django's own form would send nothing)."""
    from unionplans.accounts import account_create

    user = account_create(email="importee@example.org", first_name="Line", last_name="Roy")
    assert not user.has_usable_password()
    response = client.post(reverse("password_reset"), {"email": "Importee@Example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["importee@example.org"]
    link = re.search(r"https?://[^/\s]+(/mot-de-passe/nouveau/\S+)", message.body)[1]
    form = client.get(link, follow=True)
    new = "une-phrase-de-passe-solide-2026"
    response = client.post(form.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert authenticate(username=user.username, password=new) == user


def test_an_inactive_account_gets_no_link(client, db):
    from unionplans.accounts import account_create

    user = account_create(email="partie@example.org")
    user.is_active = False
    user.save()
    client.post(reverse("password_reset"), {"email": "partie@example.org"})
    assert mail.outbox == []
