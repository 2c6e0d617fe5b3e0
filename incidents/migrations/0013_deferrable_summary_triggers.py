"""The summary triggers again, now able to set their changes aside inside
incidents.summaries.deferred(): CREATE OR REPLACE of the same functions, no data rewritten."""

from django.db import migrations

from incidents.migrations.sql import run


def install(apps, schema_editor):
    run(schema_editor, "map_summary_triggers", "map_facet_triggers")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0012_map_facet_triggers")]

    # Going back leaves the functions as they are: outside deferred() they do what 0007 and 0012's did.
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
