"""The demo: shared pieces for `loaddemo` and each app's own `demo.py`.

Each app that has demo data gives a `demo.py` module with `load(organizations, users)`;
`loaddemo` finds them through the app registry (as the admin finds `admin.py`), so this
package imports no app.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def sync(model, lookup: dict, values: dict):
    """Create the row, or update it only where it differs, so that a rerun adds no history.

    People may have added rows that match the same lookup (a second "Année 1" plan of the
    same year): the demo's own row is the oldest one, and the others are left alone.
    """
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def app_loaders() -> list:
    """Each installed app's `demo.load`, in the order of INSTALLED_APPS."""
    loaders = []
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module, "demo"):
            continue
        module = import_module(f"{config.name}.demo")
        if hasattr(module, "load"):
            loaders.append(module.load)
    return loaders
