from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntraideConfig(AppConfig):
    name = "entraide"
    verbose_name = _("Peer support committee")
