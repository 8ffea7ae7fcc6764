"""Bench data at the size of a federation, fast: see `unionplans.benchdata`."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from unionplans import benchdata

REFUSED = (
    "Cette base contient des données qui ne sont pas des données de banc d'essai : "
    "benchdata n'y écrit rien sans --force. / This database holds data that is not bench "
    "data: benchdata writes nothing to it without --force."
)


class Command(BaseCommand):
    help = ("Fill a throwaway database with bench data: organisations with their people, "
            "plans, dossiers, watch items and entraide rows (e.g. for `make bench`).")

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=50)
        parser.add_argument("--plans", type=int, default=50,
                            help="Plans de travail in all, shared among the organisations.")
        parser.add_argument("--actions", type=int, default=200, help="Actions per plan.")
        parser.add_argument("--dossiers", type=int, default=5000)
        parser.add_argument("--veille", type=int, default=1000, help="Watch items in all.")
        parser.add_argument("--entraide-rows", type=int, default=500)
        parser.add_argument("--seed", type=int, default=None,
                            help="The same seed on an empty database makes the same data.")
        parser.add_argument("--force", action="store_true",
                            help="Write even to a database that holds other data.")

    def handle(self, *args, force=False, **options):
        counts = [options[name] for name in ("organizations", "plans", "actions", "dossiers",
                                             "veille", "entraide_rows")]
        if min(counts) < 0:
            raise CommandError("Les nombres sont positifs. / Counts are positive.")
        if not options["organizations"] and any(counts[1:]):
            raise CommandError("Il faut au moins une organisation. / At least one "
                               "organisation is needed.")
        if benchdata.holds_other_data() and not force:
            raise CommandError(REFUSED)
        start, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            world = benchdata.fill(options)
        made = ", ".join(f"{count} {name}" for name, count in world.counts.items())
        self.stdout.write(self.style.SUCCESS(
            f"Bench data: {made} in {time.perf_counter() - start:.1f} s "
            f"({time.process_time() - cpu:.1f} s CPU here)."))
