from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from unionplans.admin import ScopedAdmin, person_column

from . import services
from .models import (
    Action,
    Delegation,
    FollowUp,
    Indicator,
    Measurement,
    Orientation,
    StatutoryFile,
    Step,
    WorkPlan,
)


@admin.register(WorkPlan)
class WorkPlanAdmin(ScopedAdmin):
    via = "organization"
    list_display = ["title", "organization", "mandate_start", "mandate_end", "state"]
    list_filter = ["state", ("organization", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title"]
    readonly_fields = ["state", "previous"]


@admin.register(Orientation)
class OrientationAdmin(ScopedAdmin):
    via = "plan__organization"
    list_display = ["__str__", "plan", "position", "numbered"]
    search_fields = ["title", "statement"]


@admin.register(Action)
class ActionAdmin(ScopedAdmin):
    via = "orientation__plan__organization"
    list_display = ["__str__", "orientation", "responsible", "outcome"]
    list_select_related = ["orientation"]
    list_filter = ["outcome"]
    search_fields = ["what", "responsible"]
    raw_id_fields = ["responsible_user"]


@admin.register(Step)
class StepAdmin(ScopedAdmin):
    via = "action__orientation__plan__organization"
    list_display = ["__str__", "action", "when_kind", "when_date", "when_label"]


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
    via = "action__orientation__plan__organization"
    list_display = ["__str__", "action", "date", person_column("author", _("author"))]
    list_select_related = ["action", "author"]
    search_fields = ["text", "author__username", "author__first_name", "author__last_name"]


@admin.register(StatutoryFile)
class StatutoryFileAdmin(ScopedAdmin):
    via = "plan__organization"
    list_display = ["name", "responsible", "plan"]


@admin.register(Delegation)
class DelegationAdmin(ScopedAdmin):
    via = "plan__organization"
    list_display = ["name", "responsible", "plan"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    fields = ["date", "value", "note"]
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    """Quantitative targets and their dated measurements; saved through the plans'
    services, so a closed plan refuses them as it refuses everything else."""

    via = "action__orientation__plan__organization"
    list_display = ["name", "action", "target"]
    search_fields = ["name", "action__what"]
    raw_id_fields = ["action"]
    fields = ["action", "name", "target"]
    inlines = [MeasurementInline]

    def save_model(self, request, obj, form, change):
        services.indicator_save(row=obj)

    def save_formset(self, request, form, formset, change):
        for measurement in formset.save(commit=False):
            services.indicator_save(row=measurement)
        for measurement in formset.deleted_objects:
            services.row_delete(row=measurement, by=request.user)

    def delete_model(self, request, obj):
        services.row_delete(row=obj, by=request.user)
