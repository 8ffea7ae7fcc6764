"""The exécutif's plan page: its edit controls cost no query and no address reversal per
row, and few bytes beside the same page read-only (a membre's). Time is measured by
bench/pages.py, never here."""

import pytest
from django import urls
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import WorkPlan
from plans.templatetags import plans_tags
from tests.plans.helpers import make_plan

# What the controls add to the membre's page, per action: one « Modifier » link, its
# name and its two addresses (about 180 bytes). When every row carried all its controls,
# an action with two steps and a follow-up added about 1,500.
BYTES_PER_ACTION = 200


def detail(plan):
    return reverse("plans:detail", args=[plan.organization.slug, plan.pk])


@pytest.fixture
def plans(cc):
    return (make_plan(cc, title="Petit", actions=10, state=WorkPlan.State.PUBLISHED),
            make_plan(cc, title="Grand", actions=100, state=WorkPlan.State.PUBLISHED))


@pytest.fixture
def reversals(monkeypatch):
    """How many addresses a page reversed: `{% url %}` (which imports `reverse` when it
    renders) and the plans' `row_url`."""
    calls = []

    def counting(original):
        def counted(*args, **kwargs):
            calls.append(args[0])
            return original(*args, **kwargs)
        return counted

    monkeypatch.setattr(urls, "reverse", counting(urls.reverse))
    monkeypatch.setattr(plans_tags, "reverse", counting(plans_tags.reverse))
    return calls


def test_the_executif_s_page_takes_as_many_queries_for_10_and_100_actions(
    login, executif, plans, django_assert_num_queries
):
    small, big = plans
    client = login(executif)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(detail(small)).status_code == 200
    with django_assert_num_queries(len(queries)):
        assert client.get(detail(big)).status_code == 200


def test_the_executif_s_page_reverses_as_many_addresses_for_10_and_100_actions(
    login, executif, plans, reversals
):
    small, big = plans
    client = login(executif)
    client.get(detail(small))  # the addresses a process reverses once
    cache.clear()  # rendered, not served from the page's cache (tests/plans/test_page_cache.py)
    reversals.clear()
    assert "Modifier" in client.get(detail(small)).content.decode()
    at_10 = len(reversals)
    reversals.clear()
    client.get(detail(big))
    assert len(reversals) == at_10


def test_the_controls_add_few_bytes_to_the_read_only_page(login, executif, membre, plans):
    _small, big = plans
    editing = login(executif).get(detail(big)).content
    reading = login(membre).get(detail(big)).content
    assert b"row-open" in editing
    assert b"row-open" not in reading
    assert len(editing) - len(reading) <= BYTES_PER_ACTION * 100


def test_every_control_is_still_a_plain_link_for_use_without_javascript(login, executif, plans):
    """« Modifier » leads to the page showing that row's controls, each a plain link."""
    small, _big = plans
    action = small.orientations.get().actions.first()
    client = login(executif)
    assert f'href="?edit={action.pk}#action-{action.pk}"' in client.get(detail(small)).text
    text = client.get(detail(small), {"edit": action.pk}).content.decode()
    step = action.steps.first()
    slug = small.organization.slug
    for url in (reverse("plans:action_outcome", args=[slug, "action", action.pk]),
                reverse("plans:row_update", args=[slug, "etape", step.pk]),
                reverse("plans:lines_add", args=[slug, "suivi", action.pk])):
        assert f'href="{url}"' in text
