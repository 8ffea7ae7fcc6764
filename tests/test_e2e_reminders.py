"""End to end in Chromium: a membre finds the reminder preferences in the user menu,
turns the weekly digest off, and an unsubscribe link read on a phone (390 px, logged
out) asks before it stops the VPP deadline reminders.

Same browser, fixtures and skip rules as tests/test_e2e.py.
"""

import pytest
from django.urls import reverse

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
from unionplans import reminders
from unionplans.models import Reminder, ReminderPreference

pytestmark = pytest.mark.e2e


def test_a_membre_turns_the_digest_off_from_the_user_menu(
    page, base_url, broken_responses, membre  # noqa: F811
):
    log_in(page, base_url, "membre")
    page.locator("#user-menu").click()
    page.get_by_role("link", name="Préférences").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Préférences de rappel")
    page.get_by_label("Résumé de la semaine").uncheck()
    page.get_by_label("L'anglais sous le français").check()
    screenshot(page, "reminder-preferences-1366.png")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Vos préférences de rappel sont enregistrées.")
    preferences = ReminderPreference.objects.get(user=membre)
    assert (preferences.deadline, preferences.step, preferences.digest, preferences.english) \
        == (True, True, False, True)
    assert broken_responses == []


def test_the_unsubscribe_link_on_a_phone_asks_then_stops(browser, base_url, membre):  # noqa: F811
    context = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 800})
    phone = context.new_page()
    token = reminders.unsubscribe_token(user=membre, kind=Reminder.DEADLINE)
    phone.goto(base_url + reverse("reminders_unsubscribe", args=[token]))
    expect(phone.get_by_role("main")).to_contain_text(
        "Ne plus envoyer « Échéances VPP » à membre@example.org ?")
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(phone, "unsubscribe-390.png")
    assert not ReminderPreference.objects.filter(user=membre).exists()
    phone.get_by_role("button", name="Arrêter ces rappels").click()
    expect(phone.get_by_role("status")).to_contain_text(
        "membre@example.org ne recevra plus « Échéances VPP ».")
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(phone, "unsubscribed-390.png")
    assert ReminderPreference.objects.get(user=membre).deadline is False
    context.close()


def test_the_preferences_page_fits_a_phone(browser, base_url, membre):  # noqa: F811
    context = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 800})
    phone = context.new_page()
    log_in(phone, base_url, "membre")
    phone.goto(base_url + reverse("reminder_preferences"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Préférences de rappel")
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(phone, "reminder-preferences-390.png")
    context.close()


def test_the_executif_sets_the_reminder_days_on_a_phone(
    browser, base_url, cc, executif  # noqa: F811
):
    context = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 800})
    phone = context.new_page()
    log_in(phone, base_url, "executif")
    phone.goto(base_url + reverse("organization_detail", args=[cc.slug]))
    phone.get_by_role("link", name="Rappels d'échéance").click()
    phone.get_by_label("Premier rappel d'échéance (jours ouvrables avant)").fill("7")
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(phone, "reminder-days-390.png")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_role("alert")).to_contain_text("Les rappels d'échéance sont enregistrés.")
    cc.refresh_from_db()
    assert (cc.reminder_days_first, cc.reminder_days_last) == (7, 1)
    context.close()
