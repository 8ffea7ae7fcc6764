"""The email backend of a production server that has no SMTP server configured.

Django's console backend would print every message, password-reset links included, into
the server's log: anyone who reads the log could take over an account. Without
EMAIL_HOST and with DEBUG off, nothing is sent and nothing of a message is logged; the
pages that would send mail say so (see `mail_configured`).
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "unionplans.mail.NotConfiguredBackend"


class MailNotConfigured(OSError):
    """Raised on sending, like a mail server that cannot be reached (callers that catch
    OSError, as the invitations do, refuse and roll back)."""


class NotConfiguredBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        logger.warning(
            "Email is not configured (EMAIL_HOST is empty): %d message(s) not sent.",
            len(email_messages),
        )
        if not self.fail_silently:
            raise MailNotConfigured("EMAIL_HOST is not set")
        return 0


def mail_configured() -> bool:
    return settings.EMAIL_BACKEND != NOT_CONFIGURED
