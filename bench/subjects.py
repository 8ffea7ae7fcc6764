"""What the measurements look at, added to the bench data of the first bench organisation:
a plan of 300 actions (the exécutif's page), one of 50 (the PDF), one of 500 (the big PDF),
a thousand watch items (the veille list), and a superuser for the admin."""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from entraide.models import EntraidePlan
from plans.benchdata import plan_create
from plans.models import WorkPlan
from unionplans import benchdata
from unionplans.models import Membership, Organization
from vpp.benchdata import veille_create
from vpp.models import Dossier

from .common import client_for


@dataclass
class Subjects:
    organization: Organization
    people: dict  # role → user
    admin: object
    page_plan: WorkPlan
    pdf_plan: WorkPlan
    big_plan: WorkPlan
    page_actions: int
    big_actions: int

    def client(self, role: str):
        return client_for(self.admin if role == "admin" else self.people[role])

    def dossier(self) -> Dossier:
        return self.organization.dossiers.order_by("pk").first()

    def entraide_plan(self) -> EntraidePlan:
        return self.organization.entraide_plans.order_by("pk").first()


def subjects_create(*, page_actions=300, pdf_actions=50, big_actions=500, veille=1000,
                    seed=17) -> Subjects:
    rng = random.Random(seed)  # noqa: S311 (made-up data)
    organization = Organization.objects.filter(slug__startswith=benchdata.PREFIX).order_by(
        "slug").first()
    if organization is None:
        organization = benchdata.fill({"organizations": 1, "plans": 0, "actions": 0,
                                       "dossiers": 1, "veille": 1, "entraide_rows": 1,
                                       "seed": seed}).organizations[0]
    people = {m.role: m.user for m in Membership.objects.filter(organization=organization)
              .select_related("user")}
    admin = get_user_model().objects.create_superuser(
        username=f"{benchdata.PREFIX}admin", email="admin@bench.invalid",
        password=benchdata.PASSWORD)
    world = benchdata.World([organization], {organization.pk: people}, {"veille": veille}, rng)
    veille_create(world)
    made = {size: plan_create(organization, size, rng, people,
                              title=f"Plan de travail ({size} actions)")
            for size in {page_actions, pdf_actions, big_actions}}
    return Subjects(organization, people, admin, made[page_actions], made[pdf_actions],
                    made[big_actions], page_actions, big_actions)
