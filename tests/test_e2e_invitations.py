"""End to end in Chromium: an exécutif invites an address from the members page, a real SMTP
server on loopback receives the mail, the browser follows its link, sets a password and
lands in the organization as a membre; the link then says it was used.

Same browser, fixtures and skip rules as tests/test_e2e.py.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tests.helpers import Role
from tests.smtp import text_of
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
from unionplans.models import Membership

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "une-phrase-de-passe-solide-2026"


def french(text: str) -> str:
    with translation.override("fr-ca"):
        return _(text)


def field_label(name: str) -> str:
    with translation.override("fr-ca"):
        return str(capfirst(get_user_model()._meta.get_field(name).verbose_name))


def required(label: str) -> re.Pattern:
    """A required field's label, as crispy-forms writes it: the label and an asterisk."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def test_an_invited_person_follows_the_mail_and_joins(
    page, browser, base_url, broken_responses, cc, executif, smtp_server  # noqa: F811
):
    log_in(page, base_url, "executif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes organisations")
    page.goto(base_url + reverse("members", args=[cc.slug]))
    invite = page.get_by_role("form", name=french("Invite someone"))
    invite.get_by_label(french("Email address")).fill("Nadia.Tremblay@example.org")
    invite.get_by_label(french("Role")).select_option(Role.MEMBER)
    invite.get_by_role("button", name=french("Send the invitation")).click()

    expect(page.get_by_role("alert").filter(has_text="nadia.tremblay@example.org")).to_be_visible()
    invitations = page.get_by_role("table", name=french("Invitations"))
    expect(invitations.get_by_role("row", name=re.compile("nadia.tremblay@example.org"))
           ).to_contain_text(french("Pending"))
    screenshot(page, "invitations.png")
    assert broken_responses == []

    [message] = smtp_server.messages
    assert message["To"] == "nadia.tremblay@example.org"
    link = re.search(r"https?://\S+/invitation/[^/\s]+/", text_of(message))[0]
    assert link.startswith(base_url)

    # The invited person, in a browser of their own.
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    invited = context.new_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_contain_text(cc.name)
    expect(invited.get_by_role("main")).to_contain_text("nadia.tremblay@example.org")
    invited.get_by_role("textbox", name=field_label("first_name") + "*", exact=True).fill("Nadia")
    invited.get_by_role("textbox", name=field_label("last_name") + "*", exact=True).fill("Tremblay")
    invited.get_by_label(required(french("Password"))).fill(NEW_PASSWORD)
    invited.get_by_label(required(french("Password confirmation"))).fill(NEW_PASSWORD)
    invited.get_by_role("button", name=french("Create my account and join")).click()

    expect(invited).to_have_url(base_url + reverse("organization_detail", args=[cc.slug]))
    expect(invited.get_by_role("heading", level=1)).to_have_text(cc.name)
    expect(invited.get_by_role("navigation", name="Navigation principale")).to_contain_text(
        "Nadia Tremblay")
    membership = Membership.objects.get(user__email="nadia.tremblay@example.org")
    assert (membership.organization, membership.role) == (cc, Role.MEMBER)

    # The link works once.
    response = invited.goto(link)
    assert response.status == 410
    expect(invited.get_by_role("alert")).to_have_text(
        french("This invitation was already accepted."))
    screenshot(invited, "invitation-used.png")
    context.close()
