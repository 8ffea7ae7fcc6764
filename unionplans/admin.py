from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from . import accounts, members, permissions, reminders, restore
from .choices import SafeChoicesMixin, name_empty_choice
from .forms import AdminVersionCheckForm, say_limit
from .models import ConfidentialityIncident, Membership, Organization, SentReminder
from .people import display_name


class ScopedPermissionsMixin:
    """Rights in the admin come from `unionplans.permissions`, not Django's model permissions.

    `via` is the lookup path from the model (or, for an inline, from its parent) to the
    Organization; "" when that is the Organization itself. Conseillers see what their
    assigned organizations grant `view_ability`; changes need `change_ability`.
    """

    via = "organization"
    view_ability = permissions.REVIEW
    change_ability = permissions.ADMINISTER

    def _can(self, request, ability, obj=None):
        return permissions.request_can(request, ability, obj, via=self.via)

    def has_view_permission(self, request, obj=None):
        return self._can(request, self.view_ability, obj)

    def has_add_permission(self, request, obj=None):
        return self._can(request, self.change_ability, obj)

    def has_change_permission(self, request, obj=None):
        return self._can(request, self.change_ability, obj)

    def has_delete_permission(self, request, obj=None):
        return self._can(request, self.change_ability, obj)


class ReadableChoicesMixin:
    """People show by name, not login, in the admin's choices of accounts; an empty choice
    reads « (none) » or « (choose) », not `---------`."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return say_limit(name_empty_choice(formfield)) if formfield else formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _by_name(db_field, super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _by_name(db_field, super().formfield_for_manytomany(db_field, request, **kwargs))


def _by_name(db_field, formfield):
    if formfield is not None and db_field.related_model is get_user_model():
        formfield.label_from_instance = display_name
        wrapper = formfield.widget
        widget = getattr(wrapper, "widget", wrapper)
        if type(widget) is AutocompleteSelect:
            widget = LoadedAutocompleteSelect(widget.field, widget.admin_site, widget.attrs,
                                              widget.choices, widget.db)
        elif type(widget) is ForeignKeyRawIdWidget:
            widget = NamedRawIdWidget(widget.rel, widget.admin_site, widget.attrs, widget.db)
        if wrapper is not widget and hasattr(wrapper, "widget"):
            wrapper.widget = widget
        else:
            formfield.widget = widget
    return formfield


def _label(obj) -> str:
    return display_name(obj) if isinstance(obj, get_user_model()) else str(obj)


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose selected person is the one its row already holds (`loaded`,
    set by `LoadedChoicesForm`): one query a row otherwise, on a page of memberships."""

    loaded = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.loaded is None or selected != [str(self.loaded.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options.append(self.create_option(name, self.loaded.pk,
                                          self.choices.field.label_from_instance(self.loaded),
                                          set(selected), len(options)))
        return [(None, options, 0)]


class NamedRawIdWidget(ForeignKeyRawIdWidget):
    """The raw id of an account, labelled with its person's name."""

    def label_and_url_for_value(self, value):
        # Django's own, with the name for the label.
        try:
            person = self.rel.model._default_manager.using(self.db).get(pk=value)
        except (ValueError, OverflowError, self.rel.model.DoesNotExist, ValidationError):
            return "", ""
        try:
            url = reverse(f"{self.admin_site.name}:{person._meta.app_label}_"
                          f"{person._meta.model_name}_change", args=[person.pk])
        except NoReverseMatch:
            url = ""
        return display_name(person), url


class LoadedChoicesForm(AdminVersionCheckForm):
    """Its autocompletes show the related objects the row was loaded with (select_related)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            descriptor = getattr(type(self.instance), name, None)
            cached = getattr(getattr(descriptor, "field", None), "is_cached", None)
            if isinstance(widget, LoadedAutocompleteSelect) and cached and cached(self.instance):
                widget.loaded = getattr(self.instance, name)


class PeopleHistoryHelper(HistoricalRecordContextHelper):
    """The history's changes name people, not logins."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return [_label(item) for item in value]
        return _label(value) if isinstance(value, get_user_model()) else value


def _label_of(record) -> str:
    """The record's object by name, its foreign keys taken from those the historical query
    joined (simple-history builds `history_object` without them: a query a row)."""
    instance = record.history_object
    for field in instance._meta.concrete_fields:
        if field.many_to_one or field.one_to_one:
            recorded = record._meta.get_field(field.name)
            if recorded.is_cached(record):
                field.set_cached_value(instance, recorded.get_cached_value(record))
    return str(instance)


def m2m_rows(records, name: str) -> dict:
    """Each historical record's rows of its many-to-many `name`, read in one query, as
    `diff_against` compares them (the related objects by the reverse field's name)."""
    if not records:
        return {}
    instance_field = records[0].instance_type._meta.get_field(name)
    reverse = get_m2m_reverse_field_name(instance_field)
    through = getattr(records[0], name).model
    rows = {record.history_id: [] for record in records}
    for row in (through.objects.filter(history__in=[r.history_id for r in records])
                .select_related(reverse).order_by(reverse)):
        rows[row.history_id].append({reverse: getattr(row, reverse)})
    return rows


def person_column(name: str, label):
    """A changelist column showing the account in `name` by its person's name."""

    @admin.display(description=label, ordering=f"{name}__last_name")
    def column(obj):
        person = getattr(obj, name)
        return display_name(person) if person else "—"

    return column


class ScopedAdmin(ReadableChoicesMixin, SafeChoicesMixin, ScopedPermissionsMixin,
                  SimpleHistoryAdmin):
    form = AdminVersionCheckForm

    def get_historical_record_context_helper(self, request, historical_record):
        return PeopleHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records,
                                  foreign_keys_are_objs=True):
        """simple-history's deltas, with the many-to-many rows of the page read once per
        field rather than twice per record and field."""
        records = list(historical_records)
        for record in records:
            record.history_label = _label_of(record)
        names = [field.name for field in self.model.history.model._history_m2m_fields]
        rows = {name: m2m_rows(records, name) for name in names}
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(older, excluded_fields=names,
                                       foreign_keys_are_objs=foreign_keys_are_objs)
            for name in names:
                old, new = rows[name][older.history_id], rows[name][newer.history_id]
                if old != new:
                    delta.changes.append(ModelChange(name, old, new))
                    delta.changed_fields.append(name)
            delta.changes.sort(key=lambda change: change.field)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return permissions.scope(queryset, request.user, self.view_ability, via=self.via)

    def has_module_permission(self, request):
        return permissions.request_can(request, permissions.REVIEW)

    def history_view(self, request, object_id, extra_context=None):
        self._get_scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's revert form saves on POST after checking only the view right.
        obj = self._get_scoped_object(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _get_scoped_object(self, request, object_id):
        """The object if it is within the user's reach, else 404, as for a missing id.

        Those who administer everything may still open the history of a deleted object.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not permissions.request_can(request, permissions.ADMINISTER):
            raise Http404
        return obj


class MembershipAdminForm(LoadedChoicesForm):
    """The members services' guard on every save: the last active exécutif of an
    organization is neither demoted, deactivated nor moved away (`unionplans.members`)."""

    class Meta:
        model = Membership
        fields = ["user", "organization", "role", "on_entraide_committee", "is_active"]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is not None:
            organization = cleaned.get("organization")
            members.check_keeps_an_executive(
                instance, cleaned.get("role", instance.role),
                cleaned.get("is_active", instance.is_active),
                new_organization_id=organization.pk if organization else None)
        return cleaned


class MembershipFormSet(forms.BaseInlineFormSet):
    """The organization's memberships changed together keep one active exécutif."""

    def clean(self):
        super().clean()
        if self.instance.pk is None or any(self.errors):
            return
        stored = set(Membership.objects.filter(
            organization=self.instance, role=Membership.Role.EXECUTIVE, is_active=True,
        ).values_list("pk", flat=True))
        remaining = set(stored)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            pk = form.instance.pk
            if data.get("role") == Membership.Role.EXECUTIVE and data.get("is_active"):
                remaining.add(pk or id(form))
            else:
                remaining.discard(pk)
        if stored and not remaining:
            raise forms.ValidationError(members.LAST_EXECUTIVE, code="last_executive")


class NoDeletionMixin:
    """A membership is never deleted: it is deactivated (`unionplans.members`)."""

    def has_delete_permission(self, request, obj=None):
        return False


def _dated(membership: Membership) -> None:
    """An admin deactivation dates itself, as the services' does."""
    if not membership.is_active and membership.deactivated_at is None:
        membership.deactivated_at = timezone.now()
    elif membership.is_active:
        membership.deactivated_at = None


class MembershipInline(ReadableChoicesMixin, NoDeletionMixin, ScopedPermissionsMixin,
                       admin.TabularInline):
    model = Membership
    form = MembershipAdminForm
    formset = MembershipFormSet
    via = ""  # the parent object is the organization
    extra = 0
    can_delete = False
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organization")


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin):
    via = ""
    list_display = ["name", "short_name", "kind", "parent"]
    list_select_related = ["parent"]  # nullable: not joined by default (one query a row)
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    # Named on the organization's privacy page, by its exécutif (unionplans.privacy).
    readonly_fields = ["privacy_officer", "deleted_items"]
    inlines = [MembershipInline]

    @admin.display(description=_("Deleted items"))
    def deleted_items(self, organization):
        if organization.pk is None:
            return "—"
        url = reverse("admin:unionplans_organization_deleted", args=[organization.pk])
        return format_html('<a href="{}">{}</a>', url, _("Deleted items"))

    def get_urls(self):
        deleted = path("<path:object_id>/supprimes/", self.admin_site.admin_view(self.deleted_view),
                       name="unionplans_organization_deleted")
        return [deleted, *super().get_urls()]

    def deleted_view(self, request, object_id):
        """« Éléments supprimés » of one organization, for its conseillers and superusers:
        each deletion with a « Restaurer » button; the rule is `restore.restore`'s."""
        organization = self._get_scoped_object(request, object_id)
        if organization is None:
            raise Http404
        if not permissions.request_can(request, permissions.REVIEW, organization, via=""):
            raise PermissionDenied
        access = permissions.request_accesses(request).of(organization.pk)
        if request.method == "POST":
            return self._restore(request, organization, access)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "original": organization, "title": _("Deleted items"),
                   "deleted": restore.deleted_in(organization, access),
                   "days": restore.restore_days()}
        return TemplateResponse(request, "admin/unionplans/organization/deleted.html", context)

    def _restore(self, request, organization, access):
        key, history_id = request.POST.get("key", ""), request.POST.get("history_id", "")
        record = (restore.deletion_for(organization, access, key, int(history_id))
                  if history_id.isdigit() and len(history_id) < 12 else None)
        if record is None:
            raise Http404
        try:
            restored = restore.restore(record=record, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("« %(label)s » is back, with what was deleted with it.")
                             % {"label": restored})
        return redirect("admin:unionplans_organization_deleted", organization.pk)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            for membership_form in formset.forms:
                _dated(membership_form.instance)
        super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(NoDeletionMixin, ScopedAdmin):
    form = MembershipAdminForm
    list_display = [person_column("user", _("person")), "organization", "role",
                    "on_entraide_committee"]
    # RelatedOnly: the filter lists only organizations already in the scoped rows.
    list_filter = [
        "role",
        "on_entraide_committee",
        ("organization", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    autocomplete_fields = ["user", "organization"]

    def save_model(self, request, obj, form, change):
        _dated(obj)
        super().save_model(request, obj, form, change)


@admin.register(ConfidentialityIncident)
class ConfidentialityIncidentAdmin(NoDeletionMixin, ScopedAdmin):
    """The register the privacy act asks for: conseillers keep their organizations' own."""

    change_ability = permissions.REVIEW
    list_display = ["organization", "occurred_on", "discovered_on", "people_concerned",
                    "serious_injury_risk", "notices_due"]
    list_filter = ["serious_injury_risk", ("organization", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "discovered_on"
    readonly_fields = ["recorded_by_name"]
    recorded_by_name = staticmethod(person_column("recorded_by", _("recorded by")))
    fieldsets = [
        (None, {"fields": ["organization", ("occurred_on", "occurred_until"), "discovered_on",
                           "people_concerned"]}),
        (_("What happened"), {"fields": ["information_concerned", "circumstances"]}),
        (_("Risk and notices"), {"fields": ["risk_assessment", "serious_injury_risk",
                                            "commission_notified_on", "people_notified_on"]}),
        (_("Measures"), {"fields": ["measures", "recorded_by_name"]}),
    ]

    @admin.display(boolean=True, description=_("notices due"))
    def notices_due(self, incident):
        return incident.notices_due

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = permissions.organizations_for(request.user, permissions.REVIEW)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


# Accounts: Django's user admin, with one account per email address (unionplans.accounts).

EMAIL_TAKEN = _("Another account already uses this email address.")


class UniqueEmailMixin:
    def clean_email(self):
        email = accounts.normalize_email(self.cleaned_data.get("email"))
        if accounts.email_taken(email, exclude_user=self.instance):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class AccountChangeForm(UniqueEmailMixin, UserChangeForm):
    pass


class AccountCreationForm(UniqueEmailMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "email")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(SafeChoicesMixin, UserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "usable_password",
                                                 "password1", "password2")}),
    )


# Reminders: the sent-log, for the superusers who run the server (a failed mail server
# shows here, with its error and the next attempt).


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = [person_column("user", _("person")), "kind", "key", "status", "attempts",
                    "next_attempt_at", "sent_at", "last_error"]
    list_select_related = ["user"]
    list_filter = ["status", "kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email",
                     "key"]
    readonly_fields = [field.name for field in SentReminder._meta.fields]
    actions = ["retry_now"]

    def has_module_permission(self, request):
        return permissions.is_superuser(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try the selected failed reminders again"))
    def retry_now(self, request, queryset):
        count = reminders.retry_now(rows=queryset)
        self.message_user(request, ngettext(
            "%(count)d reminder will be sent at the next run.",
            "%(count)d reminders will be sent at the next run.", count) % {"count": count})
