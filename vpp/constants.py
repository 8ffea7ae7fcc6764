"""The fixed lists of the seed documents, worded as the seeds word them.

Seed 000 (VPP, part 2) gives the four elements of the VPP work plan; seed 001 (lettre
d'entente 28) gives the volets, the 17 objectives, the five phases and the eight success
indicators. Seed 000 only *names* the simplified pre-diagnostic and prevention tools; their
questions below are ours (see the notes), to be reworded by the union.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Seed 000, "Objectifs généraux VPP".
GENERAL_OBJECTIVES = [
    _("Protect our jobs"),
    _("Counter privatisation"),
    _("Maintain quality services"),
]

# Seed 000, "La structure VPP": the two standing levels and what each does.
STRUCTURE_LEVELS = {
    "direction": (_("Leadership structure (central)"), [
        _("Prioritisation"), _("Strategy"), _("Coordination"),
    ]),
    "terrain": (_("Field structure"), [
        _("Pre-diagnostic and survey"), _("Liaison with the service teams"),
    ]),
}


class WorkPlanElement(models.TextChoices):
    """Seed 000, "Le plan de travail VPP — aide-mémoire"."""

    DOCUMENTATION = "documentation", _("Documentation")
    NEGOTIATION = "interpellation", _("Interpellation / negotiation")
    COMMUNICATION = "communication", _("Internal and external communication")
    MOBILISATION = "mobilisation", _("Mobilisation")


# The aide-mémoire under each element: what to think of, offered when a task is added and
# printed blank. Seed 000 names the four elements only; these reminders are ours, to be
# reworded by the union.
AIDE_MEMOIRE = {
    WorkPlanElement.DOCUMENTATION: (
        _("Get the employer's notice and the project's documents (specifications, contracts, "
          "budgets)"),
        _("Gather the facts from the floor: volumes, staff, hours, agencies"),
        _("Financial analysis: in-house cost against the contract's cost"),
        _("Note the collective agreement's deadlines (art. 29, 3.10)"),
    ),
    WorkPlanElement.NEGOTIATION: (
        _("Ask the employer for a meeting and the documents"),
        _("Put forward the in-house alternative"),
        _("Call on the establishment's board, elected officials, the ministry"),
    ),
    WorkPlanElement.COMMUNICATION: (
        _("Inform the members of the service and the local union"),
        _("Bulletin, leaflet, social media"),
        _("Press release; users and partners"),
    ),
    WorkPlanElement.MOBILISATION: (
        _("Meeting of the service's workers"),
        _("Petition of the workers and of the users"),
        _("Visible actions, with the allies of the service"),
    ),
}


class Volet(models.TextChoices):
    """Seed 001: the three volets, the third in two parts."""

    ONE = "1", _("Volet 1 — social services and mental health")
    TWO = "2", _("Volet 2 — rehabilitation (DP-DI-TED)")
    THREE_A = "3A", _("Volet 3A — innovation shared by several establishments")
    THREE_B = "3B", _("Volet 3B — strengthening front-line services through second-line services")


# Lettre d'entente 28 (seed 001). The French of each text below is `vpp.seed_001`'s, typos
# corrected; tests/vpp/test_seed_001.py checks both against the seed.

# "Prendre connaissance des documents suivants"
REFERENCE_DOCUMENTS = (
    _("Specific reference framework for work organisation for the staff of the technicians "
      "and professionals of health and social services in the fields of social services "
      "and mental health and in rehabilitation"),
    _("Reference framework for the measures funded by the ministère de la Santé et des "
      "Services sociaux"),
    _("Orientations of the MSSS following the Forum on work organisation"),
)

_SHARED_CONSIDERATIONS = (
    _("Good professional and management practices"),
    _("Optimal use of the skills of the workers"),
    _("Better access to, and intensity of, care and services"),
)

# Each volet: what it aims at, the job titles the letter names for it, and what the
# project takes into account in paritarisme.
VOLET_DETAILS = {
    Volet.ONE: {
        "aim": _("Work-organisation projects in social services and mental health"),
        "job_titles": (
            _("Psychologists"), _("Social workers"), _("Psychoeducators"),
            _("Human relations officers"), _("Special education technicians"),
        ),
        "considerations": (
            _("Higher academic requirements"),
            _("Access to certain professions"),
            _("Specialisation of services"),
            _("Heavier clientele and comorbidity"),
            _("Workload"),
            _("Optimal use of the workers' skills"),
        ),
    },
    Volet.TWO: {
        "aim": _("Work-organisation projects in rehabilitation for people with a loss of "
                 "autonomy, a disability or a pervasive developmental disorder (DP-DI-TED)"),
        "job_titles": (
            _("Physiotherapists"), _("Physical rehabilitation technicians"),
            _("Speech therapists"), _("Special educators"), _("Occupational therapists"),
            _("Audiologists"),
        ),
        "considerations": (
            _("Growing demand for first- and second-line services"),
            _("Continuity of care and services"),
            _("Intensity of services"),
            _("Concerted work and integration of professionals and rehabilitation technicians"),
            _("Professional practices"),
        ),
    },
    Volet.THREE_A: {
        "aim": _("Paritarian work-organisation projects in social services, mental health "
                 "and rehabilitation aiming at innovation, initiatives whose needs may be "
                 "shared by several establishments or establishment missions"),
        "job_titles": (),
        "considerations": _SHARED_CONSIDERATIONS,
    },
    Volet.THREE_B: {
        "aim": _("Paritarian work-organisation projects that strengthen front-line services "
                 "through optimal second-line services and through collaboration and "
                 "concerted intervention between establishments of the same or different "
                 "missions"),
        "job_titles": (),
        "considerations": _SHARED_CONSIDERATIONS,
    },
}


class Objective(models.IntegerChoices):
    """Seed 001, "Les objectifs visés en paritarisme pour les 3 volets" (1 to 17)."""

    ACCESSIBILITY = 1, _("Improving access to quality services")
    ATTRACTION = 2, _("Improving attraction and retention")
    ROLES = 3, _(
        "Clarifying roles and responsibilities between professionals, technicians "
        "and support staff"
    )
    DISTRIBUTION = 4, _("Revisiting how care and services are delivered")
    SKILLS = 5, _("Optimising and developing skills")
    PRACTICES = 6, _("Harmonising professional practices")
    PROCESSES = 7, _("Improving work processes and tools")
    IRRITANTS = 8, _("Eliminating irritants")
    CLIMATE = 9, _("Improving the work climate")
    ENVIRONMENT = 10, _("Improving the physical environment")
    CLINICAL_SUPERVISION = 11, _("Revisiting clinical supervision")
    CONDITIONS = 12, _("Improving working-life conditions")
    WORKLOAD = 13, _("Reducing the workload")
    AUTONOMY = 14, _("Maintaining and developing professional autonomy")
    MEANING = 15, _("Giving meaning to work")
    CLIENTS = 16, _("Improving the relationship with the clientele")
    RESULT_INDICATORS = 17, _("Identifying quantitative and qualitative result indicators")


class Phase(models.IntegerChoices):
    """Seed 001, "Les incontournables": the union takes part in each phase."""

    LAUNCH = 1, _("Launch of the project")
    DEFINITION = 2, _("Definition of the project(s)")
    CARRYING_OUT = 3, _("Carrying out of the project(s)")
    FOLLOW_UP = 4, _("Follow-up of the project(s)")
    EVALUATION = 5, _("Final evaluation and sharing of experiences")


class SuccessIndicator(models.IntegerChoices):
    """Seed 001, "Les indicateurs de réussites" (1 to 8)."""

    UNION_PARTICIPATION = 1, _("Participation of the unions")
    WORKER_PARTICIPATION = 2, _("Participation of the workers concerned")
    USER_CENTRED = 3, _(
        "The user is at the centre of the objectives: better access to quality, safe care "
        "and services"
    )
    NO_OVERLOAD = 4, _("Elimination of work overload")
    CLIMATE = 5, _("Better work climate and working-life conditions")
    SKILLS = 6, _("Optimal use of the workers' skills and transfer of knowledge")
    NOT_FINANCIAL = 7, _("Projects must not have financial imperatives as their first prerogative")
    SAVINGS_REINVESTED = 8, _("Savings must be reinvested")


class CommitteeDecision(models.IntegerChoices):
    """Seed 001, local level: what the paritarian steering committee decides by consensus."""

    PARTICIPATION = 1, _(
        "Its paritarian participation in one or more work-organisation projects under one or "
        "more volets"
    )
    SERVICES = 2, _("The service(s) and job title(s) concerned")
    FUNCTIONING = 3, _("How it works")
    COMMON_OBJECTIVES = 4, _("The common objectives")
    DATA_SHARING = 5, _("Sharing social and economic data")
    COMMUNICATION = 6, _(
        "The communication plan between the committee members, the managers and the workers"
    )
    SUB_COMMITTEES = 7, _(
        "Setting up the sub-committees, choosing the participants, union and employer "
        "representation"
    )
    RELEASE = 8, _("How people are released from work")
    PROJECT_LEAD = 9, _("The choice of the project lead")
    SUB_COMMITTEE_FOLLOW_UP = 10, _("A follow-up mechanism for the sub-committees")
    SOLUTIONS = 11, _("A way to choose solutions, implement them and follow them up")
    CALENDAR = 12, _("A work calendar and a timeline")
    BUDGET = 13, _("Deploying the budget allotted by the agency")


class Questionnaire(models.TextChoices):
    """Seed 000, "Nouveaux outils": the simplified pre-diagnostic and prevention tools."""

    PRE_DIAGNOSTIC = "pre_diagnostic", _("Simplified pre-diagnostic")
    PREVENTION = "prevention", _("Simplified prevention")


# Questions of each tool: (key, question). Keys are stored with the answers: never reuse one.
QUESTIONS = {
    Questionnaire.PRE_DIAGNOSTIC: (
        ("project", _("What is the employer's project or notice, and where does it come from?")),
        ("jobs", _("Which service, job titles and positions are concerned?")),
        ("threat", _("What is at stake: contracting out, privatisation, cuts, transfer?")),
        ("timeline", _("What timeline has the employer announced?")),
        ("information", _("What information is already in hand (documents, figures)?")),
        ("terrain", _("Who on the ground can gather information for the survey?")),
        ("impact", _("First assessment of the impact on jobs and on the quality of services.")),
    ),
    Questionnaire.PREVENTION: (
        ("vulnerable", _("Which services are vulnerable to privatisation or cuts?")),
        ("signals", _(
            "What signals do you see: agencies, contractors, overtime, positions left vacant?"
        )),
        ("irritants", _("Which irritants or work-organisation problems do workers report?")),
        ("improvements", _(
            "Which improvements could the team propose to keep the service in-house?"
        )),
        ("allies", _(
            "Which allies (users, community groups, other unions) can support the service?"
        )),
    ),
}
