import datetime

from django.urls import reverse

from plans.models import Action, FollowUp, WorkPlan
from tests.helpers import page
from tests.plans.helpers import make_plan


def test_adding_a_follow_up_records_its_author_and_the_date_is_optional(login, executif, plan,
                                                                        action):
    client = login(executif)
    url = reverse("plans:row_create", args=[plan.organization.slug, "suivi", action.pk])
    assert client.post(url, {"text": "Rencontre tenue", "date": ""}).status_code == 302
    assert client.post(url, {"text": "AG", "date": "2021-11-18"}).status_code == 302
    entries = list(action.follow_ups.order_by("position"))
    assert [(f.text, f.author) for f in entries[1:]] == [("Rencontre tenue", executif),
                                                        ("AG", executif)]
    assert entries[2].date.isoformat() == "2021-11-18"
    text = page(client.get(reverse("plans:detail", args=[plan.organization.slug, plan.pk])))
    assert "18 novembre 2021 :" in text


def test_editing_a_follow_up_keeps_its_history(login, executif, plan, action):
    client = login(executif)
    follow_up = action.follow_ups.get()
    url = reverse("plans:row_update", args=[plan.organization.slug, "suivi", follow_up.pk])
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, {"text": "Travail terminé", "date": "", "version": version})
    assert response.status_code == 302
    assert FollowUp.objects.get(pk=follow_up.pk).text == "Travail terminé"
    history = [h.text for h in follow_up.history.order_by("history_date")]
    assert history == ["Travail préparatoire", "Travail terminé"]
    shown = page(client.get(url))
    assert "Historique" in shown and "Travail préparatoire" in shown
    assert "Denis Gagnon" in shown


def test_the_bilan_counts_and_lists_by_outcome_with_reasons(login, membre, cc):
    plan = make_plan(cc, actions=3, state=WorkPlan.State.CLOSED)
    first, second, third = Action.objects.filter(orientation__plan=plan).order_by("position")
    for action, outcome, reason in [(first, "realisee", ""), (second, "non_realisee", "pandémie"),
                                    (third, "reportee", "manque de temps")]:
        action.outcome, action.outcome_reason = outcome, reason
        action.save()
    response = login(membre).get(reverse("plans:bilan", args=[cc.slug, plan.pk]))
    text = page(response)
    groups = {g.outcome: [a.number for a in g.actions] for g in response.context["groups"]}
    assert groups == {"a_venir": [], "en_cours": [], "realisee": ["1.1"],
                      "partiellement_realisee": [], "non_realisee": ["1.2"],
                      "reportee": ["1.3"]}
    assert "Raison : pandémie" in text and "Raison : manque de temps" in text
    assert "Réalisées : 1 sur 3 (33 %)" in text


def test_a_date_prefix_is_hidden_only_when_that_very_date_is_written():
    note = FollowUp(date=datetime.date(2020, 5, 2), text="AG du 12 mai 2020")
    assert note.date_prefix == "2 mai 2020"
    note.date = datetime.date(2020, 5, 12)
    assert note.date_prefix == ""
