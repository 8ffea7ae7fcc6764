"""The watch list in pages of 50, its search kept from page to page, in as many queries
for 60 items as for 600."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import page
from vpp.models import VeilleItem


def items(organization, count, *, tags=""):
    VeilleItem.objects.bulk_create(
        VeilleItem(organization=organization, source="CTROC", title=f"Item {i:04}", tags=tags,
                   published_on=date(2024, 1, 1) - timedelta(days=i))
        for i in range(count))


def url(cc):
    return reverse("vpp:veille_list", args=[cc.slug])


def test_it_shows_50_items_a_page_and_says_which_page(login, executif, cc):
    items(cc, 120)
    client = login(executif)
    first = page(client.get(url(cc)))
    assert "Item 0000" in first
    assert "Item 0049" in first
    assert "Item 0050" not in first
    assert "Page 1 sur 3" in first
    third = page(client.get(url(cc), {"page": 3}))
    assert "Item 0100" in third
    assert "Item 0119" in third
    assert "Item 0099" not in third
    assert "Page 3 sur 3" in third


def test_a_page_past_the_end_or_not_a_number_answers_a_page_not_an_error(login, executif, cc):
    items(cc, 60)
    client = login(executif)
    past = client.get(url(cc), {"page": 99})
    assert past.status_code == 200
    assert "Page 2 sur 2" in page(past)
    word = client.get(url(cc), {"page": "deux"})
    assert word.status_code == 200
    assert "Page 1 sur 2" in page(word)


def test_the_search_is_kept_in_the_links_to_the_other_pages(login, executif, cc):
    items(cc, 70, tags="PSOC")
    items(cc, 5, tags="buanderie")
    text = page(login(executif).get(url(cc), {"q": "PSOC"}))
    assert "Page 1 sur 2" in text
    assert "?q=PSOC&page=2" in text


def test_a_short_list_shows_no_page_links(login, executif, cc):
    items(cc, 3)
    assert "Page 1" not in page(login(executif).get(url(cc)))


def test_the_query_count_is_the_same_for_60_and_600_items(
    login, executif, cc, django_assert_num_queries
):
    items(cc, 60)
    client = login(executif)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(cc)).status_code == 200
    items(cc, 540)
    with django_assert_num_queries(len(small)):
        response = client.get(url(cc), {"page": 7})
    assert "Page 7 sur 12" in page(response)
