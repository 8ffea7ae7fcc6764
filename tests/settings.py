"""The suite's settings: production's, with a fast password hasher.

Django's default PBKDF2 costs about half a second a hash here, and every test person is
made with a password; Django's documentation advises a fast hasher for tests.
"""

from unionplans.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Every test client comes from 127.0.0.1: the « Mot de passe oublié » limits would carry
# from test to test in one worker's cache. tests/test_accounts.py checks the real ones.
PASSWORD_RESET_LIMIT_PER_EMAIL = PASSWORD_RESET_LIMIT_PER_IP = 10_000

# One process a test worker: the page cache (unionplans.fragments) runs as in production
# with Redis, so that every test of a plan page goes through it.
PAGE_CACHE = True
