"""« Mes actions »: what a person answers for, across their organizations, by nearest date.

The list itself is read by `unionplans.due.items_for`, the one place that knows what a
person answers for (each app's `answered_by`); this module only shows it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .due import Item, items_for

__all__ = ["Item", "items_for", "my_actions"]


@require_GET
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    items = items_for(user=request.user)
    context = {"items": items, "overdue_count": sum(item.overdue for item in items)}
    return render(request, "unionplans/my_actions.html", context)
