"""The facet summary keeps the event type too, so that the clusters of a filter it answers (an
armed group, contested, civilian harm, a means, at least so many killed) show their mix of event
types as the main summary's do: a column in the key, the trigger functions again with the SQL
frozen beside the earlier ones (incidents/migrations/sql/map_facet_*_2.sql), and every facet row
summed afresh."""

from django.db import migrations, models

from incidents.migrations.sql import run


def install(apps, schema_editor):
    run(schema_editor, "map_facet_triggers_2", "map_facet_fill_2")


def install_earlier(apps, schema_editor):
    run(schema_editor, "map_facet_triggers", "map_facet_fill")


class Migration(migrations.Migration):
    dependencies = [("maps", "0002_week_fatalities")]

    operations = [
        migrations.RemoveConstraint(model_name="mapfacet", name="inc_mapfacet_key"),
        migrations.AddField(
            model_name="mapfacet", name="event_type", field=models.CharField(default="", max_length=40)
        ),
        migrations.AddConstraint(
            model_name="mapfacet",
            constraint=models.UniqueConstraint(
                fields=("facet", "event_type", "cell_y", "cell_x"), name="inc_mapfacet_key", nulls_distinct=False
            ),
        ),
        # Going back runs the earlier functions and fill first, while the column is still there.
        migrations.RunPython(install, install_earlier),
    ]
