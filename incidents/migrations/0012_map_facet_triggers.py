"""The triggers that keep the facet summary and the incidents' group keys in step, and their first
filling. Apart from 0011 because PostgreSQL adds the summary's unique constraint, which the
triggers' upsert names, only when 0011 ends.
"""

from django.db import migrations

from incidents import mapfacets


def install(apps, schema_editor):
    """PostgreSQL only: elsewhere the map counts from the incidents."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in mapfacets.install_sql():
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        mapfacets.rebuild(cursor)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in mapfacets.uninstall_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0011_map_facets")]

    operations = [migrations.RunPython(install, uninstall)]
