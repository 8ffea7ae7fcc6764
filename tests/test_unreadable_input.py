"""Input no text can hold is refused with a 400 before any form reads it (nothing saved)."""

import pytest
from django.urls import reverse

from entraide import services
from entraide.models import EntraidePlan, EntraideRow
from tests.helpers import page

CHARSET_REFUSAL = "Les formulaires doivent être envoyés en UTF-8."
NUL_REFUSAL = "La requête contient un caractère NUL, qu'aucun texte ne peut contenir."


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "utf-32", "ISO-8859-1"])
@pytest.mark.parametrize("url", ["/connexion/", "/sante/", "/mot-de-passe/oublie/"])
def test_a_form_posted_in_another_charset_is_a_400_even_anonymously(client, url, charset):
    response = client.post(url, "username=a&password=b",
                           content_type=f"application/x-www-form-urlencoded; charset={charset}")
    assert response.status_code == 400
    assert CHARSET_REFUSAL in page(response)


def test_utf_8_forms_still_work(client, executif):
    response = client.post(
        "/connexion/", "username=executif&password=un-mot-de-passe-de-test",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302


def test_a_nul_character_in_a_search_is_a_400(login, executif, cc):
    response = login(executif).get(reverse("vpp:veille_list", args=[cc.slug]), {"q": "a\x00"})
    assert response.status_code == 400
    assert NUL_REFUSAL in page(response)


def test_a_nul_character_in_an_admin_filter_is_a_400(login, superuser):
    response = login(superuser).get("/admin/vpp/dossier/", {"stage": "\x00"})
    assert response.status_code == 400


def test_a_nul_character_in_an_entraide_cell_saves_nothing(login, executif, cc):
    template = EntraidePlan.objects.get(builtin_key="annee-1")
    plan = services.plan_create_from_template(template=template, organization=cc, year=2025)
    row = plan.rows.order_by("position").first()
    url = reverse("entraide:row_edit", args=[plan.organization.slug, plan.pk, row.pk])
    before = list(EntraideRow.objects.order_by("pk").values())
    response = login(executif).post(url, {"objective": "Nouvel objectif", "means": "a\x00b"})
    assert response.status_code == 400
    assert NUL_REFUSAL in page(response)
    assert list(EntraideRow.objects.order_by("pk").values()) == before
