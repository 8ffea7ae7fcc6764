"""A form creates once: a double-submitted form (a double click, the back button, two
tabs, even at the same moment) makes one object, and the second submission leads to it.

Every creation form carries a one-time token in a hidden field (`protect`); the view
creates through `submit`, which saves the token's `Receipt` first, in the transaction
that creates: a second submission of the same token fails on the receipt's unique digest,
creates nothing and is sent, with a message, to the page of what the first one created.
A Word import's confirmation is the same thing, its signed preview being its token
(`unionplans.import_flow`).

A form posted without a token (an old page, a script) is simply created.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from . import tokens
from .models import Organization, Receipt
from .shortcuts import form_refusal

FIELD = "once"
ALREADY_SENT = _("This form was already sent: here is what it created.")
ALREADY_IMPORTED = _("This import was already done: here is the plan.")


def protect(form: BaseForm) -> BaseForm:
    """Give `form` its one-time token: a new one when shown, the posted one when sent (so a
    form shown again after a refusal keeps the token, which nothing consumed)."""
    form.fields[FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=100,
        initial=tokens.new_secret(24),
    )
    return form


def create_once(token: str, organization: Organization, create: Callable[[], tuple[str, str]],
                *, already=ALREADY_IMPORTED) -> tuple[str, str, bool]:
    """`create()` once for `token`: `(url, message, created)`.

    `create()` makes the object(s) and returns where they are and what to tell the person;
    a ValidationError from it rolls the receipt back with everything else.
    """
    digest = tokens.digest(token)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the transaction goes on if it fails
                receipt = Receipt.objects.create(digest=digest, organization=organization,
                                                 url="")
        except IntegrityError:
            return Receipt.objects.get(digest=digest).url, str(already), False
        url, message = create()
        receipt.url = url
        receipt.save(update_fields=["url"])
    return url, message, True


def submit(request: HttpRequest, form: BaseForm, create: Callable[[], str],
           message) -> HttpResponse | None:
    """Create from a valid `form` once for its token: the redirect to show, or None when
    the service refused (its reasons are then on the form).

    `create()` calls the service and returns the URL of what it made; `message` is the
    success message.
    """
    token = form.cleaned_data.get(FIELD) or ""
    try:
        if not token:
            url, created = create(), True
        else:
            # The token is the person's, for this organization: nobody else's can collide.
            key = f"form:{request.organization.pk}:{request.user.pk}:{token}"
            url, _message, created = create_once(key, request.organization,
                                                 lambda: (create(), ""), already=ALREADY_SENT)
    except ValidationError as error:
        form_refusal(form, error)
        return None
    if created:
        messages.success(request, message)
    else:
        messages.info(request, ALREADY_SENT)
    return redirect(url)
