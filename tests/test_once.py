"""A double-submitted creation form creates one object (unionplans.once).

Every creation form carries a one-time token (a hidden field of the page that shows it);
the same POST sent twice creates once, and the second leads to what the first created,
with a message. On PostgreSQL, the same POST sent from two connections at once too.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from entraide import services as entraide_services
from entraide.models import EntraidePlan, EntraideRow
from plans.models import Action, Delegation, FollowUp, Orientation, StatutoryFile, Step, WorkPlan
from tests.helpers import at_once, needs_postgresql, page
from tests.plans.helpers import make_plan
from unionplans.models import Invitation, Receipt
from vpp import services as vpp_services
from vpp.models import Deadline, DeadlineRule, Dossier, LE28Project, Task, VeilleItem

ALREADY = "Ce formulaire a déjà été envoyé : voici ce qu'il a créé."


@pytest.fixture
def world(cc, executif):
    plan = make_plan(cc)
    closed = make_plan(cc, title="Plan 2016-2019", state=WorkPlan.State.CLOSED)
    dossier = vpp_services.dossier_create(
        organization=cc, by=None, title="Reprographie", establishment="CISSS",
        service="Reprographie", mode=Dossier.Mode.INTERVENTION,
        domain=Dossier.Domain.INTERVENTION)
    rule = DeadlineRule.objects.create(organization=cc, name="Avis", reference="art. 29",
                                       days=30, trigger="Avis de l'employeur")
    template = entraide_services.builtin_templates_ensure()[0]
    entraide_plan = entraide_services.plan_create_from_template(
        template=template, organization=cc, year=2025)
    ended = entraide_services.plan_create_from_template(
        template=template, organization=cc, year=2024)
    entraide_services.plan_close(plan=ended, review="Une bonne année")
    return {"cc": cc, "plan": plan, "closed": closed, "dossier": dossier, "rule": rule,
            "entraide_plan": entraide_plan, "ended": ended}


def first(model, plan):
    return model.objects.filter(**{
        Orientation: {"plan": plan}, Action: {"orientation__plan": plan},
    }[model]).first()


# (page showing the form, the URL it posts to, what it posts, the model it creates)
FORMS = {
    "plan": (lambda w: reverse("plans:create", args=["ccsne"]), None,
             lambda w: {"title": "Plan 2025-2028", "mandate_start": "2025-06-01",
                        "mandate_end": "2028-06-01"}, WorkPlan),
    "orientation": (lambda w: reverse("plans:row_create", args=["ccsne", "orientation",
                                                                 w["plan"].pk]),
                    None, lambda w: {"statement": "Solidarité", "numbered": "on"}, Orientation),
    "action": (lambda w: reverse("plans:row_create", args=["ccsne", "action",
                                                            first(Orientation, w["plan"]).pk]),
               None, lambda w: {"what": "Agir", "outcome": "a_venir"}, Action),
    "step": (lambda w: reverse("plans:row_create", args=["ccsne", "etape",
                                                          first(Action, w["plan"]).pk]),
             None, lambda w: {"text": "Écrire", "when_kind": "label", "when_label": "bientôt"},
             Step),
    "follow-up": (lambda w: reverse("plans:row_create", args=["ccsne", "suivi",
                                                               first(Action, w["plan"]).pk]),
                  None, lambda w: {"text": "Fait"}, FollowUp),
    "statutory file": (lambda w: reverse("plans:row_create", args=[
        "ccsne", "dossier-statutaire", w["plan"].pk]), None, lambda w: {"name": "SST"},
        StatutoryFile),
    "delegation": (lambda w: reverse("plans:row_create", args=["ccsne", "delegation",
                                                                w["plan"].pk]),
                   None, lambda w: {"name": "Centraide"}, Delegation),
    "carry-over": (lambda w: reverse("plans:carry_over", args=["ccsne", w["closed"].pk]), None,
                   lambda w: {"title": "Plan 2022-2025", "mandate_start": "2022-06-30",
                              "mandate_end": "2025-06-30"}, WorkPlan),
    "dossier": (lambda w: reverse("vpp:dossier_create", args=["ccsne"]), None,
                lambda w: {"title": "Buanderie", "establishment": "CIUSSS",
                           "service": "Buanderie", "mode": "prevention",
                           "domain": "organisation_travail"}, Dossier),
    "task": (lambda w: reverse("vpp:task_create", args=["ccsne", w["dossier"].pk]), None,
             lambda w: {"element": "documentation", "description": "Recenser"}, Task),
    "deadline": (lambda w: reverse("vpp:deadline_create", args=["ccsne", w["dossier"].pk]),
                 None, lambda w: {"rule": w["rule"].pk, "trigger_date": "2024-03-01"},
                 Deadline),
    "watch item": (lambda w: reverse("vpp:veille_create", args=["ccsne"]), None,
                   lambda w: {"source": "CTROC", "title": "INFO-PSOC",
                              "published_on": "2017-05-15"}, VeilleItem),
    "LE28 project": (lambda w: reverse("vpp:le28_create", args=["ccsne"]), None,
                     lambda w: {"title": "Projet", "establishment": "CISSS", "volets": ["1"],
                                "decision_mode": "consensus", "job_titles": "Agente"},
                     LE28Project),
    "entraide plan": (lambda w: reverse("entraide:plan_create", args=["ccsne"]), None,
                      lambda w: {"template": EntraidePlan.objects.filter(is_template=True)
                                 .first().pk, "year": "2027", "period_label": "Année 3"},
                      EntraidePlan),
    "entraide row": (lambda w: reverse("entraide:row_add", args=["ccsne",
                                                                  w["entraide_plan"].pk]),
                     None, lambda w: {"objective": "Se faire connaître", "state": "a_faire"},
                     EntraideRow),
    "next year": (lambda w: reverse("entraide:plan_detail", args=["ccsne", w["ended"].pk]),
                  lambda w: reverse("entraide:plan_next_year", args=["ccsne", w["ended"].pk]),
                  lambda w: {"period_label": "Année 2"}, EntraidePlan),
    "template": (lambda w: reverse("entraide:plan_detail", args=["ccsne",
                                                                  w["entraide_plan"].pk]),
                 lambda w: reverse("entraide:plan_save_as_template",
                                   args=["ccsne", w["entraide_plan"].pk]),
                 lambda w: {"name": "Notre modèle"}, EntraidePlan),
    "invitation": (lambda w: reverse("members", args=["ccsne"]),
                   lambda w: reverse("invitation_create", args=["ccsne"]),
                   lambda w: {"email": "nouvelle@example.org", "role": "membre"}, Invitation),
}


def token_of(text: str) -> str:
    return re.search(r'<input type="hidden" name="once" value="([^"]+)"', text)[1]


@pytest.mark.parametrize("name", FORMS)
def test_a_form_sent_twice_creates_once_and_leads_to_the_first(name, login, executif, world,
                                                              smtp_server):
    shown, target, data, model = FORMS[name]
    client = login(executif)
    form_page = client.get(shown(world))
    assert form_page.status_code == 200
    posted = {**data(world), "once": token_of(page(form_page))}
    url = (target or shown)(world)
    before = model.objects.count()
    first_answer = client.post(url, posted)
    assert first_answer.status_code == 302, first_answer.context["form"].errors
    assert model.objects.count() == before + 1
    second = client.post(url, posted)
    assert second.status_code == 302
    assert second.url == first_answer.url
    assert model.objects.count() == before + 1
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == ALREADY


def test_a_refused_form_keeps_its_token_unused(login, executif, cc):
    client = login(executif)
    url = reverse("plans:create", args=["ccsne"])
    token = token_of(page(client.get(url)))
    data = {"title": "Plan", "mandate_start": "2025-06-01", "mandate_end": "2024-06-01",
            "once": token}
    refused = client.post(url, data)
    assert refused.status_code == 200 and token_of(page(refused)) == token
    assert not Receipt.objects.exists()
    created = client.post(url, {**data, "mandate_end": "2028-06-01"})
    assert created.status_code == 302
    assert WorkPlan.objects.count() == 1


def test_each_showing_of_a_form_has_its_own_token(login, executif, cc):
    client = login(executif)
    url = reverse("plans:create", args=["ccsne"])
    assert token_of(page(client.get(url))) != token_of(page(client.get(url)))


def test_someone_elses_token_is_not_theirs(login, executif, superuser, cc):
    """The receipt is the person's: the same token from two people creates twice."""
    url = reverse("plans:create", args=["ccsne"])
    data = {"title": "Plan", "mandate_start": "2025-06-01", "mandate_end": "2028-06-01",
            "once": "le-meme-jeton"}
    login(executif).post(url, data)
    other = Client()
    other.force_login(superuser)
    other.post(url, data)
    assert WorkPlan.objects.count() == 2


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_creates_once(cc, executif):
    url = reverse("vpp:dossier_create", args=["ccsne"])
    data = {"title": "Buanderie", "establishment": "CIUSSS", "service": "Buanderie",
            "mode": "prevention", "domain": "organisation_travail", "once": "un-jeton"}
    answers = []

    def send():
        client = Client()
        client.force_login(executif)
        answers.append(client.post(url, data))

    assert at_once([send, send, send]) == ["done"] * 3
    assert Dossier.objects.count() == 1
    assert {answer.status_code for answer in answers} == {302}
    assert len({answer.url for answer in answers}) == 1
    assert Receipt.objects.count() == 1


