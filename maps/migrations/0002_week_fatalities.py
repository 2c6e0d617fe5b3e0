"""The weekly summary also sums the fatalities (low, best, high) and the contested incidents, for
the trends page: four columns, the trigger functions again with the SQL frozen beside the earlier
ones (incidents/migrations/sql/map_summary_*_2.sql), and every summary row summed afresh."""

from django.db import migrations, models

from incidents.migrations.sql import run


def install(apps, schema_editor):
    run(schema_editor, "map_summary_triggers_2", "map_summary_fill_2")


class Migration(migrations.Migration):
    dependencies = [("maps", "0001_initial")]

    operations = [
        migrations.AddField(model_name="mapweek", name="contested", field=models.IntegerField(default=0)),
        migrations.AddField(model_name="mapweek", name="killed_best", field=models.BigIntegerField(default=0)),
        migrations.AddField(model_name="mapweek", name="killed_high", field=models.BigIntegerField(default=0)),
        migrations.AddField(model_name="mapweek", name="killed_low", field=models.BigIntegerField(default=0)),
        # Going back leaves the functions writing the columns, which going back drops: run the
        # earlier functions again first.
        migrations.RunPython(install, lambda apps, editor: run(editor, "map_summary_triggers")),
    ]
