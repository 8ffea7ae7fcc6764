"""The demo: shared pieces for `loaddemo` and each app's own `demo.py`.

Each app that has demo data gives a `demo.py` module with `load(organizations, users)`
and `reset(organizations)`; `loaddemo` finds them through the app registry (as the admin
finds `admin.py`), so this package imports no app.

The demo never rewrites: each piece (a plan, a dossier…) is created, whole, the first time
only (`once`). Whatever people did to it afterwards — edited, deleted, added its twin —
is theirs; `loaddemo --reset` starts over on purpose.
"""

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from .models import DemoRecord


def once(key: str, *, exists: Callable[[], bool], create: Callable[[], object]) -> bool:
    """Create the demo piece `key` unless the demo made it before; True if created now.

    `exists` recognises the piece in a database loaded before the demo kept records (by
    its natural key): it is then recorded as made, and left as it is.
    """
    if DemoRecord.objects.filter(key=key).exists():
        return False
    created = not exists()
    if created:
        create()
    DemoRecord.objects.create(key=key)
    return created


def app_modules() -> list:
    """Each installed app's `demo` module, in the order of INSTALLED_APPS."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module, "demo"):
            continue
        module = import_module(f"{config.name}.demo")
        if hasattr(module, "load"):
            modules.append(module)
    return modules


def app_loaders() -> list:
    return [module.load for module in app_modules()]
