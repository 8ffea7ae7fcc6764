from django.urls import reverse

from plans.models import WorkPlan
from tests.helpers import page
from tests.plans.helpers import make_plan


def titles(response):
    return [row.record.title for row in response.context["table"].paginated_rows]


def test_the_list_filters_by_state_year_and_text(login, executif, cc):
    old = make_plan(cc, title="Plan 2016-2019", state=WorkPlan.State.CLOSED)
    WorkPlan.objects.filter(pk=old.pk).update(mandate_start="2016-06-01",
                                              mandate_end="2019-06-30")
    make_plan(cc, title="Plan 2019-2022", state=WorkPlan.State.PUBLISHED)
    client = login(executif)
    url = reverse("plans:list", args=[cc.slug])
    assert titles(client.get(url, {"state": "clos"})) == ["Plan 2016-2019"]
    assert titles(client.get(url, {"year": "2021"})) == ["Plan 2019-2022"]
    assert sorted(titles(client.get(url, {"year": "2019"}))) == ["Plan 2016-2019",
                                                                 "Plan 2019-2022"]
    assert titles(client.get(url, {"q": "2016"})) == ["Plan 2016-2019"]
    assert len(titles(client.get(url, {"q": "action 1-1"}))) == 2  # searches the QUOI too
    assert titles(client.get(url, {"q": "introuvable"})) == []


def test_the_list_sorts_and_paginates(login, executif, cc, syndicat, executif2):
    for number in range(23):
        WorkPlan.objects.create(organization=cc, title=f"Plan {number:02}",
                                mandate_start="2019-06-01", mandate_end="2022-06-30")
    WorkPlan.objects.create(organization=syndicat, title="Plan du syndicat",
                            mandate_start="2019-06-01", mandate_end="2022-06-30")
    client = login(executif)
    url = reverse("plans:list", args=[cc.slug])
    first = client.get(url, {"sort": "title"})
    assert titles(first)[:2] == ["Plan 00", "Plan 01"] and len(titles(first)) == 20
    assert titles(client.get(url, {"sort": "-title"}))[0] == "Plan 22"
    assert titles(client.get(url, {"sort": "title", "page": 2})) == ["Plan 20", "Plan 21",
                                                                      "Plan 22"]
    assert "Plan du syndicat" not in page(client.get(url, {"page": 2}))
