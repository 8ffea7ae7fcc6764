"""An id no 64-bit column can hold, posted in a checkbox list, is the usual "Select a valid
choice" error (SQLite raised OverflowError: a 500)."""

import pytest
from django.urls import reverse

from entraide import services as entraide_services
from entraide.forms import RowForm
from tests.helpers import admin_form_data
from vpp import services as vpp_services
from vpp.forms import DossierForm

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("name", ["direction_people", "terrain_people", "veille_items"])
def test_the_dossier_form_refuses_a_huge_id(cc, name):
    dossier = vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="x", service="x",
        mode="intervention", domain="intervention")
    form = DossierForm({"title": "Reprographie", name: [HUGE]}, instance=dossier,
                       organization=cc)
    assert form.has_error(name, "invalid_choice")


def test_the_entraide_row_form_refuses_a_huge_id(cc):
    template = {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}["annee-1"]
    plan = entraide_services.plan_create_from_template(template=template, organization=cc,
                                                       year=2025)
    form = RowForm({"responsible_users": [HUGE]}, instance=plan.rows.first(), organization=cc)
    assert form.has_error("responsible_users", "invalid_choice")


def test_the_admin_s_checkbox_lists_refuse_a_huge_id(login, superuser, cc):
    dossier = vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="x", service="x",
        mode="intervention", domain="intervention")
    client = login(superuser)
    url = reverse("admin:vpp_dossier_change", args=[dossier.pk])
    data = admin_form_data(client.get(url), direction_people=[HUGE], terrain_people=[HUGE],
                           veille_items=[HUGE])
    form = client.post(url, data).context["adminform"].form
    for name in ["direction_people", "terrain_people", "veille_items"]:
        assert form.has_error(name, "invalid_choice")


def test_the_account_admin_refuses_a_huge_group_id(login, superuser):
    client = login(superuser)
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    data = admin_form_data(client.get(url), groups=[HUGE], user_permissions=[HUGE])
    form = client.post(url, data).context["adminform"].form
    assert form.has_error("groups", "invalid_choice")
    assert form.has_error("user_permissions", "invalid_choice")
