"""Saves that race: two people (or twenty) press « Enregistrer » at the same moment.

Real HTTP against the live server on PostgreSQL, each request in its own thread and its
own database connection (tests/browsers.py). Each test plays ROUNDS races and collects
what went wrong in each round, then asserts that nothing did, so that a failure names
how many rounds broke which promise:

- one save wins; the other is refused with the French edit-conflict message (409 for a
  form, the message on the next page for a button), nothing of it saved;
- the state (stage) always equals the last history record (event);
- positions stay unique; twenty saves of one version save once.
"""

import re
from collections import Counter

import pytest
from django.urls import reverse

from entraide import services as entraide_services
from entraide.models import EntraidePlan, EntraideRow
from plans.models import Action, WorkPlan
from tests.browsers import Browser, post_at_once
from tests.helpers import needs_postgresql
from tests.plans.helpers import make_plan
from unionplans.services import EDIT_CONFLICT
from vpp import services as vpp_services
from vpp.models import Dossier, Stage

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]

ROUNDS = 5
CROWD = 20
CONFLICT = str(EDIT_CONFLICT)


def outcome(browser: Browser, answer) -> str:
    """What the person saw: "saved", "conflict 409" (the form again, with the message),
    "conflict 302" (a button's refusal, on the next page) or the status of anything else."""
    if CONFLICT in answer.text:
        return f"conflict {answer.status}"
    if answer.status == 302:
        following = browser.get(answer.location).text
        if CONFLICT in following:
            return "conflict 302"
        return f"refused 302: {refusal(following)}" if refusal(following) else "saved"
    return f"answered {answer.status}: {refusal(answer.text)}"


def refusal(text: str) -> str:
    """The first error message of a page, if any."""
    found = re.search(r'(?:alert-danger|invalid-feedback|errorlist)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)',
                      text)
    return found.group(1).strip()[:80] if found else ""


def race(posts, expected: dict, kept=None) -> list[str]:
    """Send `posts` together; what went wrong, given the outcome `expected` of each post
    when post number `winner` is the one saved: {winner: (outcome of each post)}.

    `kept()`, called after, says for each post whether its change is in the database: a
    post answered "saved" must be kept, and a refused one must not be."""
    answers = post_at_once(posts)
    outcomes = tuple(outcome(post[0], answer) for post, answer in zip(posts, answers,
                                                                       strict=True))
    problems = []
    if kept is not None:
        problems += [f"answered {seen} but {'kept' if there else 'not kept'}"
                     for seen, there in zip(outcomes, kept(), strict=True)
                     if (seen == "saved") != there]
    winners = [index for index, seen in enumerate(outcomes) if seen == "saved"]
    if len(winners) != 1:
        return [*problems, f"{len(winners)} saved"]
    if outcomes != expected[winners[0]]:
        return [*problems, f"outcomes {outcomes}"]
    return problems


def report(problems: list[str]) -> str:
    """How many rounds broke which promise, one line each."""
    return "\n".join(f"{count} × {problem}" for problem, count in Counter(problems).items())


# Plans: the header edited while the plan is adopted, or closed


def plans_url(name, plan):
    return reverse(f"plans:{name}", args=[plan.organization.slug, plan.pk])


@pytest.mark.parametrize("start, to_state", [
    (WorkPlan.State.DRAFT, WorkPlan.State.ADOPTED),
    (WorkPlan.State.PUBLISHED, WorkPlan.State.CLOSED),
])
def test_a_plan_header_edit_racing_its_transition(live_server, cc, executif, conseiller,
                                                   start, to_state):
    editor, mover = Browser(live_server.url, executif), Browser(live_server.url, executif)
    problems = []
    for number in range(ROUNDS):
        plan = make_plan(cc, title=f"Plan {number} 2019-2022", state=start)
        plan.history.update(state=start)  # make_plan sets the state without history
        edit, move = plans_url("update", plan), plans_url("transition", plan)
        title = f"Plan {number} modifié 2019-2022"

        def kept(plan=plan, title=title):
            plan.refresh_from_db()
            return plan.title == title, plan.state == to_state

        problems += race([
            (editor, edit, editor.form(edit), {"title": title}),
            (mover, move, mover.form(move), {"adopted_on": "2019-05-20"}),
        ], {0: ("saved", "conflict 409"), 1: ("conflict 409", "saved")}, kept)
        if plan.state != plan.history.latest().state:
            problems.append("state differs from the last history record")
    assert not problems, report(problems)


def test_an_action_edit_racing_its_move_keeps_positions_unique(live_server, cc, executif):
    plan = make_plan(cc, actions=3)
    editor, mover = Browser(live_server.url, executif), Browser(live_server.url, executif)
    problems = []
    for number in range(ROUNDS):
        action = Action.objects.filter(orientation__plan=plan).order_by("position")[1]
        edit = reverse("plans:row_update", args=[cc.slug, "action", action.pk])
        move = reverse("plans:row_move", args=[cc.slug, "action", action.pk])
        direction = "up" if number % 2 == 0 else "down"
        answers = post_at_once([
            (editor, edit, editor.form(edit), {"what": f"Modifiée {number}"}),
            (mover, move, mover.form(edit, move), {"direction": direction}),
        ])
        # A move changes no field an edit shows: both are saved.
        seen = tuple(outcome(browser, answer)
                     for browser, answer in zip((editor, mover), answers, strict=True))
        if seen != ("saved", "saved"):
            problems.append(f"outcomes {seen}")
        positions = list(Action.objects.filter(orientation__plan=plan)
                         .order_by("position").values_list("position", flat=True))
        if positions != [0, 1, 2]:
            problems.append(f"positions {positions}")
        if Action.objects.get(pk=action.pk).what != f"Modifiée {number}":
            problems.append("the edit was lost")
    assert not problems, report(problems)


def test_twenty_saves_of_one_action_version_save_once(live_server, cc, executif):
    plan = make_plan(cc)
    action = Action.objects.get(orientation__plan=plan)
    edit = reverse("plans:row_update", args=[cc.slug, "action", action.pk])
    browsers = [Browser(live_server.url, executif) for _ in range(CROWD)]
    problems = []
    for number in range(2):
        forms = [browser.form(edit) for browser in browsers]
        history = action.history.count()
        problems += race(
            [(browser, edit, form, {"what": f"Version {number}.{index}"})
             for index, (browser, form) in enumerate(zip(browsers, forms, strict=True))],
            {winner: tuple("saved" if index == winner else "conflict 409"
                           for index in range(CROWD)) for winner in range(CROWD)})
        if action.history.count() != history + 1:
            problems.append(f"{action.history.count() - history} saves recorded")
    assert not problems, report(problems)


# VPP: the survey findings edited while the dossier moves on to the report


def test_findings_edited_while_the_dossier_moves_keep_stage_and_events_agreed(
        live_server, cc, executif, membre):
    writer, mover = Browser(live_server.url, executif), Browser(live_server.url, membre)
    problems = []
    for number in range(ROUNDS):
        dossier = vpp_services.dossier_create(
            organization=cc, by=None, title=f"Dossier {number}",
            establishment="CISSS des Laurentides", service="Reprographie",
            mode=Dossier.Mode.INTERVENTION, domain=Dossier.Domain.INTERVENTION,
            findings="Premiers constats", m2m={"terrain_people": [membre]})
        Dossier.objects.filter(pk=dossier.pk).update(stage=Stage.SURVEY)
        dossier.events.update(to_stage=Stage.SURVEY)
        args = [cc.slug, dossier.pk]
        findings = reverse("vpp:dossier_findings", args=args)
        advance = reverse("vpp:dossier_advance", args=args)
        detail = reverse("vpp:dossier_detail", args=args)
        text = f"Constats {number}"

        def kept(dossier=dossier, text=text):
            dossier.refresh_from_db()
            return dossier.findings == text, dossier.stage == Stage.REPORT

        problems += race([
            (writer, findings, writer.form(findings), {"findings": text}),
            (mover, advance, mover.form(detail, advance), {"to_stage": Stage.REPORT}),
        ], {0: ("saved", "conflict 302"), 1: ("conflict 409", "saved")}, kept)
        last = dossier.events.order_by("-at", "-pk").first()
        if dossier.stage != last.to_stage:
            problems.append("stage differs from the last event")
    assert not problems, report(problems)


# Entraide: the header edited while the year closes; a row edited while its state changes


def entraide_url(name, plan, *rest):
    return reverse(f"entraide:{name}", args=[plan.organization.slug, plan.pk, *rest])


@pytest.fixture
def entraide_templates(db):
    return {t.builtin_key: t for t in entraide_services.builtin_templates_ensure()}


def entraide_plan(cc, templates, year):
    return entraide_services.plan_create_from_template(
        template=templates["annee-1"], organization=cc, year=year)


def test_an_entraide_header_edit_racing_the_closing_loses_neither(
        live_server, cc, executif, entraide_templates):
    editor, closer = Browser(live_server.url, executif), Browser(live_server.url, executif)
    problems = []
    for number in range(ROUNDS):
        plan = entraide_plan(cc, entraide_templates, 2030 + number)
        edit, close = entraide_url("plan_edit", plan), entraide_url("plan_close", plan)
        need = f"Besoin {number}"

        def kept(plan=plan, need=need):
            plan.refresh_from_db()
            return plan.need == need, plan.is_closed

        problems += race([
            (editor, edit, editor.form(edit), {"need": need}),
            (closer, close, closer.form(close), {"review": f"Bilan {number}"}),
        ], {0: ("saved", "conflict 409"), 1: ("conflict 409", "saved")}, kept)
        last = plan.history.latest()
        if (plan.status, plan.need) != (last.status, last.need):
            problems.append("the plan differs from its last history record")
    assert not problems, report(problems)


def test_an_entraide_row_edit_racing_its_state_button_loses_neither(
        live_server, cc, executif, entraide_templates):
    plan = entraide_plan(cc, entraide_templates, 2030)
    editor, presser = Browser(live_server.url, executif), Browser(live_server.url, executif)
    problems = []
    for number in range(ROUNDS):
        row = plan.rows.get(position=1 + number % 6)
        edit, state = entraide_url("row_edit", plan, row.pk), entraide_url("row_state", plan,
                                                                            row.pk)
        objective = f"Objectif {number}"

        def kept(row=row, objective=objective):
            row.refresh_from_db()
            return row.objective == objective, row.is_done

        problems += race([
            (editor, edit, editor.form(edit), {"objective": objective}),
            (presser, state, presser.form(edit, state), {"state": EntraideRow.State.DONE}),
        ], {0: ("saved", "conflict 302"), 1: ("conflict 409", "saved")}, kept)
        last = row.history.latest()
        if (row.state, row.objective) != (last.state, last.objective):
            problems.append("the row differs from its last history record")
    assert not problems, report(problems)


def test_twenty_saves_of_one_entraide_row_version_save_once(
        live_server, cc, executif, entraide_templates):
    plan = entraide_plan(cc, entraide_templates, 2030)
    row = plan.rows.get(position=1)
    edit = entraide_url("row_edit", plan, row.pk)
    browsers = [Browser(live_server.url, executif) for _ in range(CROWD)]
    problems = []
    for number in range(2):
        forms = [browser.form(edit) for browser in browsers]
        history = row.history.count()
        problems += race(
            [(browser, edit, form, {"objective": f"Version {number}.{index}"})
             for index, (browser, form) in enumerate(zip(browsers, forms, strict=True))],
            {winner: tuple("saved" if index == winner else "conflict 409"
                           for index in range(CROWD)) for winner in range(CROWD)})
        if row.history.count() != history + 1:
            problems.append(f"{row.history.count() - history} saves recorded")
    assert not problems, report(problems)


def test_the_plan_closes_once_whatever_the_closings_at_once(
        live_server, cc, executif, entraide_templates):
    plan = entraide_plan(cc, entraide_templates, 2030)
    close = entraide_url("plan_close", plan)
    browsers = [Browser(live_server.url, executif) for _ in range(5)]
    forms = [browser.form(close) for browser in browsers]
    problems = race([(browser, close, form, {"review": f"Bilan {index}"})
                     for index, (browser, form) in enumerate(zip(browsers, forms, strict=True))],
                    {winner: tuple("saved" if index == winner else "conflict 409"
                                   for index in range(5)) for winner in range(5)})
    assert not problems, report(problems)
    assert EntraidePlan.objects.get(pk=plan.pk).history.filter(status="clos").count() == 1
