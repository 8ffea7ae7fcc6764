"""End to end in Chromium: the dashboard's « À échéance », the bell and the calendars page
read at 390 px (cards, no sideways scroll) and at 1366 px.

Same browser, fixtures and skip rules as tests/test_e2e.py; screenshots in test-artifacts/.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import services as plan_services
from plans.models import Step, WorkPlan
from tests.test_e2e import (  # noqa: F401 (fixtures)
    base_url,
    broken_responses,
    browser,
    expect,
    log_in,
    page,
    production_static_files,
    screenshot,
)
from tests.test_my_actions import make_action, make_dossier
from unionplans import notifications
from unionplans.models import Notification
from vpp import services as vpp_services

pytestmark = pytest.mark.e2e


@pytest.fixture
def due_things(executif, cc):
    today = timezone.localdate()
    action = make_action(cc, executif, title="Plan de travail 2025-2028 du conseil central",
                         steps=())
    WorkPlan.objects.filter(pk=action.orientation.plan_id).update(
        mandate_start=today.replace(day=1), mandate_end=today + datetime.timedelta(days=900))
    plan_services.step_create(
        action=action, when_kind=Step.When.DATE, when_date=today + datetime.timedelta(days=5),
        text="Tenir une assemblée générale spéciale sur la sous-traitance de la reprographie "
             "et des services alimentaires dans tous les établissements de la région",
    )
    dossier = make_dossier(cc, executif, title="Reprographie — CISSS des Laurentides",
                           trigger=today - datetime.timedelta(days=40))
    vpp_services.task_create(dossier=dossier, element="documentation",
                             description="Demander les contrats à l'employeur", due_on=today)
    return action


@pytest.mark.parametrize("width", [390, 1366])
def test_the_dashboard_lists_what_falls_due_without_sideways_scroll(
    page, base_url, executif, due_things, width  # noqa: F811
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base_url, "executif")
    expect(page).to_have_url(base_url + reverse("dashboard"))
    due = page.locator("#due .due-item")
    expect(due).to_have_count(3)
    expect(due.first).to_contain_text("Réponse (art. 29)")  # overdue first
    expect(due.first).to_contain_text("En retard de 10 j")
    expect(page.locator(".card .due-item")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") == width
    screenshot(page, f"dashboard-due-{width}.png")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_bell_and_the_notifications_page_read_at_both_widths(
    page, base_url, executif, cc, width  # noqa: F811
):
    for title in ("Plan de travail 2025-2028 du Conseil central des syndicats nationaux",
                  "Plan d'action"):
        notifications.notify(users=[executif], organization=cc,
                             kind=Notification.Kind.PUBLISHED, subject=title,
                             url=reverse("plans:list", args=[cc.slug]))
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base_url, "executif")
    expect(page.locator("#bell-count")).to_have_text("2")
    expect(page.locator("#bell")).to_be_visible()  # outside the collapsed menu on a phone
    page.locator("#bell").click()
    expect(page.locator(".notification.unread")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") == width
    screenshot(page, f"notifications-{width}.png")
    page.locator(".notification").first.get_by_role("button").first.click()
    expect(page).to_have_url(base_url + reverse("plans:list", args=[cc.slug]))
    expect(page.locator("#bell-count")).to_have_text("1")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_calendars_page_shows_a_new_address_with_copy(
    page, base_url, executif, cc, width  # noqa: F811
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, base_url, "executif")
    page.goto(base_url + reverse("calendars"))
    expect(page.locator(".calendar-feed")).to_have_count(2)
    page.locator(".calendar-feed").first.get_by_role("button", name="Créer une adresse").click()
    address = page.locator("#new-feed-url")
    expect(address).to_have_value(re.compile(r"/calendrier/[\w-]+\.ics$"))
    assert page.evaluate("document.documentElement.scrollWidth") == width
    screenshot(page, f"calendars-{width}.png")
