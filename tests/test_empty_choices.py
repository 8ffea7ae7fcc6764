"""`---------` never shown as an empty choice: every page the demo's exécutif can reach
from the dashboard (following links, as a person clicks: forms, filters, the rows' inline
forms) shows its empty choices in words."""

import re
from collections import Counter
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import Resolver404, resolve

from unionplans.choices import DASHES

LINK = re.compile(r'(?:href|hx-get)="(/[^"#]*)')
# Downloads, and pages that are not the app's (the admin has its own checks).
SKIPPED = re.compile(r"\.(pdf|docx|xlsx|ics|json|csv)(\?|$)|^/(admin|static|media)/|deconnexion")
PER_ROUTE = 3  # enough of each route's pages to see each state's forms, in bounded time


def crawl(client, start: str) -> dict[str, str]:
    """The HTML of every page reachable from `start` by GET, at most PER_ROUTE a route."""
    seen, queue, pages, per_route = {start}, [start], {}, Counter()
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text = unescape(response.content.decode())
        pages[url] = text
        for link in LINK.findall(text):
            link = unescape(link)
            if link in seen or SKIPPED.search(link):
                continue
            seen.add(link)
            try:
                match = resolve(urlsplit(link).path)
            except Resolver404:
                continue
            # A route, and its words (« etape », « suivi »…): each kind of row has its form.
            route = (match.view_name, *sorted(str(v) for v in match.kwargs.values()
                                              if not isinstance(v, int)))
            if per_route[route] < PER_ROUTE:
                per_route[route] += 1
                queue.append(link)
    return pages


@pytest.mark.django_db
def test_no_page_of_the_demo_shows_dashes_for_an_empty_choice(client):
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(get_user_model().objects.get(username="executif"))
    pages = crawl(client, "/")
    with_choices = {url for url, text in pages.items() if "<select" in text}
    assert len(with_choices) >= 20, sorted(with_choices)
    # Forms and filters of each app were reached, with empty choices in words.
    for path in ["/o/ccsne/plans/", "/o/ccsne/vpp/nouveau/", "/o/ccsne/vpp/"]:
        assert any(url.startswith(path) for url in with_choices), path
    shown = [url for url, text in pages.items() if DASHES in text]
    assert shown == []
    # The filters read « (tous) », « (toutes) » for the stage (« étape »).
    assert len(re.findall(r'<option value=""( selected)?>\(tous\)</option>',
                          pages["/o/ccsne/vpp/"])) == 2
    assert re.search(r'<option value=""( selected)?>\(toutes\)</option>', pages["/o/ccsne/vpp/"])
    # A veille item links to a dossier chosen in a list that starts with words.
    veille = [text for url, text in pages.items() if re.fullmatch(r"/o/ccsne/vpp/veille/\d+/", url)
              and 'name="dossier"' in text]
    assert veille
    assert all(re.search(r'<option value=""( selected)?>\(choisir\)</option>', text)
               for text in veille)
