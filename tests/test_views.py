import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import PASSWORD, Role, page
from unionplans.models import Membership, Organization


def test_it_redirects_anonymous_visitors_to_the_login_page(client, cc):
    for url in [reverse("dashboard"), reverse("organization_detail", args=[cc.slug])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_it_lists_only_the_users_organizations_with_role(login, executif, executif2, cc, syndicat):
    response = login(executif).get(reverse("dashboard"))
    assert response.status_code == 200
    assert cc.name in page(response)
    assert "Membre de l'exécutif" in page(response)
    assert syndicat.name not in page(response)


def test_executif2_gets_404_on_the_conseil_central(login, executif2, cc):
    response = login(executif2).get(reverse("organization_detail", args=[cc.slug]))
    assert response.status_code == 404


def test_an_unknown_organization_answers_404(login, executif):
    response = login(executif).get(reverse("organization_detail", args=["inconnue"]))
    assert response.status_code == 404


def test_an_outsider_sees_no_organization(login, outsider, cc):
    response = login(outsider).get(reverse("dashboard"))
    assert cc.name not in page(response)
    assert login(outsider).get(reverse("organization_detail", args=[cc.slug])).status_code == 404


def test_the_executif_sees_members_and_the_membre_does_not(login, executif, membre, cc):
    text = page(login(executif).get(reverse("organization_detail", args=[cc.slug])))
    assert "Josée Côté" in text
    assert reverse("member_list_pdf", args=[cc.slug]) in text

    text = page(login(membre).get(reverse("organization_detail", args=[cc.slug])))
    assert cc.name in text
    assert "Denis Gagnon" not in text
    assert reverse("member_list_pdf", args=[cc.slug]) not in text


def test_a_parent_lists_only_the_affiliates_the_user_may_see(login, executif, cc, syndicat):
    url = reverse("organization_detail", args=[cc.slug])
    assert syndicat.name not in page(login(executif).get(url))

    Membership.objects.create(user=executif, organization=syndicat, role=Role.MEMBER)
    assert syndicat.name in page(login(executif).get(url))


def test_the_dashboard_rejects_post(login, executif):
    assert login(executif).post(reverse("dashboard")).status_code == 405


@pytest.mark.django_db
def test_a_wrong_password_gets_a_french_error(client, executif):
    response = client.post(reverse("login"), {"username": "executif", "password": "mauvais"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in page(response)
    assert "_auth_user_id" not in client.session


def test_a_right_password_logs_in(client, executif):
    response = client.post(reverse("login"), {"username": "executif", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_the_language_switcher_turns_the_page_english(login, executif):
    client = login(executif)
    assert "Mes organisations" in page(client.get(reverse("dashboard")))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = page(client.get(reverse("dashboard")))
    assert "My organizations" in text
    assert '<html lang="en">' in text


def test_a_404_is_a_french_page_in_the_site_layout(login, executif):
    response = login(executif).get("/o/inconnue/")
    assert response.status_code == 404
    assert "Page introuvable" in page(response)
    assert "Mes organisations" in page(response)


def test_a_403_is_a_french_page(login, membre, cc):
    response = login(membre).get(reverse("member_list_pdf", args=[cc.slug]))
    assert response.status_code == 403
    assert "Accès refusé" in page(response)


def test_the_switcher_offers_only_the_other_language(login, executif):
    client = login(executif)
    buttons = re.findall(r'name="language" value="([^"]+)"', page(client.get(reverse("dashboard"))))
    assert buttons == ["en"]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    buttons = re.findall(r'name="language" value="([^"]+)"', page(client.get(reverse("dashboard"))))
    assert buttons == ["fr-ca"]


def test_an_english_browser_still_gets_french_until_the_person_switches(client, executif):
    client.force_login(executif)
    english_browser = {"accept-language": "en-US,en;q=0.9"}
    assert "Mes organisations" in page(client.get(reverse("dashboard"), headers=english_browser))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My organizations" in page(client.get(reverse("dashboard"), headers=english_browser))


def test_pages_do_not_vary_on_the_ignored_accept_language(login, executif):
    response = login(executif).get(reverse("dashboard"))
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "fr-ca"


def test_an_unknown_language_cookie_falls_back_to_french(client, executif):
    client.force_login(executif)
    client.cookies["django_language"] = "xx"
    assert "Mes organisations" in page(client.get(reverse("dashboard")))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["dashboard", "organization_detail"])
def test_query_count_does_not_grow_with_organizations(login, executif, cc, url_name):
    client = login(executif)
    url = reverse(url_name, args=[cc.slug] if url_name == "organization_detail" else [])
    few = count_queries(client, url)
    for number in range(20):
        affiliate = Organization.objects.create(
            name=f"Syndicat {number}", short_name=f"S{number}", slug=f"s{number}",
            kind=Organization.Kind.UNION, parent=cc,
        )
        Membership.objects.create(user=executif, organization=affiliate, role=Role.MEMBER)
    assert count_queries(client, url) == few


def test_the_health_check_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_the_health_check_reports_a_dead_cache(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}


def test_the_health_check_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("login")).status_code == 301
