"""« Mes actions »: what a person answers for, across their organizations, by nearest date.

This package imports no app (see `unionplans.demo`): each app that names people in its
rows gives `answered_by(user) -> list[Item]` in its `selectors.py`, found through the app
registry as `loaddemo` finds each `demo.py`. Each app's reader scopes its rows with
`unionplans.permissions` (VIEW for plans and dossiers as their pages do, ENTRAIDE for the
comité d'entraide) and runs a fixed number of queries, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.views.decorators.http import require_GET

from .models import Organization


@dataclass(frozen=True)
class Item:
    """One thing the person answers for, as the page lists it."""

    kind: str  # "Action", "Étape", "Dossier VPP", "Comité d'entraide" (translated)
    title: str
    organization: Organization
    url: str
    context: str = ""  # where it belongs: the plan, the dossier's stage…
    date: datetime.date | None = None  # the nearest date; None sorts last
    when: str = ""  # the date as the item's page writes it (« mars 2020 », a schedule)
    overdue: bool = False


def _readers() -> list:
    readers = []
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(
            config.module, "selectors"
        ):
            continue
        module = import_module(f"{config.name}.selectors")
        if hasattr(module, "answered_by"):
            readers.append(module.answered_by)
    return readers


def items_for(*, user, today: datetime.date | None = None) -> list[Item]:
    """Everything `user` answers for, nearest date first; undated items (an entraide
    row's schedule is a season, not a date) last."""
    today = today or timezone.localdate()
    items = [item for read in _readers() for item in read(user=user, today=today)]
    return sorted(items, key=lambda item: (
        item.date is None, item.date or datetime.date.max, item.organization.short_name,
        item.title,
    ))


@require_GET
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    items = items_for(user=request.user)
    context = {"items": items, "overdue_count": sum(item.overdue for item in items)}
    return render(request, "unionplans/my_actions.html", context)
