"""Page sizes, standalone (`make bench` shows the same pages' CPU in its table, from
bench/pages.py): the exécutif's plan page (edit controls) against the same page read-only
(a membre) and the admin's Action changelist of 100 rows; the watch list against the admin's
watch-item changelist. HTML bytes, CPU time (time.process_time, median of several runs) and
queries, as ratios to their anchor measured in the same run.

    DATABASE_URL=postgres://… DEBUG=0 SECRET_KEY=… SECURE_SSL_REDIRECT=0 \\
        .venv/bin/python bench/page_sizes.py [--actions 300] [--items 1020]

It adds, once, a published plan of `--actions` actions (two steps and a follow-up each) and
`--items` watch items to the CCSNE of the demo data (`manage.py loaddemo`). Speed is
measured here, never asserted in the tests (they bound queries and bytes).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from plans import services  # noqa: E402
from plans.models import Action, Step, WorkPlan  # noqa: E402
from unionplans.models import Organization  # noqa: E402
from vpp.models import VeilleItem  # noqa: E402

RUNS = 5
TITLE = "Banc d'essai"


def bench_plan(organization, actions: int) -> WorkPlan:
    title = f"{TITLE} ({actions} actions)"
    plan = WorkPlan.objects.filter(organization=organization, title=title).first()
    if plan is not None:
        return plan
    plan = services.plan_create(organization=organization, title=title,
                                mandate_start=datetime.date(2025, 6, 1),
                                mandate_end=datetime.date(2028, 6, 30))
    for o in range(3):
        orientation = services.orientation_create(
            plan=plan, statement=f"Le CCSNE développe la solidarité et la mobilisation {o + 1}.")
        for a in range(actions // 3):
            action = services.action_create(
                orientation=orientation, responsible="Denis",
                what=f"Organiser une tournée des syndicats affiliés sur l'enjeu {o + 1}.{a + 1}")
            services.step_create(action=action, text="Définir le mandat du comité",
                                 when_kind=Step.When.MONTH, when_date=datetime.date(2025, 12, 1))
            services.step_create(action=action, text="Tenir les rencontres",
                                 when_kind=Step.When.LABEL, when_label="mandat complet")
            services.follow_up_create(action=action, author=None,
                                      text="Première rencontre tenue, à poursuivre.")
    WorkPlan.objects.filter(pk=plan.pk).update(state=WorkPlan.State.PUBLISHED)
    return plan


def bench_items(organization, count: int) -> None:
    missing = count - organization.veille_items.count()
    VeilleItem.objects.bulk_create(
        VeilleItem(organization=organization, source="CTROC",
                   published_on=datetime.date(2025, 1, 1) - datetime.timedelta(days=i),
                   title=f"INFO-PSOC : budget et financement, item {i}",
                   summary="Le gouvernement annonce un rehaussement du financement.",
                   tags="PSOC, financement")
        for i in range(max(missing, 0)))


def measure(client, url):
    sizes, cpu, queries = [], [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            response = client.get(url)
            cpu.append(time.process_time() - start)
        assert response.status_code == 200, (url, response.status_code)
        sizes.append(len(response.content))
        queries = len(captured)
    return {"bytes": sizes[-1], "cpu": statistics.median(cpu), "queries": queries}


def client_of(username):
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def row(name, figures, anchor=None):
    ratio = ""
    if anchor is not None:
        ratio = (f"  ×{figures['bytes'] / anchor['bytes']:5.2f} bytes"
                 f"  ×{figures['cpu'] / anchor['cpu']:5.2f} CPU")
    print(f"  {name:<44} {figures['bytes'] / 1024:8.0f} KiB {figures['cpu'] * 1000:7.0f} ms"
          f" {figures['queries']:4.0f} q{ratio}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--items", type=int, default=1020)
    args = parser.parse_args()
    cc = Organization.objects.get(slug="ccsne")
    plan = bench_plan(cc, args.actions)
    bench_items(cc, args.items)
    count = Action.objects.filter(orientation__plan=plan).count()
    detail = reverse("plans:detail", args=[cc.slug, plan.pk])
    admin_actions = reverse("admin:plans_action_changelist")  # its first 100 rows
    admin_items = reverse("admin:vpp_veilleitem_changelist")

    executif, membre, conseiller = (client_of(name) for name in
                                    ("executif", "membre", "conseiller"))
    anchor = measure(conseiller, admin_actions)  # 100 rows a page
    editor, reader = measure(executif, detail), measure(membre, detail)
    per_100 = {key: value / (count / 100) for key, value in editor.items()}
    print(f"Plan page, {count} actions (median of {RUNS} runs; CPU = time.process_time)")
    row("admin Action changelist, 100 rows (anchor)", anchor)
    row("membre, read-only", reader, anchor)
    row("exécutif, edit controls", editor, anchor)
    row("exécutif per 100 actions", per_100, anchor)
    print(f"  exécutif / membre: ×{editor['bytes'] / reader['bytes']:.2f} bytes, "
          f"×{editor['cpu'] / reader['cpu']:.2f} CPU")

    anchor = measure(conseiller, admin_items)
    watch = measure(executif, reverse("vpp:veille_list", args=[cc.slug]))
    print(f"Watch list, {cc.veille_items.count()} items")
    row("admin watch-item changelist (anchor)", anchor)
    row("watch list, first page", watch, anchor)


if __name__ == "__main__":
    main()
