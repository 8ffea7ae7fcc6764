from django.contrib import admin

from unionplans import permissions
from unionplans.admin import ScopedAdmin, ScopedPermissionsMixin

from .models import EntraidePlan, EntraideRow


class EntraideRowInline(ScopedPermissionsMixin, admin.StackedInline):
    model = EntraideRow
    via = "organization"  # from the parent plan
    view_ability = permissions.ENTRAIDE
    extra = 0
    fields = ["position", "objective", "results", "means", "resources", "responsibles",
              "schedule", "state"]


@admin.register(EntraidePlan)
class EntraidePlanAdmin(ScopedAdmin):
    """Confidential: conseillers see the plans only if flagged on the comité d'entraide."""

    view_ability = permissions.ENTRAIDE
    list_display = ["__str__", "organization", "year", "is_template", "status"]
    list_select_related = ["organization"]  # nullable (templates): not joined by default
    list_filter = ["is_template", "status", ("organization", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["period_label", "name"]
    inlines = [EntraideRowInline]
