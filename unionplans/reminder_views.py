"""The reminder preferences page (`/preferences/`) and the unsubscribe link of each mail.

The rules are `unionplans.reminders`' services. The unsubscribe link works without
logging in (its token is signed): GET only shows what it will do, POST does it. The POST
is exempt from CSRF so that mail clients can unsubscribe in one click (RFC 8058, the
`List-Unsubscribe-Post` header): the signed token is the proof, and all it can do is
turn one kind of reminder off.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import permissions, reminders
from .models import Organization, Reminder, ReminderPreference
from .shortcuts import form_refusal


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["deadline", "step", "digest", "english"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Save")))


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None,
                           instance=reminders.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        reminders.preferences_update(
            user=request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
        messages.success(request, _("Your reminder preferences are saved."))
        return redirect("reminder_preferences")
    return render(request, "reminders/preferences.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    target = reminders.unsubscribe_target(token)
    if target is None:
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        reminders.unsubscribe(token=token)
    user, kind = target
    return render(request, "reminders/unsubscribe.html", {
        "kind": Reminder(kind).label, "done": request.method == "POST",
        "email": user.email,
    })


class ReminderDaysForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["reminder_days_first", "reminder_days_last"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Save")))


@permissions.organization_view(permissions.EDIT, methods=("GET", "POST"))
def reminder_days(request: HttpRequest) -> HttpResponse:
    """The exécutif sets when the people of its VPP dossiers are reminded of a deadline."""
    organization = request.organization
    form = ReminderDaysForm(request.POST or None, instance=Organization(
        reminder_days_first=organization.reminder_days_first,
        reminder_days_last=organization.reminder_days_last))
    if request.method == "POST" and form.is_valid():
        try:
            reminders.reminder_days_update(
                organization=organization, by=request.user,
                first=form.cleaned_data["reminder_days_first"],
                last=form.cleaned_data["reminder_days_last"])
        except ValidationError as error:
            form_refusal(form, error)
        else:
            messages.success(request, _("The deadline reminders are saved."))
            return redirect("organization_detail", organization.slug)
    return render(request, "reminders/reminder_days.html", {"form": form})
