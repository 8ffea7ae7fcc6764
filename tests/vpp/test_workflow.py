"""Stage changes: one service, the roles table of seed 000, the required content.

Each move is tried by the side that may make it and by the one that may not, with and
without its required content; every refusal is checked by its message (in English here,
the msgid; the French pages are checked in test_views).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.helpers import Role, make_person
from tests.vpp.helpers import decide, fill_pre_diagnostic
from vpp import services
from vpp.models import Dossier, DossierEvent, Stage

DIRECTION_ONLY = "Only the political leadership (the organization's executive"
TERRAIN_ONLY = "Only the field structure (the people on the dossier's field side)"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(dossier, stage):
    Dossier.objects.filter(pk=dossier.pk).update(stage=stage)
    dossier.refresh_from_db()
    return dossier


def refused(dossier, to_stage, by, expected):
    before = (dossier.stage, DossierEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.dossier_advance(dossier=dossier, to_stage=to_stage, by=by, note="")
    assert expected in error.value.messages[0]
    dossier.refresh_from_db()
    assert (dossier.stage, DossierEvent.objects.count()) == before


# veille → pré-diagnostic: direction


@pytest.mark.parametrize("person", ["executif", "conseiller", "superuser"])
def test_the_direction_opens_the_pre_diagnostic(request, dossier, person):
    user = request.getfixturevalue(person)
    event = services.dossier_advance(
        dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=user, note="Avis reçu"
    )
    dossier.refresh_from_db()
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    assert (event.from_stage, event.to_stage, event.by, event.note) == (
        Stage.VEILLE, Stage.PRE_DIAGNOSTIC, user, "Avis reçu"
    )
    assert event.at is not None
    assert event.kind == DossierEvent.Kind.ADVANCE


def test_a_membre_listed_on_the_direction_side_leads_too(dossier, cc):
    delegate = make_person("delegue", cc, Role.MEMBER)
    dossier.direction_people.add(delegate)
    services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=delegate)
    assert dossier.stage == Stage.PRE_DIAGNOSTIC


def test_the_terrain_may_not_open_the_pre_diagnostic(dossier, membre):
    refused(dossier, Stage.PRE_DIAGNOSTIC, membre, DIRECTION_ONLY)


@pytest.mark.parametrize("person", ["executif2", "outsider"])
def test_people_of_other_organizations_move_nothing(request, dossier, person):
    refused(dossier, Stage.PRE_DIAGNOSTIC, request.getfixturevalue(person), DIRECTION_ONLY)


def test_a_listed_person_who_left_the_organization_moves_nothing(dossier, executif2):
    dossier.direction_people.add(executif2)  # listed, but not a member of the cc
    refused(dossier, Stage.PRE_DIAGNOSTIC, executif2, DIRECTION_ONLY)


def test_a_stage_cannot_be_skipped(dossier, executif):
    refused(
        dossier, Stage.SURVEY, executif,
        "A dossier moves one stage at a time: from “Watch” it can only go to “Pre-diagnostic”.",
    )


def test_an_unknown_stage_is_refused(dossier, executif):
    refused(dossier, "nowhere", executif, "A dossier moves one stage at a time")


# pré-diagnostic → analyse et décision: direction, the pre-diagnostic filled


PRE_DIAGNOSTIC_MISSING = (
    "Fill in the simplified pre-diagnostic (every question) before the analysis and decision."
)


def test_the_analysis_needs_the_pre_diagnostic(dossier, executif):
    refused(at(dossier, Stage.PRE_DIAGNOSTIC), Stage.ANALYSIS, executif, PRE_DIAGNOSTIC_MISSING)


def test_the_analysis_needs_every_question_of_the_pre_diagnostic(dossier, executif):
    questionnaire = fill_pre_diagnostic(dossier)
    questionnaire.answers["impact"] = "   "
    questionnaire.save()
    refused(at(dossier, Stage.PRE_DIAGNOSTIC), Stage.ANALYSIS, executif, PRE_DIAGNOSTIC_MISSING)


def test_the_direction_moves_a_filled_pre_diagnostic_to_the_analysis(dossier, executif):
    fill_pre_diagnostic(dossier)
    services.dossier_advance(dossier=at(dossier, Stage.PRE_DIAGNOSTIC), to_stage=Stage.ANALYSIS,
                             by=executif)
    assert dossier.stage == Stage.ANALYSIS


def test_the_terrain_may_not_move_to_the_analysis(dossier, membre):
    fill_pre_diagnostic(dossier)
    refused(at(dossier, Stage.PRE_DIAGNOSTIC), Stage.ANALYSIS, membre, DIRECTION_ONLY)


# analyse et décision → enquête: direction, a go decision with priority and date


DECISION_MISSING = (
    "Record the decision (go or no-go), the priority and the date of the decision before "
    "the survey."
)


def test_the_survey_needs_a_recorded_decision(dossier, executif):
    refused(at(dossier, Stage.ANALYSIS), Stage.SURVEY, executif, DECISION_MISSING)


@pytest.mark.parametrize("missing", ["priority", "decision_date"])
def test_the_survey_needs_the_priority_and_the_date(dossier, executif, missing):
    decide(dossier)
    services.dossier_update(dossier=dossier, **{missing: "" if missing == "priority" else None})
    refused(at(dossier, Stage.ANALYSIS), Stage.SURVEY, executif, DECISION_MISSING)


CONSULTATION_MISSING = (
    "Record that the field structure was consulted on, or validated, the decision (with the "
    "date) before leaving the analysis."
)
WORK_PLAN_CONSULTATION_MISSING = (
    "Record that the field structure was consulted on, or validated, the work plan (with the "
    "date) before the survey."
)


def test_the_survey_needs_the_terrain_consulted_on_the_decision(dossier, executif):
    decide(dossier, consulted=False)
    refused(at(dossier, Stage.ANALYSIS), Stage.SURVEY, executif, CONSULTATION_MISSING)


def test_the_survey_needs_the_terrain_consulted_on_the_work_plan(dossier, executif):
    decide(dossier)
    services.dossier_update(dossier=dossier, terrain_on_work_plan="",
                            terrain_on_work_plan_date=None)
    refused(at(dossier, Stage.ANALYSIS), Stage.SURVEY, executif, WORK_PLAN_CONSULTATION_MISSING)


def test_closing_after_a_no_go_needs_the_terrain_consulted_on_the_decision(dossier, executif):
    decide(dossier, Dossier.Decision.NO_GO, consulted=False)
    refused(at(dossier, Stage.ANALYSIS), Stage.CLOSED, executif, CONSULTATION_MISSING)


def test_the_terrain_is_consulted_before_the_decision_not_after(dossier):
    with pytest.raises(ValidationError) as error:
        services.dossier_update(dossier=dossier, decision=Dossier.Decision.GO,
                                decision_date=date(2024, 3, 1), terrain_on_decision="consultee",
                                terrain_on_decision_date=date(2024, 3, 2))
    assert error.value.message_dict == {"terrain_on_decision_date": [
        "The field structure is consulted before the decision: this date is after the "
        "decision's."
    ]}


def test_a_consultation_has_its_date(dossier):
    with pytest.raises(ValidationError) as error:
        services.dossier_update(dossier=dossier, terrain_on_work_plan="validee")
    assert error.value.message_dict == {
        "terrain_on_work_plan_date": ["Give the date of the consultation."]
    }


def test_a_go_decision_opens_the_survey(dossier, conseiller):
    decide(dossier)
    services.dossier_advance(dossier=at(dossier, Stage.ANALYSIS), to_stage=Stage.SURVEY,
                             by=conseiller)
    assert dossier.stage == Stage.SURVEY


def test_the_terrain_may_not_decide(dossier, membre):
    decide(dossier)
    refused(at(dossier, Stage.ANALYSIS), Stage.SURVEY, membre, DIRECTION_ONLY)


def test_a_no_go_decision_closes_rather_than_surveys(dossier, executif):
    decide(dossier, Dossier.Decision.NO_GO)
    refused(
        at(dossier, Stage.ANALYSIS), Stage.SURVEY, executif,
        "The decision is no-go: close the dossier instead of starting the survey.",
    )
    services.dossier_advance(dossier=dossier, to_stage=Stage.CLOSED, by=executif, note="Non")
    assert dossier.stage == Stage.CLOSED


def test_closing_at_the_analysis_needs_a_no_go(dossier, executif):
    decide(dossier)
    refused(
        at(dossier, Stage.ANALYSIS), Stage.CLOSED, executif,
        "A dossier is closed at the analysis only after a no-go decision with its date",
    )


# enquête → rapport: terrain, the findings written


def test_the_report_needs_the_findings(dossier, membre):
    refused(at(dossier, Stage.SURVEY), Stage.REPORT, membre,
            "Write the survey findings before the report.")


def test_the_terrain_hands_its_findings_to_the_report(dossier, membre):
    services.dossier_update(dossier=dossier, findings="12 postes touchés")
    services.dossier_advance(dossier=at(dossier, Stage.SURVEY), to_stage=Stage.REPORT, by=membre)
    assert dossier.stage == Stage.REPORT


@pytest.mark.parametrize("person", ["executif", "conseiller"])
def test_the_direction_does_not_survey_in_place_of_the_terrain(request, dossier, person):
    services.dossier_update(dossier=dossier, findings="12 postes touchés")
    refused(at(dossier, Stage.SURVEY), Stage.REPORT, request.getfixturevalue(person),
            TERRAIN_ONLY)


def test_a_membre_not_on_the_terrain_side_does_not_survey(dossier, cc):
    other = make_person("autre", cc, Role.MEMBER)
    services.dossier_update(dossier=dossier, findings="12 postes touchés")
    refused(at(dossier, Stage.SURVEY), Stage.REPORT, other, TERRAIN_ONLY)


# rapport → suivi → clos: direction


def test_the_follow_up_needs_the_report(dossier, executif):
    refused(at(dossier, Stage.REPORT), Stage.FOLLOW_UP, executif,
            "Write the report's conclusions before the follow-up.")


def test_the_direction_follows_up_then_closes(dossier, executif, membre):
    services.dossier_update(dossier=dossier, report="Maintien à l'interne recommandé")
    refused(at(dossier, Stage.REPORT), Stage.FOLLOW_UP, membre, DIRECTION_ONLY)
    services.dossier_advance(dossier=dossier, to_stage=Stage.FOLLOW_UP, by=executif)
    refused(dossier, Stage.CLOSED, membre, DIRECTION_ONLY)
    services.dossier_advance(dossier=dossier, to_stage=Stage.CLOSED, by=executif)
    assert dossier.stage == Stage.CLOSED


def test_a_closed_dossier_does_not_advance(dossier, executif):
    refused(at(dossier, Stage.CLOSED), Stage.FOLLOW_UP, executif,
            "This dossier is closed. Go back a stage to reopen it.")


# Going back


def test_going_back_needs_a_reason(dossier, executif):
    at(dossier, Stage.ANALYSIS)
    with pytest.raises(ValidationError) as error:
        services.dossier_go_back(dossier=dossier, by=executif, reason="  ")
    assert error.value.messages == ["Give the reason for going back a stage."]
    assert dossier.stage == Stage.ANALYSIS
    assert not dossier.events.stage_changes().exists()


def test_going_back_is_recorded_with_its_reason(dossier, conseiller):
    event = services.dossier_go_back(
        dossier=at(dossier, Stage.ANALYSIS), by=conseiller, reason="Pré-diagnostic incomplet"
    )
    assert dossier.stage == Stage.PRE_DIAGNOSTIC
    assert (event.kind, event.from_stage, event.to_stage, event.note, event.by) == (
        DossierEvent.Kind.BACK, Stage.ANALYSIS, Stage.PRE_DIAGNOSTIC,
        "Pré-diagnostic incomplet", conseiller,
    )


def test_the_terrain_may_not_send_a_dossier_back(dossier, membre):
    at(dossier, Stage.REPORT)
    with pytest.raises(ValidationError) as error:
        services.dossier_go_back(dossier=dossier, by=membre, reason="À refaire")
    assert DIRECTION_ONLY in error.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.stage == Stage.REPORT


def test_the_first_stage_has_nothing_behind_it(dossier, executif):
    with pytest.raises(ValidationError) as error:
        services.dossier_go_back(dossier=dossier, by=executif, reason="Oups")
    assert error.value.messages == [
        "This dossier is at its first stage: there is no stage to go back to."
    ]


def test_reopening_a_no_go_returns_to_the_analysis(dossier, executif):
    decide(dossier, Dossier.Decision.NO_GO)
    services.dossier_advance(dossier=at(dossier, Stage.ANALYSIS), to_stage=Stage.CLOSED,
                             by=executif)
    services.dossier_go_back(dossier=dossier, by=executif, reason="Nouvel avis de l'employeur")
    assert dossier.stage == Stage.ANALYSIS


def test_the_whole_path_leaves_a_timeline(dossier, executif, membre):
    services.dossier_advance(dossier=dossier, to_stage=Stage.PRE_DIAGNOSTIC, by=executif)
    fill_pre_diagnostic(dossier)
    services.dossier_advance(dossier=dossier, to_stage=Stage.ANALYSIS, by=executif)
    decide(dossier)
    services.dossier_advance(dossier=dossier, to_stage=Stage.SURVEY, by=executif)
    services.dossier_update(dossier=dossier, findings="Constats", report="Conclusions",
                            decision_date=date(2024, 3, 2))
    services.dossier_advance(dossier=dossier, to_stage=Stage.REPORT, by=membre)
    services.dossier_advance(dossier=dossier, to_stage=Stage.FOLLOW_UP, by=executif)
    services.dossier_advance(dossier=dossier, to_stage=Stage.CLOSED, by=executif)
    assert [(e.from_stage, e.to_stage) for e in dossier.events.stage_changes()] == [
        (Stage.VEILLE, Stage.PRE_DIAGNOSTIC),
        (Stage.PRE_DIAGNOSTIC, Stage.ANALYSIS),
        (Stage.ANALYSIS, Stage.SURVEY),
        (Stage.SURVEY, Stage.REPORT),
        (Stage.REPORT, Stage.FOLLOW_UP),
        (Stage.FOLLOW_UP, Stage.CLOSED),
    ]
