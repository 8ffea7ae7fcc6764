"""What every app's views share: turning a service's refusal into what the person reads,
a list's empty state, and a long list into pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import BaseForm
from django.http import HttpRequest


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """A refusal of an action without a form (a button): one message per reason."""
    for message in error.messages:
        messages.error(request, message)


def form_refusal(form: BaseForm, error: ValidationError) -> None:
    """A refusal of a form's save: on the field it names when the form shows it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Refusals that say the page is out of date (someone else saved first, or closed it).
CONFLICTS = {"edit_conflict", "closed"}


def form_status(form: BaseForm, status: int = 200) -> int:
    """The status of a form's page: 409 when it was refused because the row changed since
    it was shown (or was closed meanwhile), else `status`."""
    if form.is_bound and any(error.code in CONFLICTS
                             for error in form.non_field_errors().as_data()):
        return 409
    return status


def is_filtered(filterset) -> bool:
    """Whether a django-filter form narrows its list (any filter given a value): an empty
    list then says so, rather than that nothing exists."""
    return any(str(filterset.form.data.get(name, "")).strip() for name in filterset.filters)


def paginate(request: HttpRequest, rows, per_page: int) -> tuple[Page, str]:
    """The page of `rows` that `?page=` asks for (the last one past the end, the first for
    anything else), and the request's other parameters (a search, the filters) for the
    links to the other pages (templates/_pagination.html)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    return page, others.urlencode()
