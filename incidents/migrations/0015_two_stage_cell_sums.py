"""The cell summary's trigger functions again, now summing each statement's rows into the finest
cells before the coarser levels (mapsummary.add_cells): CREATE OR REPLACE of the same functions,
with the same sums; no data rewritten."""

from django.db import migrations

from incidents import mapsummary


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in mapsummary.install_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0014_means_statistics")]

    # Going back leaves the functions as they are: they write what 0013's wrote.
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
