"""The cell summary's trigger functions again, now summing each statement's rows into the finest
cells before the coarser levels (mapsummary.add_cells): CREATE OR REPLACE of the same functions,
with the same sums; no data rewritten."""

from django.db import migrations

from incidents.migrations.sql import run


def install(apps, schema_editor):
    run(schema_editor, "map_summary_triggers")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0014_means_statistics")]

    # Going back leaves the functions as they are: they write what 0013's wrote.
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
