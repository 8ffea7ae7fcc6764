"""The pages of two-factor authentication: the code after the password, setting up an
authenticator app, turning it off, and an organization requiring it. The rules are
`unionplans.two_factor`'s."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import two_factor
from .permissions import MANAGE_MEMBERS, organization_view
from .shortcuts import show_refusal


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """The second step of the login."""
    device = two_factor.device_of(request.user)
    if device is None:
        return redirect(f"{_setup_url()}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _wrong_code(device))
        status = 400
    return render(request, "unionplans/two_factor_code.html",
                  {"form": form, "next": _next(request)}, status=status)


def _wrong_code(device) -> str:
    if two_factor.waits_before_next_try(device):
        return _("Too many wrong codes: wait a few seconds, then type the current code.")
    return _("This code is not the right one, or has expired: type the one the app shows now.")


def _setup_url() -> str:
    return reverse("two_factor_setup")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Show a new key (QR code and text) and confirm it with a first code."""
    if request.session.get(two_factor.NEEDED) and two_factor.device_of(request.user):
        # Half logged in (password only): a new device would bypass the one they have.
        return redirect(f"{reverse('two_factor')}?next={_next(request)}")
    device = two_factor.setup_device(request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if two_factor.setup_confirm(request, device, form.cleaned_data["code"]):
            messages.success(request, _("Two-factor authentication is on: the next logins "
                                        "will ask for a code."))
            return redirect(_next(request) if request.POST.get("next") else "account")
        form.add_error("code", _wrong_code(device))
        status = 400
    qr = segno.make(device.config_url, error="m")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": mark_safe(qr.svg_inline(scale=4, title=_("QR code of the key"))),  # noqa: S308
        # Apps take the key typed in base32, as the QR code's otpauth:// address gives it.
        "key": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "has_device": two_factor.device_of(request.user) is not None,
        "required": two_factor.required_for(request.user),
    }
    return render(request, "unionplans/two_factor_setup.html", context, status=status)


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.device_remove(request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Two-factor authentication is off."))
    return redirect("account")


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def requirement(request: HttpRequest) -> HttpResponse:
    required = request.POST.get("required") == "on"
    try:
        two_factor.requirement_set(organization=request.organization, required=required,
                                   by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("privacy", request.organization.slug)
