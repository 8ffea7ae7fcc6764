from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import permissions
from .people import display_name


class AdminLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "no_admin_access": _(
            "This account has no access to the administration. "
            "It is reserved for union advisers."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not permissions.can_use_admin(user):
            raise forms.ValidationError(
                self.error_messages["no_admin_access"], code="no_admin_access"
            )


class UnionPlansAdminSite(admin.AdminSite):
    """Open to conseillers (and superusers), whatever their `is_staff` flag says."""

    site_header = _("UnionPlans administration")
    site_title = _("UnionPlans")
    index_title = _("Advisers' workbench")
    login_form = AdminLoginForm

    def autocomplete_view(self, request):
        return NamedAutocompleteView.as_view(admin_site=self)(request)

    def has_permission(self, request):
        # Asked on every page: the access read once per request answers it.
        return permissions.request_can(request, permissions.REVIEW)


class NamedAutocompleteView(AutocompleteJsonView):
    """The admin's autocompletes offer people by name (searched by name and login alike:
    the account admin's search fields), not by login."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = display_name(obj)
        return result
