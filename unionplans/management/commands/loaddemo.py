"""Demo data from the seed documents; safe to run again (it updates, never duplicates)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from unionplans.demo import app_loaders, sync
from unionplans.models import Membership, Organization

Role = Membership.Role

# Everyone shares one obvious password: these accounts exist only to try the app.
DEMO_PASSWORD = "demo-unionplans"  # noqa: S105

ORGANIZATIONS = [
    {
        "slug": "ccsne",
        "name": "Conseil central des syndicats nationaux de l'Estrie",
        "short_name": "CCSNE",
        "kind": Organization.Kind.REGIONAL_COUNCIL,
        "parent": None,
    },
    {
        "slug": "sesse",
        "name": "Syndicat des employé·es de soutien de la santé de l'Estrie",
        "short_name": "SESSE",
        "kind": Organization.Kind.UNION,
        "parent": "ccsne",
    },
]

# username, first name, last name, organization slug, role
PEOPLE = [
    ("executif", "Denis", "Gagnon", "ccsne", Role.EXECUTIVE),
    ("conseiller", "Mario", "Bélanger", "ccsne", Role.ADVISER),
    ("membre", "Josée", "Côté", "ccsne", Role.MEMBER),
    ("executif2", "Hélène", "Roy", "sesse", Role.EXECUTIVE),
]


class Command(BaseCommand):
    help = "Load the demo organizations, people and documents taken from the seeds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo accounts even though DEBUG is off (they share a known password).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: the demo accounts share a known password. "
                "Pass --allow-production to load them anyway."
            )
        organizations = self.load_organizations()
        users = self.load_people(organizations)
        for load in app_loaders():
            load(organizations, users)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with:"))
        for username, first_name, last_name, slug, role in PEOPLE:
            self.stdout.write(
                f"  {username:<11} / {DEMO_PASSWORD}   "
                f"{first_name} {last_name}, {role.label} — {organizations[slug].short_name}"
            )

    def load_organizations(self) -> dict[str, Organization]:
        organizations = {}
        for data in ORGANIZATIONS:
            parent = organizations.get(data["parent"])
            fields = {k: v for k, v in data.items() if k not in ("slug", "parent")}
            organizations[data["slug"]] = sync(
                Organization, {"slug": data["slug"]}, {**fields, "parent": parent}
            )
        return organizations

    def load_people(self, organizations: dict[str, Organization]) -> dict:
        User = get_user_model()
        users = {}
        for username, first_name, last_name, slug, role in PEOPLE:
            user = sync(
                User,
                {"username": username},
                {
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@demo.unionplans.invalid",
                    "is_active": True,
                },
            )
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            sync(Membership, {"user": user, "organization": organizations[slug]}, {"role": role})
            users[username] = user
        return users

