"""Details people saw: no `---------` for an empty choice, names rather than logins in the
admin."""

import re

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp
from tests.helpers import page
from tests.plans.helpers import make_plan
from unionplans.models import Membership


@pytest.mark.parametrize("name, args", [
    ("plans:list", []),
    ("vpp:dossier_create", []),
    ("vpp:dossier_list", []),
    ("vpp:le28_create", []),
])
def test_no_empty_choice_reads_dashes_on_the_pages(login, executif, cc, name, args):
    text = page(login(executif).get(reverse(name, args=[cc.slug, *args])))
    assert "---------" not in text
    assert "(aucun)" in text or "(tous)" in text or "(choisir)" in text


def test_the_action_form_offers_nobody_in_words(login, executif, cc):
    plan = make_plan(cc)
    action = Action.objects.get(orientation__plan=plan)
    text = page(login(executif).get(reverse("plans:row_update", args=[cc.slug, "action",
                                                                      action.pk])))
    assert re.search(r'<option value=""( selected)?>\(aucun\)</option>', text)
    assert "---------" not in text


@pytest.mark.parametrize("url", ["/admin/vpp/dossier/add/", "/admin/plans/action/add/"])
def test_no_empty_choice_reads_dashes_in_the_admin(login, superuser, executif, cc, url):
    make_plan(cc)
    text = page(login(superuser).get(url))
    assert "---------" not in text
    assert "(aucun)" in text or "(choisir)" in text


def test_the_admin_names_people_not_logins(login, superuser, executif, membre, cc):
    client = login(superuser)
    text = page(client.get("/admin/unionplans/membership/"))
    assert "Denis Gagnon" in text and "Josée Côté" in text
    assert ">executif<" not in text and ">membre<" not in text
    membership = Membership.objects.get(user=executif)
    text = page(client.get(f"/admin/unionplans/membership/{membership.pk}/change/"))
    assert "Denis Gagnon — CCSNE" in text


def test_the_admin_history_names_who_made_each_change(login, superuser, executif, cc):
    plan = make_plan(cc)
    action = Action.objects.get(orientation__plan=plan)
    follow_up = services.follow_up_create(action=action, author=executif, text="Fait")
    client = login(superuser)
    text = page(client.get("/admin/plans/followup/"))
    assert "Denis Gagnon" in text
    FollowUp.history.filter(id=follow_up.pk).update(history_user=executif)
    text = page(client.get(f"/admin/plans/followup/{follow_up.pk}/history/"))
    assert "Denis Gagnon" in text
    assert ">None<" not in text.replace(" ", "")
