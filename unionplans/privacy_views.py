"""Personal information in the pages: one's own account and data, the organization's
privacy page (who is in charge, what is held), and erasing a departed member.

Views only parse input; the rules are `unionplans.privacy`'s services.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import permissions, privacy, sessions, two_factor
from .models import Membership
from .people import display_name, people_of
from .permissions import MANAGE_MEMBERS, VIEW, organization_view
from .shortcuts import show_refusal


class PrivacyOfficerForm(forms.Form):
    person = forms.ModelChoiceField(
        label=gettext_lazy("Person in charge of personal information"), queryset=None,
        required=False, empty_label=gettext_lazy("Nobody named yet"),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(
            organization, keeping=[organization.privacy_officer_id])
        self.fields["person"].label_from_instance = display_name


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organization__privacy_officer")
    return render(request, "unionplans/account.html", {
        "memberships": memberships,
        "sessions": sessions.sessions_of(request.user),
        "idle_minutes": sessions.idle_limit(request.session),
        "has_device": two_factor.device_of(request.user) is not None,
        "two_factor_required": two_factor.required_for(request.user),
    })


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the person, this one included, e.g. after using a shared
    computer and forgetting to log out."""
    count = sessions.sessions_end_all(request.user)
    logout(request)
    messages.success(request, sessions.ended_everywhere_message(count))
    return redirect("login")


@login_required
@require_GET
def account_data(request: HttpRequest) -> HttpResponse:
    """Everything the app holds about the person asking, as one JSON file."""
    response = HttpResponse(privacy.personal_data_json(request.user),
                            content_type="application/json; charset=utf-8")
    name = f"unionplans-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organization_view(VIEW)
def privacy_page(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    can_manage = MANAGE_MEMBERS in request.access
    context = {
        "officer": organization.privacy_officer,
        "can_manage": can_manage,
        "form": PrivacyOfficerForm(organization=organization,
                                   initial={"person": organization.privacy_officer_id})
        if can_manage else None,
        "incidents": organization.confidentiality_incidents.all() if can_manage else None,
    }
    return render(request, "unionplans/privacy.html", context)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def privacy_officer(request: HttpRequest) -> HttpResponse:
    organization = request.organization
    form = PrivacyOfficerForm(request.POST, organization=organization)
    if not form.is_valid():
        messages.error(request, _("Choose an active member of the organization."))
        return redirect("privacy", organization.slug)
    try:
        privacy.privacy_officer_set(organization=organization,
                                    person=form.cleaned_data["person"], by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("privacy", organization.slug)


@organization_view(MANAGE_MEMBERS, methods=("POST",))
def member_erase(request: HttpRequest, pk: int) -> HttpResponse:
    membership = permissions.fetch(request, Membership.objects.select_related("user"),
                                   MANAGE_MEMBERS, pk=pk)
    name = display_name(membership.user)
    try:
        privacy.person_erase(membership=membership, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _(
            "The personal information of %(name)s is erased; what they wrote stays, signed "
            "« %(neutral)s ».") % {"name": name, "neutral": display_name(membership.user)})
    return redirect("members", request.organization.slug)
