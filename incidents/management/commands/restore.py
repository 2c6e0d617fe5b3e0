"""manage.py restore FILE: replace everything in the database with a backup made by `manage.py backup`."""

from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from maps.models import SUMMARY_MODELS


def _unapplied_migrations(database: str) -> list[str]:
    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _holding_records(database: str) -> list[str]:
    """Models with rows that only people create: what a fresh database (migrated, boundaries and
    gazetteer loaded) does not hold."""
    models = [*apps.get_app_config("incidents").get_models(), apps.get_model("auth", "User")]
    connection = connections[database]
    return [
        model._meta.label
        for model in models
        # The map's summaries (PostgreSQL only) follow the incidents; they hold nothing of their own.
        if model._meta.can_migrate(connection)
        and model not in SUMMARY_MODELS
        and model._base_manager.using(database).exists()
    ]


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a backup made by `manage.py backup`. Run `migrate` first. "
        "Refuses a database that already holds incidents, reports or users unless --replace is given; "
        "in one transaction, so a failed restore leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `manage.py backup` (.json, .json.gz, .json.bz2, .json.xz).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to restore into.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the records the database holds and restore the backup."
        )

    def handle(self, *args, file, database, replace, **options):
        if not Path(file).is_file():
            raise CommandError(f"No such file: {file}")
        unapplied = _unapplied_migrations(database)
        if unapplied:
            raise CommandError(
                f"The database is not migrated ({len(unapplied)} migrations to apply, e.g. {unapplied[0]}): "
                "run `manage.py migrate` first, with the same version of the code that made the backup."
            )
        holding = _holding_records(database)
        if holding and not replace:
            raise CommandError(
                f"The database already holds records ({', '.join(holding[:4])}...): restore into an empty "
                "database, or pass --replace to delete them first."
            )
        with transaction.atomic(using=database):
            # Settles the foreign-key checks PostgreSQL defers to commit: TRUNCATE refuses a table with
            # checks pending, as there are when the restore runs inside a caller's transaction.
            connections[database].check_constraints()
            # Rows `migrate` or load_geodata made (roles, boundaries) give way to the backup's own, ids
            # and all; content types and permissions are rebuilt and then matched by natural key.
            call_command("flush", database=database, interactive=False, verbosity=0)
            ContentType.objects.clear_cache()
            call_command("loaddata", file, database=database, verbosity=0)
        ContentType.objects.clear_cache()
        if options["verbosity"]:
            self.stdout.write(f"Restored the backup {file}.")
