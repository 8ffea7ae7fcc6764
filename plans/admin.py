from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from unionplans.admin import ScopedAdmin, person_column

from .models import Action, Delegation, FollowUp, Orientation, StatutoryFile, Step, WorkPlan


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


@admin.register(StatutoryFile)
class StatutoryFileAdmin(ScopedAdmin):
    via = "plan__organization"
    list_display = ["name", "responsible", "plan"]


@admin.register(Delegation)
class DelegationAdmin(ScopedAdmin):
    via = "plan__organization"
    list_display = ["name", "responsible", "plan"]
