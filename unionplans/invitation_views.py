"""Invitations: the exécutif's buttons on the members page, and the public page of a link.

The members page (`members`) shows `templates/unionplans/_invitations.html` with
`panel_context(organization)`; the buttons post here and come back to it. The link of a
mail opens `invitation_accept`, the only page reachable without an account: the link's
secret is in its address, so its Referer carries the origin only, and Django never logs it.

The link is for its address only: someone logged in with another account is refused (403).
Its "Log in" button never carries the secret to the login page (whose address django-axes
records with each failed login): the secret waits in the session, and the login page comes
back to `invitation_resume` (/invitation/), which sends the person on to the link's page.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import invitations, once, permissions
from .accounts import account_create, normalize_email
from .models import Invitation, Membership
from .people import display_name
from .shortcuts import show_refusal

User = get_user_model()

# The status of the page for a link that no longer works (404: never was).
GONE = {invitations.ACCEPTED: 410, invitations.EXPIRED: 410, invitations.REVOKED: 410,
        invitations.UNKNOWN: 404}


# The session key where the link's secret waits while its invitee logs in.
SESSION_KEY = "invitation_link"


class InvitationForm(forms.Form):
    """The conseiller role is offered to superusers only (they assign conseillers)."""

    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Membership.Role.choices,
                             initial=Membership.Role.MEMBER)
    on_entraide_committee = forms.BooleanField(
        label=gettext_lazy("On the peer support committee"), required=False
    )

    def __init__(self, *args, by=None, **kwargs):
        super().__init__(*args, **kwargs)
        if by is None or not permissions.is_superuser(by):
            self.fields["role"].choices = [
                choice for choice in Membership.Role.choices
                if choice[0] != Membership.Role.ADVISER
            ]


def panel_context(organization, by=None) -> dict:
    """What `_invitations.html` needs, for the members page's view to add to its context.

    `by`: the person looking (the conseiller role is offered to a superuser only)."""
    return {"invitation_form": once.protect(InvitationForm(by=by)),
            "invitations": invitations.invitations_of(organization)}


def _members_page(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("members", args=[request.organization.slug]))


def _invitation_for(request: HttpRequest, pk: int) -> Invitation:
    return permissions.fetch(request, Invitation.objects.all(), permissions.MANAGE_MEMBERS,
                             pk=pk)


@permissions.organization_view(permissions.MANAGE_MEMBERS, methods=("POST",))
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = once.protect(InvitationForm(request.POST, by=request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _members_page(request)
    fields = {name: value for name, value in form.cleaned_data.items() if name != once.FIELD}

    def create() -> str:
        invitations.invitation_create(organization=request.organization, by=request.user,
                                      absolute_uri=request.build_absolute_uri, **fields)
        return reverse("members", args=[request.organization.slug])

    sent = _("Invitation sent to %(email)s.") % {"email": fields["email"]}
    if once.submit(request, form, create, sent) is None:
        show_refusal(request, ValidationError(form.errors))
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
        return account_create(email=self.user.email, first_name=self.cleaned_data["first_name"],
                              last_name=self.cleaned_data["last_name"],
                              password=self.cleaned_data["password1"])


class PasswordForm(SetPasswordMixin, forms.Form):
    """The invited address has an account that never had a password (the member import
    makes them): the link proves the mailbox, so its invitee chooses the password here."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()

    def save(self):
        # Again under a lock: two posts of the link cannot both set the password.
        user = User.objects.select_for_update().get(pk=self.user.pk)
        if user.has_usable_password():
            raise ValidationError(already_accepted(), code="race")
        self.user = user
        return self.set_password_and_save(user)


def already_accepted() -> str:
    """The answer to a concurrent acceptance (translated when shown)."""
    return _("This invitation was already accepted, or the account exists: log in.")


def _account_of(email: str):
    """The account that has the invited address, if any (addresses are unique)."""
    return User.objects.filter(email__iexact=email).first()


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the invitation is and how to accept it; POST: accept it.

    Anonymous: a form creates the account of the invited address; if that address has an
    account, a link to log in first, or, when that account never had a password, a form
    to choose it. Logged in with the invited address: one button joins; with another
    address: refused (403), nothing changes.
    """
    found = invitations.invitation_for_token(token)
    invitation, state = found.invitation, found.state
    context = {"invitation": invitation, "state": state, "token": token}
    if state != invitations.VALID:
        context["message"] = invitations.LINK_STATES[state]()
        return _accept_page(request, context, status=GONE[state])

    email = invitation.email
    context.update(role_label=invitation.get_role_display(),
                   inviter=display_name(invitation.invited_by) if invitation.invited_by else "")
    if request.user.is_authenticated:
        if normalize_email(request.user.email) != normalize_email(email):
            context["wrong_account"] = _(
                "This invitation is for « %(email)s ». Log out and open the link again, or "
                "ask for an invitation to your own address."
            ) % {"email": email}
            return _accept_page(request, context,
                                status=403 if request.method == "POST" else 200)
        if request.method == "GET":
            return _accept_page(request, context)
        return _accept(request, context, token, form=None)

    account = _account_of(email)
    if account is None:
        form = AccountForm(request.POST or None, email=email)
    elif not account.has_usable_password():
        form = PasswordForm(request.POST or None, user=account)
    else:
        form = None
        request.session[SESSION_KEY] = token
    context.update(form=form, has_account=account is not None,
                   login_url=f"{reverse('login')}?next={reverse('invitation_resume')}")
    if request.method == "GET":
        return _accept_page(request, context)
    if form is None:
        return _accept_page(request, context, status=409)
    if not form.is_valid():
        return _accept_page(request, context, status=400)
    return _accept(request, context, token, form=form)


def _accept(request: HttpRequest, context: dict, token: str, form) -> HttpResponse:
    """Join (and, with `form`, create the account or set its password first), all or
    nothing; a concurrent acceptance or account is a 409, never a 500."""
    invitation = context["invitation"]
    try:
        with transaction.atomic():
            user = form.save() if form is not None else request.user
            invitations.invitation_accept(token=token, user=user)
    except ValidationError as error:
        context["refusal"] = error.messages
        return _accept_page(request, context, status=409)
    except IntegrityError:
        context["refusal"] = [already_accepted()]
        context["form"] = None
        return _accept_page(request, context, status=409)
    if form is not None:
        login(request, user, backend="unionplans.accounts.MembershipRightsBackend")
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Welcome to %(organization)s.")
                     % {"organization": invitation.organization.name})
    return redirect("organization_detail", invitation.organization.slug)


@require_http_methods(["GET"])
def invitation_resume(request: HttpRequest) -> HttpResponse:
    """Where the login page returns to from an invitation: on to the link's page, whose
    secret waited in the session (never in the login page's address)."""
    token = request.session.pop(SESSION_KEY, None)
    if token is None:
        return redirect("dashboard")
    if not request.user.is_authenticated:
        request.session[SESSION_KEY] = token
        return redirect(f"{reverse('login')}?next={reverse('invitation_resume')}")
    return redirect("invitation_accept", token)


def _accept_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, "unionplans/invitation_accept.html", context, status=status)
    # The address holds the link's secret: a Referer carries the origin only, never the
    # path, and Django's request log gets no "Not Found: /invitation/<secret>/" line.
    # Not "no-referrer": Chromium then posts the form with `Origin: null`, which Django's
    # CSRF check rightly refuses.
    response["Referrer-Policy"] = "strict-origin"
    response._has_been_logged = True
    return response
