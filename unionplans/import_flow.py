"""The Word import's flow, once for every app: upload → preview → one confirmation.

Each app describes its import with a `WordImport` (how to read the document, what its
service would refuse, its template, its confirmation form, and how to create) and its
`import_views` call `upload` and `confirm`. The file is read in the request that brings
it and never stored: the preview travels to the confirmation signed
(`unionplans.importing.sign_preview`), for one organization and one person, under a
versioned salt. A preview creates its plan(s) once (`unionplans.once.create_once`, its
signed preview being its one-time token).

Nothing here knows an app: the apps' services use `Problem` and `clean_problems` to say
what they would refuse, so that the preview shows exactly that.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from . import notifications
from .forms import ImportConfirmForm, WordUploadForm
from .importing import read_preview, sign_preview, upload_refusal
from .models import Organization
from .once import create_once
from .shortcuts import form_refusal

# Bump it when a preview's keys change: previews signed before a deploy are then refused
# as expired instead of reaching a service that cannot read them.
PREVIEW_VERSION = 1

EXPIRED = gettext_lazy("This preview has expired or was changed: upload the file again.")


class Problem(NamedTuple):
    """What an import would be refused for, and the row of the document it comes from."""

    source: str  # "Tableau 1, ligne 4"; "" for the document as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.source} : {self.message}" if self.source else str(self.message)


def clean_problems(obj: models.Model, source: str, *, exclude: Sequence[str] = ()
                   ) -> list[Problem]:
    """What `obj.full_clean()` refuses, each message with its field's name.

    The foreign keys to the import's own unsaved objects are `exclude`d, and so are the
    unique checks and constraints (each would query the database for every row).
    """
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False,
                       validate_constraints=False)
    except ValidationError as error:
        return [Problem(source, message) for message in _named_messages(obj, error)]
    return []


def _named_messages(obj: models.Model, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return error.messages
    named = []
    for name, errors in error.error_dict.items():
        label = "" if name == NON_FIELD_ERRORS else str(
            obj._meta.get_field(name).verbose_name)
        named += [f"« {label} » : {message}" if label else message
                  for message in ValidationError(errors).messages]
    return named


def refuse(problems: Sequence[Problem]) -> None:
    """What a service raises when its import has any problem."""
    if problems:
        raise ValidationError([str(problem) for problem in problems])


def notified(create: Callable[[], tuple[str, str]], organization: Organization, by
             ) -> Callable[[], tuple[str, str]]:
    """`create`, then a notification to `by` of what the import made (in its transaction)."""

    def run() -> tuple[str, str]:
        url, message = create()
        notifications.notify(users=[by], organization=organization,
                             kind=notifications.Kind.IMPORT, subject=str(message), url=url)
        return url, message

    return run


@dataclass(frozen=True)
class WordImport:
    """One app's import from Word; `upload` and `confirm` are its two views."""

    name: str  # the salt's prefix, "plans.import"
    read: Callable[[Any], dict]  # the opened document → the preview (ValidationError)
    problems: Callable[[HttpRequest, dict], list[Problem]]  # what the service would refuse
    counts: Callable[[dict], dict]  # what the preview's summary counts
    template: str
    confirm_form: type[ImportConfirmForm]  # with its button's `submit_label`
    initial: Callable[[dict], dict]  # the confirmation form's values, from the preview
    confirm_url: str  # URL names, with the organization's slug
    back_url: str
    # (request, preview, the form's cleaned_data) → (url, message); ValidationError if refused
    create: Callable[[HttpRequest, dict, dict], tuple[str, str]]

    def salt(self, organization: Organization, user) -> str:
        """A preview is good only for this import's version, organization and person."""
        return f"{self.name}.v{PREVIEW_VERSION}:{organization.pk}:{user.pk}"

    # The views

    def upload(self, request: HttpRequest) -> HttpResponse:
        refusal = upload_refusal(request)
        if refusal:  # the file was skipped while it came: the form has nothing to check
            return self.render(request, upload=WordUploadForm(), errors=[refusal], status=413)
        form = WordUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                data = self.read(form.document)
                problems = self.problems(request, data)
            except ValidationError as error:
                form_refusal(form, error)
            else:
                confirm = self.form(request, initial={
                    **self.initial(data),
                    "preview": sign_preview(data, self.salt(request.organization,
                                                            request.user)),
                })
                return self.render(request, data=data, problems=problems, confirm=confirm)
        return self.render(request, upload=form, status=400 if form.errors else 200)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request, data=request.POST)
        valid = form.is_valid()
        token = form.cleaned_data.get("preview", "")
        try:
            data, problems = self.preview(request, token)
        except ValidationError as error:
            return self.render(request, upload=WordUploadForm(), errors=error.messages,
                               status=400)
        if valid:
            try:
                url, message, created = create_once(token, request.organization, notified(
                    lambda: self.create(request, data, form.cleaned_data),
                    request.organization, request.user))
            except ValidationError as error:
                form_refusal(form, error)
            else:
                (messages.success if created else messages.info)(request, message)
                return redirect(url)
        return self.render(request, data=data, problems=problems, confirm=form, status=400)

    # Their pieces

    def preview(self, request: HttpRequest, token: str) -> tuple[dict, list[Problem]]:
        """The signed preview and its problems; a preview that the service cannot read (a
        key missing, signed before a deploy) is refused as an expired one."""
        data = read_preview(token, self.salt(request.organization, request.user))
        try:
            problems = self.problems(request, data)
            self.counts(data)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ValidationError(EXPIRED, code="preview_expired") from None
        return data, problems

    def form(self, request: HttpRequest, **kwargs) -> ImportConfirmForm:
        """The confirmation form, with its button (the form's `submit_label`) and action."""
        form = self.confirm_form(**kwargs)
        form.helper = FormHelper()
        form.helper.form_action = reverse(self.confirm_url, args=[request.organization.slug])
        form.helper.add_input(Submit("submit", form.submit_label))
        return form

    def render(self, request, *, upload=None, data=None, problems=(), confirm=None,
               errors=(), status=200) -> HttpResponse:
        context = {
            "upload": upload, "data": data, "confirm": confirm,
            "errors": [*errors, *(str(problem) for problem in problems)],
            "refused_sources": {problem.source for problem in problems if problem.source},
            "counts": self.counts(data) if data else None,
            "back": reverse(self.back_url, args=[request.organization.slug]),
        }
        return render(request, self.template, context, status=status)
