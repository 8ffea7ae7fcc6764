from django import forms
from django.utils.translation import gettext_lazy as _

from unionplans.choices import CHOOSE, SafeModelMultipleChoiceField
from unionplans.forms import VersionedForm, VersionedModelForm
from unionplans.models import LONG_TEXT, Membership
from unionplans.people import display_name, people_of

from . import services
from .constants import QUESTIONS
from .models import (
    Bulletin,
    Deadline,
    DeploymentStep,
    Dossier,
    FinancialAnalysis,
    QuestionnaireAnswers,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class DossierForm(VersionedModelForm):
    class Meta:
        model = Dossier
        fields = [
            "title", "establishment", "service", "mode", "domain", "priority", "description",
            "conseiller", "direction_people", "terrain_people", "veille_items",
            "decision", "decision_date", "decision_note",
            "terrain_on_decision", "terrain_on_decision_date",
            "terrain_on_work_plan", "terrain_on_work_plan_date", "report",
        ]
        widgets = {
            "decision_date": DATE,
            "terrain_on_decision_date": DATE,
            "terrain_on_work_plan_date": DATE,
            "direction_people": forms.CheckboxSelectMultiple,
            "terrain_people": forms.CheckboxSelectMultiple,
            "veille_items": forms.CheckboxSelectMultiple,
        }
        field_classes = {"direction_people": PersonChoice, "terrain_people": PersonChoice,
                         "veille_items": SafeModelMultipleChoiceField}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # The organization's active members, and whoever the dossier already names.
        people = people_of(organization, keeping=services.named_on(self.instance))
        self.fields["direction_people"].queryset = people
        self.fields["terrain_people"].queryset = people
        conseiller = self.fields["conseiller"]
        conseiller.queryset = people.filter(
            memberships__organization=organization,
            memberships__role=Membership.Role.ADVISER,
        )
        conseiller.label_from_instance = display_name
        self.fields["veille_items"].queryset = organization.veille_items.all()


class DossierCreateForm(DossierForm):
    """A new dossier starts at the watch stage: it asks only what that stage needs. The
    priority and the decision come at the analysis, the report at its stage (edit form)."""

    class Meta(DossierForm.Meta):
        fields = [
            "title", "establishment", "service", "mode", "domain", "description",
            "conseiller", "direction_people", "terrain_people", "veille_items",
        ]


class FindingsForm(VersionedModelForm):
    class Meta:
        model = Dossier
        fields = ["findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 8})}


class AdvanceForm(VersionedForm):
    to_stage = forms.ChoiceField(label=_("to"), choices=Stage.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class GoBackForm(VersionedForm):
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(VersionedModelForm):
    class Meta:
        model = Task
        fields = ["element", "description", "who", "due_on", "done"]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


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
            # An answer is a text of the JSON field: bounded as the model checks it.
            self.fields[f"q_{key}"] = forms.CharField(
                label=question, required=False, initial=answers.get(key, ""),
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

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


class VeilleItemForm(VersionedModelForm):
    class Meta:
        model = VeilleItem
        fields = ["bulletin", "source", "published_on", "title", "summary", "decisions",
                  "relevance", "action", "readers", "readers_others", "link", "tags"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 8}),
                   "decisions": forms.Textarea(attrs={"rows": 4}),
                   "action": forms.Textarea(attrs={"rows": 2}),
                   "readers": forms.CheckboxSelectMultiple}
        field_classes = {"readers": PersonChoice}

    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulletin"].queryset = organization.bulletins.all()
        keeping = self.instance.readers.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["readers"].queryset = people_of(organization, keeping=keeping)


class BulletinForm(VersionedModelForm):
    class Meta:
        model = Bulletin
        fields = ["source", "title", "published_on", "link", "summary"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 5})}

    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")


class VppStructureForm(VersionedModelForm):
    class Meta:
        model = VppStructure
        fields = ["direction_people", "direction_others", "terrain_people", "terrain_others",
                  "procedures", "calendar"]
        widgets = {"direction_people": forms.CheckboxSelectMultiple,
                   "terrain_people": forms.CheckboxSelectMultiple,
                   "procedures": forms.Textarea(attrs={"rows": 6}),
                   "calendar": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"direction_people": PersonChoice, "terrain_people": PersonChoice}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        keeping = []
        if self.instance.pk:
            for name in ("direction_people", "terrain_people"):
                keeping += getattr(self.instance, name).values_list("pk", flat=True)
        for name in ("direction_people", "terrain_people"):
            self.fields[name].queryset = people_of(organization, keeping=keeping)


class DeploymentStepForm(VersionedModelForm):
    class Meta:
        model = DeploymentStep
        fields = ["description", "who", "due_on", "done"]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class LinkDossierForm(forms.Form):
    dossier = forms.ModelChoiceField(label=_("dossier"), queryset=Dossier.objects.none(),
                                     empty_label=CHOOSE)

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers
