from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EntraideConfig(AppConfig):
    name = "entraide"
    verbose_name = _("Peer support committee")

    def ready(self):
        # The built-in templates of seed 002 are reference data: present after every
        # migrate (and after the flush of transactional tests, which sends the same signal).
        post_migrate.connect(_ensure_builtin_templates, sender=self)


def _ensure_builtin_templates(sender, **kwargs):
    from .services import builtin_templates_ensure

    builtin_templates_ensure()
