"""Bench data: many organisations of made-up but realistic content, made fast.

`python manage.py benchdata` makes the organisations and their people here, then hands
them to each installed app's `benchdata` module (found through the app registry, as the
demo finds `demo.py`: this package imports no app), which fills them with `bulk_create`
and French text taken from its seeds. No history rows are written: bulk inserts send no
signals, and nobody will read the history of made-up rows.

Every bench organisation's slug starts with `bench-` and every bench account's username
too: `holds_other_data` recognises a database that holds anything else.
"""

import random
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.module_loading import module_has_submodule

from .models import Membership, Organization

PREFIX = "bench-"
Role = Membership.Role
# The people of each organisation, by role: first name, last name.
PEOPLE = [(Role.EXECUTIVE, "Denis", "Gagnon"), (Role.MEMBER, "Josée", "Côté"),
          (Role.ADVISER, "Mario", "Bélanger")]
# Bench accounts share one password, hashed once (a hash costs half a second).
PASSWORD = "bench-unionplans"  # noqa: S105 (made-up accounts of a throwaway database)
PLACES = ["Estrie", "Laurentides", "Outaouais", "Montérégie", "Mauricie", "Lanaudière",
          "Saguenay–Lac-Saint-Jean", "Bas-Saint-Laurent", "Abitibi-Témiscamingue",
          "Côte-Nord", "Gaspésie", "Capitale-Nationale", "Chaudière-Appalaches", "Laval"]
BODIES = [("Syndicat des employé·es de soutien de la santé", Organization.Kind.UNION),
          ("Syndicat des travailleuses et travailleurs du CISSS", Organization.Kind.UNION),
          ("Conseil central des syndicats nationaux", Organization.Kind.REGIONAL_COUNCIL),
          ("Syndicat du personnel professionnel", Organization.Kind.UNION)]


@dataclass
class World:
    """What the apps' generators fill: the organisations made in this run, their people
    ({organisation pk: {role: user}}), the command's options and one seeded random source."""

    organizations: list
    people: dict
    options: dict
    rng: random.Random
    counts: dict = field(default_factory=dict)

    def spread(self, total: int) -> list[tuple[int, object]]:
        """`total` things shared round-robin among the organisations: (index, organisation)."""
        count = len(self.organizations)
        return [(n, self.organizations[n % count]) for n in range(total)] if count else []

    def text(self, pool: list[str]) -> str:
        return self.rng.choice(pool)


def holds_other_data() -> bool:
    """True when the database holds an organisation or an account that is not bench data."""
    return (Organization.objects.exclude(slug__startswith=PREFIX).exists()
            or get_user_model().objects.exclude(username__startswith=PREFIX).exists())


def app_modules() -> list:
    """Each installed app's `benchdata` module that has `generate(world)`."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or not module_has_submodule(config.module,
                                                                         "benchdata"):
            continue
        module = import_module(f"{config.name}.benchdata")
        if hasattr(module, "generate"):
            modules.append(module)
    return modules


def organizations_create(count: int, rng: random.Random) -> list[Organization]:
    """`count` organisations numbered after the bench ones already there; every fifth is a
    conseil central, and the others are affiliated to the one before them."""
    start = Organization.objects.filter(slug__startswith=PREFIX).count()
    made = []
    for n in range(start + 1, start + count + 1):
        name, kind = rng.choice(BODIES)
        made.append(Organization(
            name=f"{name} de {rng.choice(PLACES)} ({n:03d})", short_name=f"BANC{n:03d}",
            slug=f"{PREFIX}{n:03d}", kind=kind, shares_plans_with_parent=rng.random() < 0.5))
    made = Organization.objects.bulk_create(made)
    parent = None
    for n, organization in enumerate(made):
        if n % 5 == 0:
            organization.kind, parent = Organization.Kind.REGIONAL_COUNCIL, organization
        else:
            organization.parent = parent
    Organization.objects.bulk_update(made, ["kind", "parent"])
    return made


def people_create(organizations: list[Organization]) -> dict:
    """An exécutif, a membre and a conseiller per organisation, active members."""
    User = get_user_model()
    password = make_password(PASSWORD)
    users, memberships = [], []
    for organization in organizations:
        for role, first_name, last_name in PEOPLE:
            username = f"{organization.slug}-{role}"
            users.append(User(username=username, first_name=first_name, last_name=last_name,
                              email=f"{username}@bench.invalid", password=password))
    users = User.objects.bulk_create(users)
    people = {}
    for index, organization in enumerate(organizations):
        mine = users[index * len(PEOPLE):(index + 1) * len(PEOPLE)]
        people[organization.pk] = {role: user for (role, _f, _l), user in zip(PEOPLE, mine,
                                                                              strict=True)}
        memberships += [Membership(user=user, organization=organization, role=role,
                                   on_entraide_committee=role == Role.EXECUTIVE)
                        for role, user in people[organization.pk].items()]
    Membership.objects.bulk_create(memberships)
    return people


def fill(options: dict) -> World:
    """The organisations, their people, then every app's data; `world.counts` says what
    was made."""
    rng = random.Random(options.get("seed"))  # noqa: S311 (made-up data, not secrets)
    organizations = organizations_create(options["organizations"], rng)
    world = World(organizations, people_create(organizations), options, rng)
    world.counts.update(organizations=len(organizations),
                        people=len(organizations) * len(PEOPLE))
    for module in app_modules():
        world.counts.update(module.generate(world))
    return world
