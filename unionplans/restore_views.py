"""« Éléments supprimés »: an organization's deletions of the last RESTORE_DAYS days, each
with a « Restaurer » button (the exécutif's), and the history pages of the apps' objects.
Rules in `unionplans.restore` and `unionplans.history`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import history, restore
from .permissions import EDIT, organization_view
from .shortcuts import show_refusal


def _trash(request: HttpRequest, status: int = 200) -> HttpResponse:
    context = {"deleted": restore.deleted_in(request.organization, request.access),
               "days": restore.restore_days()}
    return render(request, "unionplans/trash.html", context, status=status)


@organization_view(EDIT)
def trash(request: HttpRequest) -> HttpResponse:
    return _trash(request)


@organization_view(EDIT, methods=("POST",))
def trash_restore(request: HttpRequest, key: str, history_id: int) -> HttpResponse:
    record = restore.deletion_for(request.organization, request.access, key, history_id)
    if record is None:
        raise Http404
    try:
        restored = restore.restore(record=record, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return _trash(request, status=409)
    messages.success(request, _("« %(label)s » is back, with what was deleted with it.")
                     % {"label": restored})
    return redirect("trash", request.organization.slug)


def history_page(request: HttpRequest, obj, *, title: str, back: str, crumbs: tuple = ()):
    """The page of changes to `obj` and what it holds: the apps' history views end here,
    once their fetcher has let the person read `obj`."""
    page, changes = history.changes_page(obj, request.GET.get("page"))
    context = {"object": obj, "title": title, "back": back, "crumbs": crumbs,
               "page": page, "changes": changes}
    return render(request, "unionplans/history.html", context)
