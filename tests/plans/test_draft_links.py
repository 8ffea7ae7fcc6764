"""A membre never sees a link to, nor the title of, a plan it cannot open (the draft a
closed plan was carried over into, a carried plan's source reopened back to a draft): not
on a page, not in a PDF. The exécutif still sees both. A conseil central reading an
affiliate's published plan sees none of the affiliate's drafts either."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import services
from plans.models import Action, Step, WorkPlan
from tests.helpers import page, poppler
from tests.plans.helpers import make_plan
from unionplans import calendars
from unionplans.models import Membership, Notification

DRAFT = "Brouillon 2022-2025"


@pytest.fixture
def closed(cc):
    return make_plan(cc, title="Plan 2019-2022", state=WorkPlan.State.CLOSED)


def carry(plan) -> WorkPlan:
    return services.plan_carry_over(plan=plan, with_steps=True,
                                    **{**services.next_mandate(plan), "title": DRAFT})


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def draft(closed, membre):
    """The draft, whose action names the membre as QUI, with a step due next week."""
    draft = carry(closed)
    Action.objects.filter(orientation__plan=draft).update(responsible_user=membre)
    Step.objects.filter(action__orientation__plan=draft).update(
        when_kind=Step.When.DATE, when_date=timezone.localdate() + datetime.timedelta(days=7))
    return draft


def test_no_page_a_membre_opens_names_the_draft(login, membre, cc, closed, draft):
    client = login(membre)
    feed = reverse("calendar_feed", args=[calendars.feed_create(user=membre)])
    urls = [
        reverse("dashboard"), reverse("my_actions"), reverse("notifications"), feed,
        reverse("organization_detail", args=[cc.slug]), reverse("plans:list", args=[cc.slug]),
        reverse("plans:detail", args=[cc.slug, closed.pk]),
        reverse("plans:bilan", args=[cc.slug, closed.pk]),
    ]
    draft_url = reverse("plans:detail", args=[cc.slug, draft.pk])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = page(response)
        assert draft_url not in text, url
        assert DRAFT not in text, url
    assert client.get(draft_url).status_code == 404


@pytest.mark.parametrize("name", ["plans:pdf", "plans:bilan_pdf"])
def test_no_pdf_a_membre_downloads_names_the_draft(login, membre, cc, closed, draft, name,
                                                   tmp_path):
    response = login(membre).get(reverse(name, args=[cc.slug, closed.pk]))
    assert response.status_code == 200
    assert DRAFT not in flat(poppler("pdftotext", response.content, tmp_path))


def test_the_executif_still_sees_where_the_actions_went(login, executif, cc, closed, draft,
                                                        tmp_path):
    client = login(executif)
    text = page(client.get(reverse("plans:detail", args=[cc.slug, closed.pk])))
    assert text.count(reverse("plans:detail", args=[cc.slug, draft.pk])) == 2
    response = client.get(reverse("plans:pdf", args=[cc.slug, closed.pk]))
    assert f"Reprise dans : {DRAFT}" in flat(poppler("pdftotext", response.content, tmp_path))


def test_a_source_reopened_to_a_draft_is_no_longer_named_to_members(
    login, membre, executif, cc, closed, tmp_path
):
    carried = carry(closed)
    WorkPlan.objects.filter(pk=carried.pk).update(state=WorkPlan.State.PUBLISHED)
    WorkPlan.objects.filter(pk=closed.pk).update(state=WorkPlan.State.ADOPTED)
    source_url = reverse("plans:detail", args=[cc.slug, closed.pk])
    page_url = reverse("plans:detail", args=[cc.slug, carried.pk])
    pdf_url = reverse("plans:pdf", args=[cc.slug, carried.pk])

    text = page(login(membre).get(page_url))
    assert source_url not in text and closed.title not in text
    pdf_text = flat(poppler("pdftotext", login(membre).get(pdf_url).content, tmp_path))
    assert carried.title in pdf_text and closed.title not in pdf_text

    text = page(login(executif).get(page_url))
    assert text.count(source_url) == 2  # the plan's line, and its action's
    pdf_text = flat(poppler("pdftotext", login(executif).get(pdf_url).content, tmp_path))
    assert f"Reprise de : {closed.title}" in pdf_text


def test_a_conseil_central_reads_no_draft_of_its_affiliate(login, executif, syndicat,
                                                          tmp_path):
    syndicat.shares_plans_with_parent = True
    syndicat.save(update_fields=["shares_plans_with_parent"])
    closed = make_plan(syndicat, title="Plan 2019-2022", state=WorkPlan.State.CLOSED)
    carry(closed)
    url = reverse("plans:affiliate_plan_pdf", args=[syndicat.parent.slug, syndicat.slug,
                                                    closed.pk])
    response = login(executif).get(url)
    assert response.status_code == 200
    text = flat(poppler("pdftotext", response.content, tmp_path))
    assert "Plan 2019-2022" in text and DRAFT not in text


def test_a_plan_sent_back_to_the_executive_is_no_longer_announced(login, membre, executif,
                                                                  cc):
    Membership.objects.filter(user=membre).update(notify_published_plans=True)
    plan = make_plan(cc, title="Plan retiré 2019-2022", state=WorkPlan.State.ADOPTED)
    WorkPlan.objects.filter(pk=plan.pk).update(adopted_on=datetime.date(2019, 5, 20))
    plan = services.plan_transition(plan=plan, to_state=WorkPlan.State.PUBLISHED, by=executif)
    url = reverse("plans:detail", args=[cc.slug, plan.pk])
    client = login(membre)
    assert plan.title in page(client.get(reverse("notifications")))
    assert Notification.objects.get(user=membre).url == url
    services.plan_reopen(plan=plan, reason="Adopté par erreur", by=executif)
    assert plan.title not in page(client.get(reverse("notifications")))
    assert not Notification.objects.filter(url=url).exists()
    assert client.get(url).status_code == 404
