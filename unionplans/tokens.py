"""Secrets handed out once (an invitation link, a calendar address, a form's one-time
token): the database keeps only their sha256 digest, so a copy of it opens nothing."""

import hashlib
import secrets


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def digest(secret: str) -> str:
    """What is stored and looked up in place of `secret`."""
    return hashlib.sha256(secret.encode()).hexdigest()
