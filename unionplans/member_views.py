"""The members page (`/o/<slug>/membres/`) and the bulk import of members from CSV.

Views only parse input: the rules are `unionplans.members`' services, their refusals
shown as messages.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import invitation_views, members, permissions, privacy
from .forms import ImportConfirmForm
from .importing import read_preview, sign_preview, upload_refusal
from .models import Membership
from .once import create_once
from .people import display_name
from .permissions import MANAGE_MEMBERS, VIEW_MEMBERS, organization_view
from .shortcuts import show_refusal

Role = Membership.Role


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    on_entraide_committee = forms.BooleanField(
        label=gettext_lazy("Peer support committee"), required=False)


class MemberFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Member list (.csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Preview the import")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.preview = members.read_member_file(upload)
        return upload


class MemberImportConfirmForm(ImportConfirmForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Import these people")))


# The members page


@organization_view(VIEW_MEMBERS)
def member_list(request: HttpRequest) -> HttpResponse:
    return _member_page(request)


def _member_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    organization, access = request.organization, request.access
    assigns_advisers = permissions.ADMINISTER in access
    roles = [(value, label) for value, label in Role.choices
             if assigns_advisers or value != Role.ADVISER]
    can_manage = MANAGE_MEMBERS in access
    memberships = members.members_of(organization, include_inactive=True)
    for membership in memberships:
        # A conseiller's row is read-only to whoever does not assign conseillers.
        membership.editable = can_manage and (assigns_advisers
                                              or membership.role != Role.ADVISER)
        membership.erasable = membership.editable and privacy.erasable(membership)
    context = {
        "memberships": memberships,
        "can_manage": can_manage,
        "assigns_advisers": assigns_advisers,
        "roles": roles,
        # The invitations' form and list (unionplans/invitation_views.py).
        **(invitation_views.panel_context(organization, by=request.user) if can_manage else {}),
    }
    return render(request, "unionplans/members.html", context, status=status)


def _membership(request: HttpRequest, pk: int) -> Membership:
    return permissions.fetch(request, Membership.objects.select_related("user"),
                             MANAGE_MEMBERS, pk=pk)


def _back(request: HttpRequest) -> HttpResponse:
    return redirect("members", request.organization.slug)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown role."))
        return _member_page(request, status=400)
    try:
        members.membership_change(
            membership=membership, by=request.user, role=form.cleaned_data["role"],
            on_entraide_committee=form.cleaned_data["on_entraide_committee"])
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Saved for %(name)s.") % {
            "name": display_name(membership.user)})
    return _back(request)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def member_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    try:
        members.membership_deactivate(membership=membership, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _(
            "%(name)s no longer has access to the organization; their follow-ups and "
            "history are kept.") % {"name": display_name(membership.user)})
    return _back(request)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def member_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    try:
        members.membership_reactivate(membership=membership, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s is a member again.") % {
            "name": display_name(membership.user)})
    return _back(request)


# The import from CSV: upload → preview → one confirmation


PREVIEW_VERSION = 1


def import_salt(organization, user) -> str:
    """A preview is good for this import's version, organization and person only."""
    return f"members.import.v{PREVIEW_VERSION}:{organization.pk}:{user.pk}"


def _salt(request: HttpRequest) -> str:
    return import_salt(request.organization, request.user)


@organization_view(MANAGE_MEMBERS, methods=("GET", "POST"))
def member_import(request: HttpRequest) -> HttpResponse:
    refusal = upload_refusal(request)
    if refusal:  # the file was skipped while it came: the form has nothing to check
        return _import_page(request, upload=MemberFileForm(), errors=[refusal], status=413)
    form = MemberFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = members.members_import_plan(organization=request.organization,
                                           rows=form.preview["rows"], by=request.user)
        confirm = MemberImportConfirmForm(initial={
            "preview": sign_preview(form.preview, _salt(request))})
        return _import_page(request, plan=plan, confirm=confirm)
    return _import_page(request, upload=form, status=400 if form.errors else 200)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def member_import_confirm(request: HttpRequest) -> HttpResponse:
    form = MemberImportConfirmForm(data=request.POST)
    token = form.cleaned_data.get("preview", "") if form.is_valid() else ""
    try:
        rows = read_preview(token, _salt(request))["rows"]
        plan = members.members_import_plan(organization=request.organization, rows=rows,
                                           by=request.user)
    except (ValidationError, KeyError, TypeError):
        return _import_page(request, upload=MemberFileForm(), status=400, errors=[
            _("This preview has expired or was changed: upload the file again.")])
    done = {}

    def create():
        done.update(members.members_import(organization=request.organization, rows=rows,
                                           by=request.user))
        return reverse("members", args=[request.organization.slug]), ""

    try:
        url, _message, created = create_once(token, request.organization, create)
    except ValidationError as error:
        return _import_page(request, plan=plan, confirm=form, errors=error.messages,
                            status=400)
    if created:
        messages.success(request, _(
            "Imported: %(accounts)d new accounts, %(unchanged)d already members "
            "(unchanged), %(skipped)d skipped (an account already uses the address: send "
            "an invitation).") % {
            "accounts": done["new_account"], "skipped": done["skipped"],
            "unchanged": done["member"] + done["former_member"]})
    else:
        messages.info(request, _("This import was already done."))
    return redirect(url)


def _import_page(request, *, upload=None, plan=None, confirm=None, errors=(), status=200
                 ) -> HttpResponse:
    if confirm is not None:
        confirm.helper.form_action = reverse("member_import_confirm",
                                             args=[request.organization.slug])
    context = {"upload": upload, "plan": plan, "confirm": confirm, "errors": errors,
               "max_rows": members.MAX_IMPORT_ROWS}
    return render(request, "unionplans/members_import.html", context, status=status)
