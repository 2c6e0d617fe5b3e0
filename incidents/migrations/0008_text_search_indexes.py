"""Trigram indexes for the text search on PostgreSQL (pg_trgm, shipped with PostgreSQL's contrib).

The search is `icontains` on the title, the summary and the place, which Django writes as
`UPPER(column::text) LIKE UPPER('%…%')`: a GIN trigram index on each of those expressions lets
PostgreSQL find the matches without reading every incident, and an index on the upper-cased public
id serves its exact match. SQLite keeps scanning, which is fast at the sizes it is meant for.
"""

from django.db import migrations

COLUMNS = ("title", "summary", "place_name")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS inc_incident_{column}_trgm_idx "
            f"ON incidents_incident USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS inc_incident_public_id_upper_idx ON incidents_incident ((UPPER(public_id::text)))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS inc_incident_{column}_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS inc_incident_public_id_upper_idx")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0007_map_summary_triggers")]

    operations = [migrations.RunPython(create, drop)]
