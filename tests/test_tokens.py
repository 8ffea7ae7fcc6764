"""Secrets handed out once keep one digest, in one place (`unionplans.tokens`)."""

import hashlib

from unionplans import calendars, invitations, once, tokens
from unionplans.models import CalendarFeed


def test_invitation_links_calendar_addresses_and_forms_share_one_digest():
    assert invitations.digest is tokens.digest
    assert calendars.digest is tokens.digest
    assert not hasattr(once, "hashlib")  # the one-time forms' receipts use it too
    assert tokens.digest("abc") == hashlib.sha256(b"abc").hexdigest()


def test_a_calendar_keeps_the_digest_of_its_secret_only(executif):
    token = calendars.feed_create(user=executif)
    feed = CalendarFeed.objects.get(user=executif)
    assert feed.token_digest == tokens.digest(token)
    assert token not in feed.token_digest
    assert len(token) >= 40  # 32 random bytes, URL-safe
