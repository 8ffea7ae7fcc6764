from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from unionplans.forms import VersionedModelForm
from unionplans.models import Membership

from .constants import QUESTIONS, Objective
from .models import (
    Deadline,
    Dossier,
    FinancialAnalysis,
    LE28Project,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
)

TEXT_LIMIT = 10_000
TOO_LONG = _("Keep this text under %(limit_value)d characters (it has %(show_value)d).")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _bound_texts(form):
    """TextFields are unbounded in the database; forms keep them to TEXT_LIMIT characters."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
            field.max_length = TEXT_LIMIT
            field.validators.append(
                forms.fields.validators.MaxLengthValidator(TEXT_LIMIT, message=TOO_LONG)
            )
            field.widget.attrs["rows"] = field.widget.attrs.get("rows", 3)


def people_of(organization):
    return (
        get_user_model()
        .objects.filter(memberships__organization=organization)
        .order_by("last_name", "first_name", "username")
    )


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class DossierForm(VersionedModelForm):
    class Meta:
        model = Dossier
        fields = [
            "title", "establishment", "service", "mode", "domain", "priority", "description",
            "conseiller", "direction_people", "terrain_people", "veille_items",
            "decision", "decision_date", "decision_note", "report",
        ]
        widgets = {
            "decision_date": DATE,
            "direction_people": forms.CheckboxSelectMultiple,
            "terrain_people": forms.CheckboxSelectMultiple,
            "veille_items": forms.CheckboxSelectMultiple,
        }
        field_classes = {"direction_people": PersonChoice, "terrain_people": PersonChoice}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_of(organization)
        self.fields["direction_people"].queryset = people
        self.fields["terrain_people"].queryset = people
        conseiller = self.fields["conseiller"]
        conseiller.queryset = people.filter(
            memberships__organization=organization,
            memberships__role=Membership.Role.ADVISER,
        )
        conseiller.label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["veille_items"].queryset = organization.veille_items.all()
        _bound_texts(self)


class FindingsForm(VersionedModelForm):
    class Meta:
        model = Dossier
        fields = ["findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound_texts(self)


class AdvanceForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("to"), choices=Stage.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class GoBackForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(VersionedModelForm):
    class Meta:
        model = Task
        fields = ["element", "description", "who", "due_on", "done"]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound_texts(self)


class DeadlineForm(VersionedModelForm):
    class Meta:
        model = Deadline
        fields = ["rule", "trigger_date", "met", "note"]
        widgets = {"trigger_date": DATE}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = organization.deadline_rules.all()


class QuestionnaireForm(VersionedModelForm):
    """One text field per question of the tool; the answers are saved by the service."""

    class Meta:
        model = QuestionnaireAnswers
        fields = []

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        answers = self.instance.answers if self.instance.pk else {}
        for key, question in QUESTIONS[kind]:
            self.fields[f"q_{key}"] = forms.CharField(
                label=question, required=False, initial=answers.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        _bound_texts(self)

    def answers(self) -> dict:
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }


class FinancialAnalysisForm(VersionedModelForm):
    class Meta:
        model = FinancialAnalysis
        fields = ["period", "in_house_cost", "contracted_cost", "jobs", "hours", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound_texts(self)


class VeilleItemForm(VersionedModelForm):
    class Meta:
        model = VeilleItem
        fields = ["source", "published_on", "title", "summary", "link", "tags"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 8})}

    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound_texts(self)


class LinkDossierForm(forms.Form):
    dossier = forms.ModelChoiceField(label=_("dossier"), queryset=Dossier.objects.none())

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers


class LE28ProjectForm(VersionedModelForm):
    objectives = forms.TypedMultipleChoiceField(
        label=_("objectives"), choices=Objective.choices, coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chosen among the 17 paritarian objectives."),
    )

    class Meta:
        model = LE28Project
        fields = [
            "title", "establishment", "volet", "job_titles", "objectives", "decision_mode",
            "decision_mode_details", "dossier",
        ]
        widgets = {"job_titles": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = organization.dossiers.all()
        _bound_texts(self)
