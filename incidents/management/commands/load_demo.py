from django.core.management.base import BaseCommand

from datasets.ucdp import load_ucdp_demo
from incidents.actor_catalogue import ensure_catalogue
from incidents.demo import ensure_geodata, load_demo
from incidents.demo_syria import load_syria_demo


class Command(BaseCommand):
    help = (
        "Record the founding Reuters report of 2024-01-05, the drone attack on the al-Omar base in Syria of "
        "2024-02-04/05 and, with --ucdp, the UCDP GED events for Iraq "
        "(safe to rerun: it changes nothing the second time)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ucdp", action="store_true", help="Also load the UCDP GED sample for Iraq (7,473 events)."
        )

    def handle(self, *args, ucdp=False, **options):
        ensure_geodata()
        ensure_catalogue()  # first, so that the founding report's groups are the catalogue's
        counts = load_demo()
        self.stdout.write(
            f"Demo data: {counts['incidents']} incidents, {counts['claims']} casualty claims, "
            f"{counts['statements']} statements from the founding report."
        )
        incident = load_syria_demo()
        self.stdout.write(f"Demo data in Syria: {incident.public_id} {incident.title}.")
        if ucdp:
            self.stdout.write(load_ucdp_demo().summary())
