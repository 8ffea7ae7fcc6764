"""Forms of the lettre d'entente 28 pages; the rules are in `vpp.le28`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from unionplans.forms import VersionedModelForm
from unionplans.models import Membership
from unionplans.people import display_name, people_of

from .constants import Objective, Volet
from .forms import DATE
from .models import LE28Assessment, LE28CommitteeMember, LE28Decision, LE28Phase, LE28Project

LINES = forms.Textarea(attrs={"rows": 3})


class ProjectForm(VersionedModelForm):
    volets = forms.MultipleChoiceField(
        label=_("Volets"), choices=Volet.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("A project may concern several volets."),
    )
    objectives = forms.TypedMultipleChoiceField(
        label=_("Objectives"), choices=Objective.choices, coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chosen among the 17 paritarian objectives."),
    )

    class Meta:
        model = LE28Project
        fields = [
            "title", "establishment", "volets", "services", "job_titles", "objectives",
            "decision_mode", "decision_mode_details", "conseiller", "call_for_applications_on",
            "conseiller_since", "vice_presidency_notified_on", "dossier",
        ]
        widgets = {
            "services": LINES, "job_titles": LINES, "call_for_applications_on": DATE,
            "conseiller_since": DATE, "vice_presidency_notified_on": DATE,
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = organization.dossiers.all()
        # The organisation's active advisers, and the one the project already names.
        kept = [self.instance.conseiller_id] if self.instance.pk else []
        advisers = people_of(organization, keeping=kept).filter(
            memberships__organization=organization, memberships__role=Membership.Role.ADVISER,
        ).distinct()
        self.fields["conseiller"].queryset = advisers
        self.fields["conseiller"].label_from_instance = display_name


class PhaseForm(VersionedModelForm):
    class Meta:
        model = LE28Phase
        fields = ["union_participation", "participants", "held_on", "notes"]
        widgets = {"held_on": DATE, "notes": LINES}


class MemberForm(VersionedModelForm):
    class Meta:
        model = LE28CommitteeMember
        fields = ["side", "name", "function"]


class DecisionForm(VersionedModelForm):
    class Meta:
        model = LE28Decision
        fields = ["content", "decided_by", "decided_on"]
        widgets = {"decided_on": DATE, "content": LINES}


class AssessmentForm(VersionedModelForm):
    class Meta:
        model = LE28Assessment
        fields = ["result", "comment"]
        widgets = {"comment": LINES}
