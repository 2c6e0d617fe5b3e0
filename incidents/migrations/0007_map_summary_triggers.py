"""The triggers that keep the map summary in step with the incidents, and its first filling.

Apart from 0006 because PostgreSQL adds the summary's unique constraint, which the triggers'
upsert names, only when 0006 ends.
"""

from django.db import migrations

from incidents import mapsummary


def install(apps, schema_editor):
    """The triggers, then the summary of the incidents already there (PostgreSQL only: elsewhere
    the map counts from the incidents)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in mapsummary.install_sql():
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        mapsummary.rebuild(cursor)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in mapsummary.uninstall_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_map_summary")]

    operations = [migrations.RunPython(install, uninstall)]
