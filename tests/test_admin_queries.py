"""Every admin page in a bounded number of queries, the same at two data sizes 10× apart.

The walk opens, for every registered ModelAdmin, its changelist, the change page and the
history of one object (whose inline rows grow with the data) and its add page, as a
superuser and as a conseiller of the conseil central (on its comité d'entraide, so that
the entraide pages open too). Rows of the syndicat, out of the conseiller's reach, grow
as well.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from entraide.models import EntraidePlan, EntraideRow
from plans.models import (
    Action,
    Delegation,
    FollowUp,
    Measurement,
    Orientation,
    StatutoryFile,
    Step,
)
from tests.helpers import Role, make_person
from tests.plans.helpers import make_plan
from unionplans import restore
from unionplans.models import ConfidentialityIncident, Membership, Organization, SentReminder
from vpp import constants
from vpp.models import (
    Bulletin,
    Deadline,
    DeadlineRule,
    DeploymentStep,
    Dossier,
    DossierEvent,
    LE28CommitteeMember,
    LE28Decision,
    LE28Phase,
    LE28Project,
    Stage,
    Task,
    VeilleItem,
    VppStructure,
)

MAX_QUERIES = 15
SMALL, BIG = 2, 20
DAY = datetime.date(2024, 3, 1)

# The superusers' own models, which a conseiller may not open; and the models whose rows
# a conseiller reads but does not add (organizations, memberships, plans: ADMINISTER; the
# entraide plans, made by exécutifs from their templates).
SUPERUSERS_ONLY = {"auth/group", "auth/user", "axes/accessattempt", "axes/accesslog",
                   "axes/accessfailurelog", "otp_totp/totpdevice", "unionplans/sentreminder"}
READ_ONLY = {"unionplans/organization", "unionplans/membership", "plans/workplan",
             "plans/orientation", "plans/action", "plans/step", "plans/followup",
             "plans/statutoryfile", "plans/delegation", "plans/indicator",
             "entraide/entraideplan"}


def refused_to_a_conseiller(url: str) -> bool:
    model = "/".join(url.split("/")[2:4])
    return model in SUPERUSERS_ONLY or (model in READ_ONLY and url.endswith("/add/"))


def targets(cc, syndicat):
    """One object of each registered model, the one whose change page the walk opens."""
    plan = make_plan(cc)
    action = Action.objects.filter(orientation__plan=plan).first()
    rule = DeadlineRule.objects.create(organization=cc, name="Avis", reference="art. 29",
                                       days=30, trigger="Avis de l'employeur")
    bulletin = Bulletin.objects.create(organization=cc, source="CTROC", title="INFO-PSOC",
                                       published_on=DAY)
    dossier = Dossier.objects.create(organization=cc, title="Reprographie",
                                     establishment="CISSS", service="Reprographie",
                                     mode=Dossier.Mode.INTERVENTION,
                                     domain=Dossier.Domain.INTERVENTION)
    structure = VppStructure.objects.create(organization=cc)
    VppStructure.objects.create(organization=syndicat)
    objects = [
        cc, plan, action, action.steps.first(), action.follow_ups.first(),
        plan.statutory_files.first(), plan.delegations.first(), action.indicators.first(),
        plan.orientations.first(), dossier, rule, bulletin, structure,
        VeilleItem.objects.create(organization=cc, source="CTROC", published_on=DAY,
                                  title="Budget", bulletin=bulletin),
        DeploymentStep.objects.create(organization=cc, description="Former la structure"),
        LE28Project.objects.create(organization=cc, title="Projet", establishment="CISSS",
                                   job_titles="Préposé·es"),
        EntraidePlan.objects.create(organization=cc, period_label="Année 1", year=2025),
        ConfidentialityIncident.objects.create(
            organization=cc, occurred_on=DAY, discovered_on=DAY, people_concerned=3,
            information_concerned="Liste", circumstances="Courriel", risk_assessment="Faible",
            measures="Rappel"),
        Group.objects.create(name="Groupe"),
    ]
    return {type(obj): obj for obj in objects}


def grow(count, objects, cc, syndicat, serial):
    """`count` more rows of every kind, in both organizations and under each target."""
    t = objects
    mine, theirs = ([make_person(f"{organization.slug}{serial}-{i}", organization, role,
                                 first_name="Prénom", last_name=f"Nom {serial}-{i}")
                     for i in range(count)]
                    for organization, role in ((cc, Role.MEMBER), (syndicat, Role.EXECUTIVE)))
    people = mine + theirs
    Organization.objects.bulk_create(  # affiliates: each row of the list names its parent
        Organization(name=f"Syndicat {serial}-{i}", short_name=f"S{serial}-{i}",
                     slug=f"affilie-{serial}-{i}", kind=syndicat.kind, parent=cc)
        for i in range(count))
    plan, action, dossier = t[type(t[Action].orientation.plan)], t[Action], t[Dossier]
    rules = {}
    for organization in (cc, syndicat):
        other = make_plan(organization, title=f"Plan {serial}", actions=count)
        Dossier.objects.bulk_create(
            Dossier(organization=organization, title=f"Dossier {serial}-{i}",
                    establishment="CISSS", service="Cafétéria", mode=Dossier.Mode.PREVENTION,
                    domain=Dossier.Domain.ORGANISATION, conseiller=mine[i])
            for i in range(count))
        rules[organization] = DeadlineRule.objects.bulk_create(
            DeadlineRule(organization=organization, name=f"Règle {serial}-{i}",
                         reference=f"{i}", days=10, trigger="Avis") for i in range(count))
        bulletins = Bulletin.objects.bulk_create(
            Bulletin(organization=organization, source="CTROC", title=f"Bulletin {i}",
                     published_on=DAY) for i in range(count))
        VeilleItem.objects.bulk_create(
            VeilleItem(organization=organization, source="CTROC", published_on=DAY,
                       title=f"Item {serial}-{i}", bulletin=bulletins[i])
            for i in range(count))
        DeploymentStep.objects.bulk_create(
            DeploymentStep(organization=organization, description=f"Étape {i}", who="Denis")
            for i in range(count))
        LE28Project.objects.bulk_create(
            LE28Project(organization=organization, title=f"Projet {i}", establishment="CISSS",
                        job_titles="Préposé·es", conseiller=mine[i]) for i in range(count))
        EntraidePlan.objects.bulk_create(
            EntraidePlan(organization=organization, period_label=f"Année {serial}-{i}",
                         year=2000 + serial * 100 + i) for i in range(count))
        ConfidentialityIncident.objects.bulk_create(
            ConfidentialityIncident(
                organization=organization, occurred_on=DAY, discovered_on=DAY,
                people_concerned=i, information_concerned="Liste", circumstances="Courriel",
                risk_assessment="Faible", measures="Rappel", recorded_by=mine[i])
            for i in range(count))
        Action.objects.filter(orientation__plan=other).update(responsible_user=mine[0])
    # Under the targets: their inline rows and their people.
    Step.objects.bulk_create(Step(action=action, text=f"Étape {i}", responsible_user=mine[i])
                             for i in range(count))
    FollowUp.objects.bulk_create(FollowUp(action=action, text=f"Suivi {i}", author=mine[i])
                                 for i in range(count))
    StatutoryFile.objects.bulk_create(StatutoryFile(plan=plan, name=f"Dossier {serial}-{i}")
                                      for i in range(count))
    Delegation.objects.bulk_create(Delegation(plan=plan, name=f"Délégation {serial}-{i}")
                                   for i in range(count))
    Measurement.objects.bulk_create(Measurement(indicator=t[type(action.indicators.first())],
                                                date=DAY, value=i) for i in range(count))
    DossierEvent.objects.bulk_create(
        DossierEvent(dossier=dossier, kind=DossierEvent.Kind.ADVANCE, from_stage=Stage.VEILLE,
                     to_stage=Stage.PRE_DIAGNOSTIC, by=mine[i]) for i in range(count))
    Deadline.objects.bulk_create(
        Deadline(dossier=dossier, rule=rules[cc][i],
                 trigger_date=DAY, due_on=DAY) for i in range(count))
    Task.objects.bulk_create(
        Task(dossier=dossier, element=constants.WorkPlanElement.DOCUMENTATION,
             description=f"Tâche {i}", who="Denis") for i in range(count))
    dossier.direction_people.add(*mine)
    dossier.terrain_people.add(*mine)
    dossier.veille_items.add(*VeilleItem.objects.filter(organization=cc))
    t[VeilleItem].readers.add(*mine)
    t[VppStructure].direction_people.add(*mine)
    t[VppStructure].terrain_people.add(*mine)
    project = t[LE28Project]
    LE28CommitteeMember.objects.bulk_create(
        LE28CommitteeMember(project=project, side=LE28CommitteeMember.Side.UNION,
                            name=f"Membre {i}") for i in range(count))
    LE28Phase.objects.bulk_create(
        LE28Phase(project=project, phase=phase) for phase in constants.Phase.values
        if not project.phases.filter(phase=phase).exists())
    LE28Decision.objects.bulk_create(
        LE28Decision(project=project, item=item) for item in constants.CommitteeDecision.values
        if not project.decisions.filter(item=item).exists())
    EntraideRow.objects.bulk_create(
        EntraideRow(plan=t[EntraidePlan], position=serial * 100 + i, objective=f"Objectif {i}")
        for i in range(count))
    for row in EntraideRow.objects.filter(plan=t[EntraidePlan]):
        row.responsible_users.add(*mine[:2])
    SentReminder.objects.bulk_create(
        SentReminder(user=person, kind="digest", key=f"clé-{person.pk}") for person in people)
    Group.objects.bulk_create(Group(name=f"Groupe {serial}-{i}") for i in range(count))
    for orientation in Orientation.objects.filter(plan__organization=cc,
                                                  plan__title=f"Plan {serial}"):
        restore.delete(orientation, by=mine[0])


def admin_urls(objects):
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        obj = objects.get(model) or model.objects.order_by("pk").first()
        if obj is not None:
            urls += [reverse(f"{name}_change", args=[obj.pk]),
                     reverse(f"{name}_history", args=[obj.pk])]
    # « Éléments supprimés » of the conseil central, whose deletions grow with the data.
    urls.append(reverse("admin:unionplans_organization_deleted",
                        args=[objects[Organization].pk]))
    return urls


def walk(client, urls, django_assert_max_num_queries):
    """Each page's status and number of queries, at most MAX_QUERIES each."""
    seen = {}
    for url in urls:
        # Each page pays its content types, as the first request of a process does.
        ContentType.objects.clear_cache()
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            response = client.get(url)
        seen[url] = (response.status_code, len(captured))
    return seen


@pytest.fixture
def world(cc, syndicat, executif, membre):
    objects = targets(cc, syndicat)
    grow(SMALL, objects, cc, syndicat, serial=1)
    return objects


@pytest.fixture
def adviser(cc, conseiller):
    conseiller.memberships.update(on_entraide_committee=True)
    return conseiller


def bigger(world, cc, syndicat):
    grow(BIG - SMALL, world, cc, syndicat, serial=2)


def test_every_admin_page_of_a_superuser_in_few_queries_the_same_at_10x_data(
    login, superuser, world, cc, syndicat, django_assert_max_num_queries
):
    client, urls = login(superuser), admin_urls(world)
    small = walk(client, urls, django_assert_max_num_queries)
    bigger(world, cc, syndicat)
    assert walk(client, urls, django_assert_max_num_queries) == small
    assert [url for url, (status, _count) in small.items() if status != 200] == [
        reverse(f"admin:{name}_add") for name in
        ("axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
         "unionplans_sentreminder")]


def test_every_admin_page_of_a_conseiller_in_few_queries_the_same_at_10x_data(
    login, adviser, world, cc, syndicat, django_assert_max_num_queries
):
    client, urls = login(adviser), admin_urls(world)
    small = walk(client, urls, django_assert_max_num_queries)
    bigger(world, cc, syndicat)
    assert walk(client, urls, django_assert_max_num_queries) == small
    refused = {url for url, (status, _count) in small.items() if status != 200}
    assert refused == {url for url in urls if refused_to_a_conseiller(url)}


def test_the_rows_grow_so_the_walk_proves_something(world, cc, syndicat):
    bigger(world, cc, syndicat)
    assert world[Dossier].events.count() == BIG
    assert Membership.objects.filter(organization=cc).count() > BIG
    assert FollowUp.objects.filter(author__isnull=False).count() == BIG
    assert EntraideRow.objects.filter(plan=world[EntraidePlan]).count() == BIG
