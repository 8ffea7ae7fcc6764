from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import permissions


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

    def has_permission(self, request):
        # Asked on every page: the access read once per request answers it.
        return permissions.request_can(request, permissions.REVIEW)
