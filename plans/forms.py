import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from unionplans.dates import check_date
from unionplans.forms import ImportConfirmForm, VersionedForm, VersionedModelForm
from unionplans.people import display_name, people_of

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

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class CrispyMixin:
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class WorkPlanForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = WorkPlan
        fields = ["title", "mandate_start", "mandate_end", "adopted_on"]
        widgets = {
            "mandate_start": DATE_INPUT,
            "mandate_end": DATE_INPUT,
            "adopted_on": DATE_INPUT,
        }


class OrientationForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Orientation
        fields = ["numbered", "title", "statement", "sub_statements"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "sub_statements": forms.Textarea(attrs={"rows": 3}),
        }


class ActionForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Action
        fields = [
            "what",
            "responsible",
            "responsible_user",
            "outcome",
            "outcome_reason",
            "outcome_text",
        ]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "outcome_text": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "what": {"required": _("Say what the action is (QUOI): this field cannot be empty.")}
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        pick_people(self.fields["responsible_user"], organization, self.instance)
        self.fields["responsible"].help_text = _(
            "QUI as written, e.g. Denis: for someone without an account, or beside the "
            "account chosen below."
        )
        if self.instance.pk is None:
            # A new action comes with its steps and follow-ups, pasted: one submission.
            self.fields["steps"] = lines_field(_("Steps (COMMENT et QUAND)"), STEP_HELP)
            self.fields["follow_ups"] = lines_field(_("Follow-ups (SUIVI)"), FOLLOW_UP_HELP)


STEP_HELP = _("One step per line; a date in parentheses is read as its when, e.g. "
              "« Mettre sur pied l'unité (mars 2020) ».")
FOLLOW_UP_HELP = _("One follow-up per line; a date written in it is its date, e.g. "
                   "« Présentation à l'AG du 28 février 2020 ».")


def lines_field(label, help_text, *, required=False) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=required,
                           widget=forms.Textarea(attrs={"rows": 4}))


class LinesForm(CrispyMixin, forms.Form):
    """Steps or follow-ups pasted at once, one per line."""

    submit_label = _("Add")

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        label, help_text = {
            "etape": (_("Steps (COMMENT et QUAND)"), STEP_HELP),
            "suivi": (_("Follow-ups (SUIVI)"), FOLLOW_UP_HELP),
        }[kind]
        self.fields["lines"] = lines_field(label, help_text, required=True)
        self.fields["lines"].error_messages["required"] = _("Write at least one line.")


class OutcomeForm(CrispyMixin, VersionedModelForm):
    """An action's outcome, changed from its badge."""

    class Meta:
        model = Action
        fields = ["outcome", "outcome_reason", "outcome_text"]
        widgets = {"outcome_text": forms.Textarea(attrs={"rows": 2})}


def pick_people(field, organization, instance) -> None:
    """Only the active members of the plan's organization can be put in charge (and the
    person already in charge stays a choice, even after leaving)."""
    field.queryset = people_of(organization, keeping=[instance.responsible_user_id])
    field.label_from_instance = display_name


class StepForm(CrispyMixin, VersionedModelForm):
    when_month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2020-06"}),
        help_text=_("For a month: year and month, e.g. 2020-06."),
    )

    class Meta:
        model = Step
        fields = ["text", "when_kind", "when_month", "when_date", "when_label",
                  "responsible_user"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "when_date": DATE_INPUT}
        help_texts = {"when_date": _("For a full date.")}
        error_messages = {"text": {"required": _("Say how the action is carried out.")}}

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        # The step's action is always set (the page builds the form on it), with its plan.
        pick_people(self.fields["responsible_user"],
                    organization or instance.action.orientation.plan.organization, instance)
        if instance.when_kind == Step.When.MONTH and instance.when_date:
            self.initial["when_month"] = instance.when_date.strftime("%Y-%m")
            self.initial["when_date"] = None

    def clean_when_month(self):
        value = self.cleaned_data["when_month"].strip()
        if not value:
            return None
        match = MONTH.match(value)
        if match and int(match[1]) >= 1 and 1 <= int(match[2]) <= 12:
            return datetime.date(int(match[1]), int(match[2]), 1)
        raise forms.ValidationError(_("Enter a month as year-month, e.g. 2020-06."), code="month")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when_kind") == Step.When.MONTH:
            month = cleaned.get("when_month")
            if month is None and cleaned.get("when_date"):
                month = cleaned["when_date"].replace(day=1)
            cleaned["when_date"] = month
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # For a month the model's date errors belong beside the month field.
        if self.cleaned_data.get("when_kind") == Step.When.MONTH and "when_date" in self._errors:
            errors = self._errors.pop("when_date")
            self._errors.setdefault("when_month", self.error_class()).extend(errors)
            self.cleaned_data.pop("when_month", None)


class FollowUpForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = FollowUp
        fields = ["date", "text"]
        widgets = {"date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Write the follow-up.")}}


class IndicatorForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "target"]


class MeasurementForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        widgets = {"date": DATE_INPUT}


class StatutoryFileForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = StatutoryFile
        fields = ["name", "responsible"]


class DelegationForm(CrispyMixin, VersionedModelForm):
    class Meta:
        model = Delegation
        fields = ["name", "responsible"]


class TransitionForm(VersionedForm):
    """The confirmation of a plan's next state; adopting asks for the meeting's date (the
    service checks it)."""

    to_state = forms.ChoiceField(choices=WorkPlan.State.choices, widget=forms.HiddenInput)
    adopted_on = forms.DateField(
        label=_("Date of the meeting that adopted the plan"), required=False,
        widget=DATE_INPUT, validators=[check_date])

    def __init__(self, *args, to_state: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if to_state != WorkPlan.State.ADOPTED:
            del self.fields["adopted_on"]
        else:
            self.fields["adopted_on"].required = True


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=100, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the plan's history, e.g. « Amendement adopté à l'AG du 12 mars »."),
    )


class CarryOverForm(CrispyMixin, forms.Form):
    submit_label = _("Create the next plan")

    title = forms.CharField(label=_("title"), max_length=200)
    mandate_start = forms.DateField(
        label=_("mandate start"), widget=DATE_INPUT, validators=[check_date])
    mandate_end = forms.DateField(
        label=_("mandate end"), widget=DATE_INPUT, validators=[check_date])
    with_steps = forms.BooleanField(
        label=_("Copy the steps too"),
        required=False,
        help_text=_("Labels such as « mandat complet » are kept; dates are left to set again."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("mandate_start"), cleaned.get("mandate_end")
        if start and end and end <= start:
            self.add_error("mandate_end", _("The mandate must end after it starts."))
        return cleaned


class PlanImportForm(CrispyMixin, ImportConfirmForm):
    """The confirmation of an import: the plan's title and mandate, checked by the person."""

    submit_label = _("Create the draft plan")
    title = forms.CharField(label=_("title"), max_length=200)
    mandate_start = forms.DateField(
        label=_("mandate start"), widget=DATE_INPUT, validators=[check_date])
    mandate_end = forms.DateField(
        label=_("mandate end"), widget=DATE_INPUT, validators=[check_date])

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("mandate_start"), cleaned_data.get("mandate_end")
        if start and end and end <= start:
            self.add_error("mandate_end", _("The mandate must end after it starts."))
        return cleaned_data
