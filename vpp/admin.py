"""The conseillers' workbench: VPP dossiers and what hangs from them, scoped to the
organisations a conseiller is assigned to (`ScopedAdmin`, `unionplans.permissions`).

Conseillers (REVIEW) may change these rows here; only superusers delete. Stages move only
through the "advance" action, which calls the same service as the app; the history is
read-only (a revert would move a stage behind the workflow's back).
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, Q, URLField
from django.utils.translation import gettext_lazy as _

from unionplans import permissions, restore
from unionplans.admin import (
    ReadableChoicesMixin,
    ScopedAdmin,
    ScopedPermissionsMixin,
    person_column,
)
from unionplans.forms import AdminVersionCheckForm
from unionplans.people import display_name

from . import le28, services, workflow
from .deadlines import today
from .models import (
    Bulletin,
    Deadline,
    DeadlineRule,
    DeploymentStep,
    Dossier,
    DossierEvent,
    LE28Assessment,
    LE28CommitteeMember,
    LE28Decision,
    LE28Phase,
    LE28Project,
    QuestionnaireAnswers,
    Task,
    VeilleItem,
    VppStructure,
)
from .selectors import dossiers_visible_to


class WorkbenchMixin:
    """Conseillers change VPP rows of their organisations; deleting is for superusers."""

    view_ability = permissions.REVIEW
    change_ability = permissions.REVIEW
    # A link typed without its scheme is https, as on the app's forms (Django 6's default).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return permissions.request_can(request, permissions.ADMINISTER)

    def _reachable_organizations(self, request):
        return permissions.organizations_for(request.user, permissions.REVIEW)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Every list of people of a form (the adviser, both sides, the readers) from one
        # query a request, by name; the field's queryset still checks what is posted.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (formfield is not None and request is not None and db_field.is_relation
                and db_field.related_model is get_user_model()
                and hasattr(formfield, "queryset")):
            empty = [] if formfield.empty_label is None else [("", formfield.empty_label)]
            formfield.choices = empty + self._people_choices(request)
        return formfield

    def _people_choices(self, request):
        choices = getattr(request, "_vpp_people_choices", None)
        if choices is None:
            people = _people_of(self._reachable_organizations(request))
            choices = request._vpp_people_choices = [(p.pk, display_name(p)) for p in people]
        return choices

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        organizations = self._reachable_organizations(request)
        if related._meta.label == "unionplans.Organization":
            kwargs["queryset"] = organizations
        elif related is get_user_model():
            kwargs["queryset"] = _people_of(organizations)
        elif related in (Dossier, VeilleItem, DeadlineRule, Bulletin):
            kwargs["queryset"] = related.objects.filter(organization__in=organizations)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        organizations = self._reachable_organizations(request)
        if related is get_user_model():
            kwargs["queryset"] = _people_of(organizations)
        elif related is VeilleItem:
            kwargs["queryset"] = VeilleItem.objects.filter(organization__in=organizations)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _people_of(organizations):
    return get_user_model().objects.filter(
        memberships__organization__in=organizations.values("pk"), memberships__is_active=True
    ).distinct().order_by("last_name", "first_name")


class ReadOnlyHistoryMixin:
    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class WorkbenchAdmin(ReadOnlyHistoryMixin, WorkbenchMixin, ScopedAdmin):
    pass


class WorkbenchInline(ReadableChoicesMixin, WorkbenchMixin, ScopedPermissionsMixin,
                      admin.TabularInline):
    via = "organization"  # from the parent object
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The choices read once for the formset, not once a row (a deadline's rule), after
        # their empty choice got its words.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (formfield is not None and db_field.many_to_one and hasattr(formfield, "queryset")
                and not isinstance(formfield.choices, list)):
            formfield.choices = [(getattr(value, "value", value), label)
                                 for value, label in formfield.choices]
        return formfield


# Dossiers


class EventInline(WorkbenchInline):
    model = DossierEvent
    fields = ["at", "by_name", "kind", "from_stage", "to_stage", "note"]
    readonly_fields = fields
    by_name = staticmethod(person_column("by", _("by")))
    can_delete = False
    verbose_name_plural = _("timeline (stage changes)")

    def get_queryset(self, request):
        # The stage changes only: the dossier's creation is no move.
        return super().get_queryset(request).stage_changes().select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeadlineInline(WorkbenchInline):
    model = Deadline
    fields = ["rule", "trigger_date", "due_on", "met", "note"]
    readonly_fields = ["due_on"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rule")  # its name is the row's


class TaskInline(WorkbenchInline):
    model = Task
    fields = ["element", "description", "who", "due_on", "done"]


class QuestionnaireInline(WorkbenchInline):
    model = QuestionnaireAnswers
    fields = ["kind", "answers", "complete"]
    readonly_fields = ["complete"]

    @admin.display(boolean=True, description=_("complete"))
    def complete(self, obj):
        return obj.complete if obj.pk else False


class DeadlineWithinFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "echeance"

    def lookups(self, request, model_admin):
        return [("7j", _("within 7 days")), ("retard", _("overdue"))]

    def queryset(self, request, queryset):
        on = today()
        unmet = Q(deadlines__met=False)
        if self.value() == "7j":
            window = unmet & Q(deadlines__due_on__gte=on, deadlines__due_on__lte=on + timedelta(7))
        elif self.value() == "retard":
            window = unmet & Q(deadlines__due_on__lt=on)
        else:
            return queryset
        return queryset.filter(pk__in=Dossier.objects.filter(window).values("pk"))


class DossierAdminForm(AdminVersionCheckForm):
    """The choices span every organisation the conseiller reaches; the service's rule says
    which ones a dossier may take (people and watch items of its own organisation)."""

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        if organization is None:
            return cleaned
        links = {name: cleaned.get(name) or () for name in
                 ("direction_people", "terrain_people", "veille_items")}
        try:
            services.dossier_links_check(
                organization=organization, conseiller=cleaned.get("conseiller"),
                dossier=self.instance if self.instance.pk else None, **links
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field, errors)
        return cleaned


@admin.register(Dossier)
class DossierAdmin(WorkbenchAdmin):
    form = DossierAdminForm
    list_display = ["title", "organization", "stage", "mode", "priority", "next_due",
                    person_column("conseiller", _("assigned union adviser"))]
    list_filter = [
        "stage", "mode", ("organization", admin.RelatedOnlyFieldListFilter),
        DeadlineWithinFilter,
    ]
    list_select_related = ["organization", "conseiller"]
    search_fields = ["title", "establishment", "service"]
    readonly_fields = ["stage", "created_at", "updated_at"]
    filter_horizontal = ["direction_people", "terrain_people", "veille_items"]
    fieldsets = [
        (None, {"fields": ["organization", "title", "establishment", "service", "mode",
                           "domain", "priority", "stage", "description", "conseiller"]}),
        (_("People"), {"fields": ["direction_people", "terrain_people"]}),
        (_("Analysis and decision"), {"fields": [
            "decision", "decision_date", "decision_note", "terrain_on_decision",
            "terrain_on_decision_date", "terrain_on_work_plan", "terrain_on_work_plan_date",
        ]}),
        (_("Survey and report"), {"fields": ["findings", "report", "veille_items"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [EventInline, DeadlineInline, TaskInline, QuestionnaireInline]
    actions = ["advance_to_next_stage"]

    def get_readonly_fields(self, request, obj=None):
        # Moving a dossier would leave its deadline rules and watch items behind.
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "organization"] if obj is not None else readonly

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("organization", "conseiller")
        return dossiers_visible_to(user=request.user, queryset=queryset).annotate(
            _next_due=Min("deadlines__due_on", filter=Q(deadlines__met=False))
        )

    @admin.display(description=_("next deadline"), ordering="_next_due")
    def next_due(self, obj):
        return obj._next_due

    def save_formset(self, request, form, formset, change):
        if formset.model is not Deadline:
            return super().save_formset(request, form, formset, change)
        # Deadlines get their due date from the service.
        for deadline in formset.save(commit=False):
            services.deadline_set(
                dossier=form.instance, deadline=deadline, rule=deadline.rule,
                trigger_date=deadline.trigger_date, met=deadline.met, note=deadline.note,
            )
        for deadline in formset.deleted_objects:
            restore.delete(deadline, by=request.user)
        formset.save_m2m()

    @admin.action(description=_("Advance to the next stage"))
    def advance_to_next_stage(self, request, queryset):
        moved = 0
        for dossier in queryset.select_related("organization"):
            # A closed dossier has no next stage: the service refuses it with its message.
            to_stage = workflow.default_next(dossier) or dossier.stage
            try:
                services.dossier_advance(dossier=dossier, to_stage=to_stage, by=request.user,
                                         note=str(_("Advanced from the administration.")))
            except ValidationError as error:
                self.message_user(request, f"{dossier}: {' '.join(error.messages)}",
                                  messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request, _("%(count)d dossier(s) moved to the next stage.") % {"count": moved},
                messages.SUCCESS,
            )


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(WorkbenchAdmin):
    list_display = ["reference", "name", "days", "day_kind", "trigger", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "day_kind"]
    search_fields = ["name", "reference"]

    def save_model(self, request, obj, form, change):
        services.deadline_rule_save(rule=obj)


# Veille (seed 003): bulletins and their items


class VeilleItemAdminForm(AdminVersionCheckForm):
    """The choices span every organisation the conseiller reaches; the service says which
    bulletin and readers an item may take (of its own organisation)."""

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        if organization is None:
            return cleaned
        try:
            services.veille_item_links_check(
                organization, {"bulletin": cleaned.get("bulletin")},
                {"readers": cleaned.get("readers") or []},
                self.instance if self.instance.pk else None,
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field, errors)
        return cleaned


@admin.register(VeilleItem)
class VeilleItemAdmin(WorkbenchAdmin):
    form = VeilleItemAdminForm
    list_display = ["title", "bulletin", "source", "published_on", "relevance", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "source", "relevance"]
    list_select_related = ["organization", "bulletin"]
    search_fields = ["title", "summary", "source", "tags", "decisions"]
    date_hierarchy = "published_on"
    filter_horizontal = ["readers"]


@admin.register(Bulletin)
class BulletinAdmin(WorkbenchAdmin):
    list_display = ["title", "source", "published_on", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "source"]
    search_fields = ["title", "summary", "source"]
    date_hierarchy = "published_on"


# The organisation's VPP structure and deployment plan (seed 000)


class VppStructureAdminForm(AdminVersionCheckForm):
    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        if organization is None:
            return cleaned
        keeping = []
        if self.instance.pk:
            for name in ("direction_people", "terrain_people"):
                keeping += getattr(self.instance, name).values_list("pk", flat=True)
        people = {name: cleaned.get(name) or [] for name in ("direction_people", "terrain_people")}
        try:
            services.named_people_check(organization, people, keeping)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field, errors)
        return cleaned


@admin.register(VppStructure)
class VppStructureAdmin(WorkbenchAdmin):
    form = VppStructureAdminForm
    list_display = ["organization", "updated_at"]
    filter_horizontal = ["direction_people", "terrain_people"]


@admin.register(DeploymentStep)
class DeploymentStepAdmin(WorkbenchAdmin):
    list_display = ["description", "who", "due_on", "done", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter), "done"]
    search_fields = ["description", "who"]


# Lettre d'entente 28: the same rules as the app's pages (`vpp.le28`).


class PhaseInline(WorkbenchInline):
    model = LE28Phase
    fields = ["phase", "union_participation", "participants", "held_on", "notes"]
    max_num = 5


class CommitteeInline(WorkbenchInline):
    model = LE28CommitteeMember
    fields = ["side", "name", "function"]


class DecisionInline(WorkbenchInline):
    model = LE28Decision
    fields = ["item", "content", "decided_by", "decided_on"]
    max_num = 13


class AssessmentInline(WorkbenchInline):
    model = LE28Assessment
    fields = ["indicator", "result", "comment"]
    max_num = 8


class LE28ProjectAdminForm(AdminVersionCheckForm):
    """The adviser and the dossier the project names: the service's rule."""

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        if organization is not None:
            try:
                le28.project_links_check(
                    organization=organization, conseiller=cleaned.get("conseiller"),
                    dossier=cleaned.get("dossier"),
                    project=self.instance if self.instance.pk else None,
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return cleaned


@admin.register(LE28Project)
class LE28ProjectAdmin(WorkbenchAdmin):
    form = LE28ProjectAdminForm
    list_display = ["title", "establishment", "volet_list", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "establishment", "job_titles", "services"]
    inlines = [PhaseInline, CommitteeInline, DecisionInline, AssessmentInline]

    @admin.display(description=_("volets"))
    def volet_list(self, obj):
        return ", ".join(obj.volets)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        le28.project_complete(project=form.instance)
