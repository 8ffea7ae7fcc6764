"""The suite's settings: production's, with a fast password hasher.

Django's default PBKDF2 costs about half a second a hash here, and every test person is
made with a password; Django's documentation advises a fast hasher for tests.
"""

from unionplans.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
