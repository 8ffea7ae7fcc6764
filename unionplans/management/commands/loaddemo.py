"""Demo data from the seed documents; safe to run again: it creates only what it never made,
and never rewrites what people changed since (`--reset` starts over)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from unionplans.accounts import email_taken
from unionplans.demo import app_modules
from unionplans.models import DemoRecord, Membership, Organization

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
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo organizations, their data and the demo accounts, then load "
                 "the demo again.",
        )
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Do not ask for confirmation before --reset.",
        )

    def handle(self, *args, allow_production=False, reset=False, interactive=True, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: the demo accounts share a known password. "
                "Pass --allow-production to load them anyway."
            )
        if reset and interactive:
            answer = input(
                "This deletes the demo organizations (CCSNE, SESSE) with everything in them "
                "and the demo accounts. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Reset cancelled.")
        with transaction.atomic():
            if reset:
                self.reset()
            organizations = self.load_organizations()
            users = self.load_people(organizations)
            for module in app_modules():
                module.load(organizations, users)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with:"))
        for username, first_name, last_name, slug, role in PEOPLE:
            self.stdout.write(
                f"  {username:<11} / {DEMO_PASSWORD}   "
                f"{first_name} {last_name}, {role.label} — {organizations[slug].short_name}"
            )

    def reset(self) -> None:
        organizations = list(Organization.objects.filter(
            slug__in=[data["slug"] for data in ORGANIZATIONS]
        ))
        for module in reversed(app_modules()):
            if hasattr(module, "reset"):
                module.reset(organizations)
        # An organization someone affiliated to a demo one stays, on its own.
        Organization.objects.filter(parent__in=organizations).exclude(
            pk__in=[o.pk for o in organizations]).update(parent=None)
        for organization in sorted(organizations, key=lambda o: o.parent_id is None):
            try:
                organization.delete()
            except ProtectedError as error:  # e.g. the register of confidentiality incidents
                kept = sorted({obj._meta.verbose_name_plural for obj in error.protected_objects})
                raise CommandError(
                    f"{organization.short_name} still holds {', '.join(kept)}, which the demo "
                    "never deletes: delete them in the admin first."
                ) from error
        get_user_model().objects.filter(username__in=[p[0] for p in PEOPLE]).delete()
        DemoRecord.objects.all().delete()

    def load_organizations(self) -> dict[str, Organization]:
        """The demo organizations, created when missing (never changed)."""
        organizations = {}
        for data in ORGANIZATIONS:
            fields = {k: v for k, v in data.items() if k not in ("slug", "parent")}
            organizations[data["slug"]], _created = Organization.objects.get_or_create(
                slug=data["slug"], defaults={**fields, "parent": organizations.get(data["parent"])}
            )
        return organizations

    def load_people(self, organizations: dict[str, Organization]) -> dict:
        """The demo accounts and memberships, created when missing: a role, a name or a
        password changed since is kept (`--reset` brings the printed ones back)."""
        User = get_user_model()
        users = {}
        for username, first_name, last_name, slug, role in PEOPLE:
            user = User.objects.filter(username=username).first()
            if user is None:
                email = f"{username}@demo.unionplans.invalid"
                user = User(username=username, first_name=first_name, last_name=last_name,
                            email="" if email_taken(email) else email)
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(
                user=user, organization=organizations[slug], defaults={"role": role}
            )
            users[username] = user
        return users
