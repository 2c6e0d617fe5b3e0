"""The triggers that keep the facet summary and the incidents' group keys in step, and their first
filling. Apart from 0011 because PostgreSQL adds the summary's unique constraint, which the
triggers' upsert names, only when 0011 ends.
"""

from django.db import migrations

from incidents.migrations.sql import run


def install(apps, schema_editor):
    run(schema_editor, "map_facet_triggers", "map_facet_fill")


def uninstall(apps, schema_editor):
    run(schema_editor, "map_facet_triggers_drop")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0011_map_facets")]

    operations = [migrations.RunPython(install, uninstall)]
