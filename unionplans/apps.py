from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class UnionPlansConfig(AppConfig):
    name = "unionplans"
    verbose_name = _("Organizations and members")

    def ready(self):
        from . import sessions, two_factor  # noqa: F401  (connect their login receivers)


class UnionPlansAdminConfig(AdminConfig):
    """The Django admin, opened to conseillers and scoped to their organizations."""

    default_site = "unionplans.admin_site.UnionPlansAdminSite"
