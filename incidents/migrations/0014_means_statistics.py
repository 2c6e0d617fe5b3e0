"""Statistics on the means filter's expression, on PostgreSQL.

The means filter is `UPPER(means::text) LIKE '%"DRONE"%'` (the JSON list's text, portable to
SQLite). PostgreSQL keeps no statistics on that expression unless asked, so it guessed that a
few dozen of a million incidents were drone strikes (there were 50,000) and sorted them all
rather than walking the list's sort index: 650 ms for a page of them instead of 2 ms. An
expression statistics object (PostgreSQL 14+) gives ANALYZE the values to count, at no cost to
writes.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS inc_incident_means_stats ON (UPPER(means::text)) FROM incidents_incident"
    )
    schema_editor.execute("ANALYZE incidents_incident")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP STATISTICS IF EXISTS inc_incident_means_stats")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0013_deferrable_summary_triggers")]

    operations = [migrations.RunPython(create, drop)]
