"""Plans helpers: a small plan of `organization` with one row of every kind, and the way
from each kind of row to its plan."""

import datetime

from plans import services
from plans.models import (
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
from plans.selectors import PLAN_PATH

START, END = datetime.date(2019, 6, 1), datetime.date(2022, 6, 30)


def make_plan(organization, *, title="Plan de travail 2019-2022", state=WorkPlan.State.DRAFT,
              actions=1, orientations=1):
    plan = services.plan_create(
        organization=organization, title=title, mandate_start=START, mandate_end=END
    )
    for o in range(orientations):
        orientation = services.orientation_create(
            plan=plan, statement=f"Le CCSNE développe la solidarité {o + 1}."
        )
        for a in range(actions):
            action = services.action_create(
                orientation=orientation, what=f"Action {o + 1}-{a + 1}", responsible="Denis"
            )
            services.step_create(
                action=action, text="Définir le mandat", when_kind=Step.When.MONTH,
                when_date=datetime.date(2019, 12, 1),
            )
            services.step_create(
                action=action, text="Mettre sur pied", when_kind=Step.When.LABEL,
                when_label="mandat complet",
            )
            services.follow_up_create(action=action, author=None, text="Travail préparatoire")
            if (o, a) == (0, 0):
                indicator = services.indicator_create(action=action, name="délégué.es par AG",
                                                      target=30)
                services.measurement_create(indicator=indicator,
                                            date=datetime.date(2020, 2, 28), value=22)
    services.list_item_create(model=StatutoryFile, plan=plan, name="Santé et sécurité",
                              responsible="Julie")
    services.list_item_create(model=Delegation, plan=plan, name="Centraide")
    WorkPlan.objects.filter(pk=plan.pk).update(state=state)
    plan.refresh_from_db()
    return plan


# The kinds of rows as URLs name them, and the kind of row each is added to.
ROW_MODELS = {
    "orientation": Orientation,
    "action": Action,
    "etape": Step,
    "suivi": FollowUp,
    "indicateur": Indicator,
    "mesure": Measurement,
    "dossier-statutaire": StatutoryFile,
    "delegation": Delegation,
}
PARENTS = {
    "orientation": WorkPlan,
    "action": Orientation,
    "etape": Action,
    "suivi": Action,
    "indicateur": Action,
    "mesure": Indicator,
    "dossier-statutaire": WorkPlan,
    "delegation": WorkPlan,
}

# From each model to its plan ("pk" for the plan itself).
PLAN_PATHS = {model: path or "pk" for model, path in PLAN_PATH.items()}


def first_of(model, plan):
    """The first row of `model` in `plan` (the plan itself for WorkPlan); never None."""
    return model.objects.filter(**{PLAN_PATHS[model]: plan.pk}).order_by("pk")[:1].get()
