from django.core.management.base import BaseCommand

from incidents.demo import load_demo


class Command(BaseCommand):
    help = "Record the founding Reuters report of 2024-01-05 (safe to rerun: it changes nothing the second time)."

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(
            f"Demo data: {counts['incidents']} incidents, {counts['claims']} casualty claims, "
            f"{counts['statements']} statements from the founding report."
        )
