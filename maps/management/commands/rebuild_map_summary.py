"""manage.py rebuild_map_summary: sum every incident into the map's summaries afresh (PostgreSQL)."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from incidents import cache
from maps import facets, summary


class Command(BaseCommand):
    help = (
        "Recount the map's summary tables from the incidents. Triggers keep them right on every write; "
        "this only tightens the clusters' extents that deletions and moves leave wider than their "
        "incidents. Writes to incidents wait while it runs (about a minute per million incidents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: the map's summaries exist only on PostgreSQL.")
            return
        with transaction.atomic(using=database), connection.cursor() as cursor:
            summary.rebuild(cursor)
            facets.rebuild(cursor)
        cache.data_changed()
        if options["verbosity"]:
            self.stdout.write("Rebuilt the map's summaries.")
