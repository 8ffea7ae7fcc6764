from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VppConfig(AppConfig):
    name = "vpp"
    verbose_name = _("Public services (VPP)")
