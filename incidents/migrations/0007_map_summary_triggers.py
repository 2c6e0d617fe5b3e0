"""The triggers that keep the map summary in step with the incidents, and its first filling.

Apart from 0006 because PostgreSQL adds the summary's unique constraint, which the triggers'
upsert names, only when 0006 ends.
"""

from django.db import migrations

from incidents.migrations.sql import run


def install(apps, schema_editor):
    """The triggers, then the summary of the incidents already there."""
    run(schema_editor, "map_summary_triggers", "map_summary_fill")


def uninstall(apps, schema_editor):
    run(schema_editor, "map_summary_triggers_drop")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_map_summary")]

    operations = [migrations.RunPython(install, uninstall)]
