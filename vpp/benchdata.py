"""Bench VPP data (`python manage.py benchdata`, see `unionplans.benchdata`): `--veille` watch
items with seed 003's articles and `--dossiers` dossiers with seed 000's services, each with
its creation event, a deadline, its people and a few work-plan tasks."""

import datetime

from django.utils import timezone

from . import seed_000, seed_003
from .constants import WorkPlanElement
from .deadlines import DayKind, due_date
from .demo import VEILLE_FOLLOW_UP
from .models import Bulletin, Deadline, DeadlineRule, Dossier, DossierEvent, Stage, Task, VeilleItem

BATCH = 2000
ARTICLES = [(a["title"], seed_003.article_text(a), VEILLE_FOLLOW_UP[a["key"]])
            for a in seed_003.ARTICLES]
PARAGRAPHS = [p for a in seed_003.ARTICLES for _h, paragraphs, _i in a["sections"]
              for p in paragraphs]
SERVICES = ["Reprographie", "Buanderie", "Hygiène et salubrité", "Alimentation",
            "Entretien ménager", "Archives médicales", "Transport des usagers", "Informatique"]
ESTABLISHMENTS = ["CISSS des Laurentides", "CIUSSS de l'Estrie – CHUS", "CISSS de l'Outaouais",
                  "CISSS de la Montérégie-Centre", "CIUSSS de la Mauricie-et-du-Centre-du-Québec"]
TASKS = [text for pair in seed_000.ROLES for text in pair] + seed_000.PROCEDURES
OPEN_STAGES = [s for s in Stage.values if s != Stage.CLOSED]


def generate(world) -> dict:
    items = veille_create(world)
    dossiers = dossiers_create(world, items)
    return {"veille items": len(items), "dossiers": len(dossiers)}


def veille_create(world) -> list[VeilleItem]:
    """`--veille` items, in one bulletin per organisation, read by its exécutif."""
    rng, today = world.rng, timezone.localdate()
    bulletins = {o.pk: b for o, b in zip(world.organizations, Bulletin.objects.bulk_create([
        Bulletin(organization=o, source=seed_003.BULLETIN["source"],
                 title=f"{seed_003.BULLETIN['title']} — no {n + 1}",
                 published_on=today - datetime.timedelta(days=30),
                 summary="\n\n".join(seed_003.BULLETIN["summary"]))
        for n, o in enumerate(world.organizations)]), strict=True)}
    items = []
    for _n, organization in world.spread(world.options["veille"]):
        title, summary, follow_up = rng.choice(ARTICLES)
        items.append(VeilleItem(
            organization=organization, bulletin=bulletins[organization.pk],
            source=seed_003.BULLETIN["source"], title=title, summary=summary,
            published_on=today - datetime.timedelta(days=rng.randint(0, 900)),
            readers_others="Comité VPP", **follow_up))
    items = VeilleItem.objects.bulk_create(items, batch_size=BATCH)
    readers = VeilleItem.readers.through
    readers.objects.bulk_create([
        readers(veilleitem=item, user=world.people[item.organization_id]["executif"])
        for item in items], batch_size=BATCH)
    return items


def dossiers_create(world, items: list[VeilleItem]) -> list[Dossier]:
    rng, today = world.rng, timezone.localdate()
    rules = {o.pk: r for o, r in zip(world.organizations, DeadlineRule.objects.bulk_create([
        DeadlineRule(organization=o, name="Réponse du syndicat au projet de l'employeur",
                     reference="art. 29", days=30, day_kind=DayKind.CALENDAR,
                     trigger="Avis de l'employeur") for o in world.organizations]), strict=True)}
    dossiers = []
    for _n, organization in world.spread(world.options["dossiers"]):
        stage = rng.choice(OPEN_STAGES)
        decided = OPEN_STAGES.index(stage) > OPEN_STAGES.index(Stage.ANALYSIS)
        service, establishment = rng.choice(SERVICES), rng.choice(ESTABLISHMENTS)
        dossiers.append(Dossier(
            organization=organization, title=f"{service} – {establishment}",
            establishment=establishment, service=service,
            mode=rng.choice(Dossier.Mode.values), domain=rng.choice(Dossier.Domain.values),
            priority=rng.choice(Dossier.Priority.values), stage=stage,
            description=rng.choice(PARAGRAPHS),
            conseiller=world.people[organization.pk]["conseiller"],
            decision=Dossier.Decision.GO if decided else "",
            decision_date=today - datetime.timedelta(days=20) if decided else None,
            decision_note=rng.choice(PARAGRAPHS) if decided else ""))
    dossiers = Dossier.objects.bulk_create(dossiers, batch_size=BATCH)
    links_create(world, dossiers, items)
    rows_create(world, dossiers, rules)
    return dossiers


def links_create(world, dossiers: list[Dossier], items: list[VeilleItem]) -> None:
    """The exécutif on the direction, the membre on the terrain; one watch item of its own
    organisation for one dossier in three."""
    direction, terrain = Dossier.direction_people.through, Dossier.terrain_people.through
    people = world.people
    direction.objects.bulk_create([
        direction(dossier=d, user=people[d.organization_id]["executif"]) for d in dossiers],
        batch_size=BATCH)
    terrain.objects.bulk_create([
        terrain(dossier=d, user=people[d.organization_id]["membre"]) for d in dossiers],
        batch_size=BATCH)
    by_organization = {}
    for item in items:
        by_organization.setdefault(item.organization_id, []).append(item)
    linked = Dossier.veille_items.through
    linked.objects.bulk_create([
        linked(dossier=d, veilleitem=world.rng.choice(by_organization[d.organization_id]))
        for d in dossiers[::3] if d.organization_id in by_organization], batch_size=BATCH)


def rows_create(world, dossiers: list[Dossier], rules: dict) -> None:
    """Each dossier's creation event, its art. 29 deadline and two work-plan tasks."""
    rng, now, today = world.rng, timezone.now(), timezone.localdate()
    DossierEvent.objects.bulk_create([
        DossierEvent(dossier=d, kind=DossierEvent.Kind.CREATED, from_stage=Stage.VEILLE,
                     to_stage=Stage.VEILLE, at=now) for d in dossiers], batch_size=BATCH)
    deadlines = []
    for dossier in dossiers:
        rule = rules[dossier.organization_id]
        trigger = today - datetime.timedelta(days=rng.randint(0, 40))
        deadlines.append(Deadline(dossier=dossier, rule=rule, trigger_date=trigger,
                                  due_on=due_date(trigger, rule.days, rule.day_kind)))
    Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
    Task.objects.bulk_create([
        Task(dossier=d, element=rng.choice(WorkPlanElement.values), description=rng.choice(TASKS),
             who="Exécutif", due_on=today + datetime.timedelta(days=rng.randint(1, 90)))
        for d in dossiers for _k in range(2)], batch_size=BATCH)
