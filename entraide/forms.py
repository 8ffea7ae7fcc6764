from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from unionplans.choices import SafeModelMultipleChoiceField
from unionplans.forms import ImportConfirmForm, VersionedForm, VersionedModelForm
from unionplans.people import display_name, people_of

from . import seed_002
from .models import MAX_ITEM_LENGTH, MAX_ITEMS, EntraidePlan, EntraideRow


class ItemListWidget(forms.Widget):
    """One text input per item, with add / remove buttons (static/js/entraide.js).

    Without JavaScript an empty input at the end adds an item and clearing an input
    removes it: blank inputs are dropped when the form is read.
    """

    template_name = "entraide/widgets/item_list.html"

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return value if isinstance(value, list) else ([] if value is None else [value])

    def value_omitted_from_data(self, data, files, name):
        return False  # no input left means an empty list, not "unchanged"

    def format_value(self, value):
        return list(value or [])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(max_items=MAX_ITEMS, max_length=MAX_ITEM_LENGTH)
        return context


class ItemListField(forms.Field):
    """A list cell: the typed items, trimmed, blank ones dropped; the model validates the rest."""

    widget = ItemListWidget

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class PlanHeaderForm(VersionedModelForm):
    class Meta:
        model = EntraidePlan
        fields = ["period_label", "year", "need", "expected_results", "target_date"]
        widgets = {
            "need": forms.Textarea(attrs={"rows": 3}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_template:
            del self.fields["year"]
        else:
            self.fields["year"].required = True
            self.fields["period_label"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class RowForm(VersionedModelForm):
    class Meta:
        model = EntraideRow
        # Not the state: its buttons change it (RowStateForm), an edit never writes it back.
        fields = ["objective", *seed_002.LIST_CELLS, "responsible_users"]
        widgets = {
            "objective": forms.Textarea(attrs={"rows": 2}),
            "responsible_users": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        }
        field_classes = {"responsible_users": SafeModelMultipleChoiceField}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # The organization's active members, and whoever the row already names.
        kept = list(self.instance.responsible_users.values_list("pk", flat=True)) \
            if self.instance.pk else []
        people = self.fields["responsible_users"]
        people.queryset = people_of(organization, keeping=kept)
        people.label_from_instance = display_name
        for name in seed_002.LIST_CELLS:
            model_field = EntraideRow._meta.get_field(name)
            self.fields[name] = ItemListField(
                label=model_field.verbose_name.capitalize(),
                required=False,
                initial=getattr(self.instance, name) if self.instance.pk else [],
            )

    @property
    def list_fields(self):
        return [self[name] for name in seed_002.LIST_CELLS]


class PlanCreateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=EntraidePlan.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the templates listed.")},
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period_label = forms.CharField(
        label=_("Period"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to take the template's, e.g. « ANNÉE 1, MISE SUR PIED »."),
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.helper = FormHelper()
        self.helper.form_tag = False


class CloseYearForm(VersionedModelForm):
    class Meta:
        model = EntraidePlan
        fields = ["review"]
        widgets = {"review": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class NextYearForm(forms.Form):
    period_label = forms.CharField(
        label=_("Period of next year's plan"),
        max_length=200,
        help_text=_("For example « ANNÉE 2 : VISIBILITÉ, LIEN DE CONFIANCE ET EXPÉRIENCE »."),
    )


class SaveAsTemplateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=200)


class RowStateForm(VersionedForm):
    """A row's state: one button a state, on its badge or the row's page."""

    state = forms.ChoiceField(label=_("State"), choices=EntraideRow.State.choices)


class RowMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class PlanImportForm(ImportConfirmForm):
    """The confirmation of an import: the year of the document's first plan."""

    submit_label = _("Create the plans")
    year = forms.IntegerField(
        label=_("Year of the first plan"), min_value=2000, max_value=2100,
        help_text=_("Each next plan of the document takes the year after."),
    )
