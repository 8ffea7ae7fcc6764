"""Invitations: the exécutif's buttons on the members page, and the public page of a link.

The members page (`members`) shows `templates/unionplans/_invitations.html` with
`panel_context(organization)`; the buttons post here and come back to it. The link of a
mail opens `invitation_accept`, the only page reachable without an account: the link's
secret is in its address, so its Referer carries the origin only, and Django never logs it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import invitations, permissions
from .accounts import email_taken
from .members import _unique_usernames as unique_usernames
from .models import Invitation, Membership
from .people import display_name
from .shortcuts import show_refusal

User = get_user_model()

# The status of the page for a link that no longer works (404: never was).
GONE = {invitations.ACCEPTED: 410, invitations.EXPIRED: 410, invitations.REVOKED: 410,
        invitations.UNKNOWN: 404}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Membership.Role.choices,
                             initial=Membership.Role.MEMBER)
    on_entraide_committee = forms.BooleanField(
        label=gettext_lazy("On the peer support committee"), required=False
    )


def panel_context(organization) -> dict:
    """What `_invitations.html` needs, for the members page's view to add to its context."""
    return {"invitation_form": InvitationForm(),
            "invitations": invitations.invitations_of(organization)}


def _members_page(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("members", args=[request.organization.slug]))


def _invitation_for(request: HttpRequest, pk: int) -> Invitation:
    return permissions.fetch(request, Invitation.objects.all(), permissions.MANAGE_MEMBERS,
                             pk=pk)


@permissions.organization_view(permissions.MANAGE_MEMBERS, methods=("POST",))
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _members_page(request)
    try:
        invitation = invitations.invitation_create(
            organization=request.organization, by=request.user,
            absolute_uri=request.build_absolute_uri, **form.cleaned_data,
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Invitation sent to %(email)s.")
                         % {"email": invitation.email})
    return _members_page(request)


@permissions.organization_view(permissions.MANAGE_MEMBERS, methods=("POST",))
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, pk)
    try:
        invitations.invitation_resend(invitation=invitation, by=request.user,
                                      absolute_uri=request.build_absolute_uri)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Invitation sent again to %(email)s: the previous link "
                                    "no longer works.") % {"email": invitation.email})
    return _members_page(request)


@permissions.organization_view(permissions.MANAGE_MEMBERS, methods=("POST",))
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, pk)
    try:
        invitations.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Invitation to %(email)s revoked: its link no longer "
                                    "works.") % {"email": invitation.email})
    return _members_page(request)


class AccountForm(SetPasswordMixin, forms.Form):
    """A new account for the invited address: a name and a password (Django's validators)."""

    first_name = User._meta.get_field("first_name").formfield(required=True)
    last_name = User._meta.get_field("last_name").formfield(required=True)
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = User(email=email)

    def clean(self):
        self.user.first_name = self.cleaned_data.get("first_name", "")
        self.user.last_name = self.cleaned_data.get("last_name", "")
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()

    def save(self):
        self.user.username = unique_usernames([self.user.email])[0]
        self.user.first_name = self.cleaned_data["first_name"]
        self.user.last_name = self.cleaned_data["last_name"]
        return self.set_password_and_save(self.user)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the invitation is and how to accept it; POST: accept it.

    Anonymous: a form creates the account of the invited address (or, if that address
    has one, a link to log in first). Logged in: one button joins as that person.
    """
    found = invitations.invitation_for_token(token)
    invitation, state = found.invitation, found.state
    context = {"invitation": invitation, "state": state, "token": token}
    if state != invitations.VALID:
        context["message"] = invitations.LINK_STATES[state]()
        return _accept_page(request, context, status=GONE[state])

    email = invitation.email
    existing = email_taken(email)
    anonymous = not request.user.is_authenticated
    form = AccountForm(request.POST or None, email=email) if anonymous and not existing \
        else None
    context.update(form=form, has_account=existing, role_label=invitation.get_role_display(),
                   inviter=display_name(invitation.invited_by) if invitation.invited_by else "",
                   login_url=f"{reverse('login')}?next={request.path}")
    if request.method == "GET":
        return _accept_page(request, context)
    if anonymous and existing:
        return _accept_page(request, context, status=409)
    if anonymous and not form.is_valid():
        return _accept_page(request, context, status=400)
    try:
        with transaction.atomic():
            user = form.save() if anonymous else request.user
            invitations.invitation_accept(token=token, user=user)
    except ValidationError as error:
        context["refusal"] = error.messages
        return _accept_page(request, context, status=409)
    if anonymous:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Welcome to %(organization)s.")
                     % {"organization": invitation.organization.name})
    return redirect("organization_detail", invitation.organization.slug)


def _accept_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, "unionplans/invitation_accept.html", context, status=status)
    # The address holds the link's secret: a Referer carries the origin only, never the
    # path, and Django's request log gets no "Not Found: /invitation/<secret>/" line.
    # Not "no-referrer": Chromium then posts the form with `Origin: null`, which Django's
    # CSRF check rightly refuses.
    response["Referrer-Policy"] = "strict-origin"
    response._has_been_logged = True
    return response
