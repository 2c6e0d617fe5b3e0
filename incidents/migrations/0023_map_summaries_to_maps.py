"""The map's summary models now belong to maps (maps 0001): incidents forgets them, and their
tables, which keep their names, stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0022_url_validators"),
        ("maps", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="IncidentGroupKeys"),
                migrations.DeleteModel(name="MapCell"),
                migrations.DeleteModel(name="MapFacet"),
                migrations.DeleteModel(name="MapWeek"),
            ],
            database_operations=[],
        ),
    ]
