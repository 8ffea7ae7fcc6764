"""Word out, Word in: the demo's plans exported to .docx and imported back are the same."""

import io

import docx
import pytest
from django.core.management import call_command
from django.utils import timezone

from entraide import exports as entraide_exports
from entraide import services as entraide_services
from entraide.imports import read_entraide
from entraide.models import EntraidePlan
from plans import exports, services
from plans.imports import read_plan
from plans.models import Action, Orientation, WorkPlan
from plans.selectors import plan_lists, plan_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("loaddemo", allow_production=True, stdout=io.StringIO())


def plan_content(plan: WorkPlan) -> dict:
    """What a reader sees of a plan, without ids, authors or timestamps."""
    statutory_files, delegations = plan_lists(plan)
    return {
        "orientations": [
            (o.numbered, o.title, o.statement, o.sub_statements.splitlines(), [
                (a.what, a.responsible, a.outcome, a.outcome_sentence,
                 [(s.text, s.when_kind, s.when_date, s.when_label) for s in a.step_list],
                 [(f.text, f.date) for f in a.follow_up_list])
                for a in o.actions.all()
            ])
            for o in plan_tree(plan)
        ],
        "lists": [[(i.name, i.responsible) for i in items]
                  for items in (statutory_files, delegations)],
    }


def test_the_demo_plan_goes_to_word_and_back_unchanged(demo):
    original = WorkPlan.objects.get(organization__slug="ccsne", title="Plan de travail 2019-2022")
    data = read_plan(docx.Document(io.BytesIO(exports.plan_docx(original))))
    copy = services.plan_import(
        organization=original.organization, data=data, title="Copie",
        mandate_start=original.mandate_start, mandate_end=original.mandate_end,
    )
    before, after = plan_content(original), plan_content(copy)
    assert len(after["orientations"]) == 4
    assert sum(len(o[4]) for o in after["orientations"]) == 15
    assert after == before
    assert data["skipped"] == []


def entraide_content(plan: EntraidePlan) -> tuple:
    rows = [(r.objective, r.results, r.means, r.resources, r.responsibles, r.schedule)
            for r in plan.rows.order_by("position")]
    return plan.period_label, plan.need, plan.expected_results, rows


def test_the_demo_entraide_plan_goes_to_word_and_back_unchanged(demo):
    original = EntraidePlan.objects.filter(is_template=False).order_by("pk").first()
    data = read_entraide(docx.Document(io.BytesIO(entraide_exports.plan_docx(original))))
    (copy,) = entraide_services.plan_import(
        organization=original.organization, data=data, year=original.year + 1,
    )
    assert len(copy.rows.all()) == original.rows.count() > 0
    assert entraide_content(copy) == entraide_content(original)
    assert copy.year == original.year + 1
    assert timezone.localdate(copy.created_at) == timezone.localdate()


def test_a_titled_numbered_orientation_and_multi_line_texts_come_back(demo):
    original = WorkPlan.objects.get(organization__slug="ccsne", title="Plan de travail 2019-2022")
    first = plan_tree(original)[0]  # the demo plan is closed: written here, not by a service
    Orientation.objects.filter(pk=first.pk).update(
        title="Solidarité", statement="Le CCSNE développe la solidarité.\nLocale et régionale.")
    Action.objects.filter(pk=first.actions.all()[0].pk).update(
        what="Créer une unité\nde mobilisation")
    data = read_plan(docx.Document(io.BytesIO(exports.plan_docx(original))))
    copy = services.plan_import(
        organization=original.organization, data=data, title="Copie",
        mandate_start=original.mandate_start, mandate_end=original.mandate_end,
    )
    assert plan_content(copy) == plan_content(original)
    assert plan_tree(copy)[0].title == "Solidarité"
