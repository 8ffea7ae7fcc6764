from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class UnionPlansConfig(AppConfig):
    name = "unionplans"
    verbose_name = _("Organizations and members")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from . import pdf, sessions, two_factor  # noqa: F401  (connect their login receivers)

        # A renamed person changes every document that prints their name (pdf.people_version).
        for signal in (post_save, post_delete):
            signal.connect(pdf.person_changed, sender=settings.AUTH_USER_MODEL,
                           dispatch_uid=f"pdf-people-{signal is post_save}")


class UnionPlansAdminConfig(AdminConfig):
    """The Django admin, opened to conseillers and scoped to their organizations."""

    default_site = "unionplans.admin_site.UnionPlansAdminSite"
