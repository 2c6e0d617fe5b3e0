from django.core.management.base import BaseCommand

from geo.loader import load_all


class Command(BaseCommand):
    help = "Load country and governorate boundaries and the gazetteer from geo/data/ (safe to rerun)."

    def handle(self, *args, **options):
        counts = load_all()
        for model in counts.created:
            self.stdout.write(f"{model}: {counts.created[model]} created, {counts.updated[model]} updated")
        if not counts.changed:
            self.stdout.write("Geographic data already up to date.")
