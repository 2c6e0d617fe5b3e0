"""The map's summary models, moved here from incidents with their tables as they are.

The tables (incidents_mapcell, incidents_mapweek, incidents_mapfacet, incidents_incidentgroupkeys)
and the triggers that keep them were made by incidents' migrations 0006 to 0015; this migration
only tells Django that maps now owns them (incidents 0023 tells it incidents no longer does), and
moves their content types, so that their permissions keep their rows.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

MODELS = ("mapcell", "mapweek", "mapfacet", "incidentgroupkeys")


def _move_content_types(apps, from_app, to_app):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=from_app, model__in=MODELS).update(app_label=to_app)


def to_maps(apps, schema_editor):
    _move_content_types(apps, "incidents", "maps")


def to_incidents(apps, schema_editor):
    _move_content_types(apps, "maps", "incidents")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("geo", "0002_history_workflow"),
        # The last incidents migration to touch the tables or their triggers.
        ("incidents", "0015_two_stage_cell_sums"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MapCell",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("level", models.PositiveSmallIntegerField()),
                        ("cell_y", models.IntegerField(null=True)),
                        ("cell_x", models.IntegerField(null=True)),
                        ("month_first", models.DateField(null=True)),
                        ("month_last", models.DateField(null=True)),
                        ("event_type", models.CharField(max_length=40)),
                        ("count", models.IntegerField()),
                        ("killed", models.BigIntegerField()),
                        ("lat_sum", models.FloatField()),
                        ("lng_sum", models.FloatField()),
                        ("south", models.FloatField(null=True)),
                        ("west", models.FloatField(null=True)),
                        ("north", models.FloatField(null=True)),
                        ("east", models.FloatField(null=True)),
                        (
                            "admin_area",
                            models.ForeignKey(
                                db_constraint=False,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="geo.adminarea",
                            ),
                        ),
                        (
                            "country",
                            models.ForeignKey(
                                db_constraint=False,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="geo.country",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "incidents_mapcell",
                        "required_db_vendor": "postgresql",
                        "indexes": [
                            models.Index(
                                fields=["level", "month_first", "cell_y", "cell_x"], name="inc_mapcell_view_idx"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=(
                                    "level",
                                    "cell_y",
                                    "cell_x",
                                    "month_first",
                                    "month_last",
                                    "event_type",
                                    "country",
                                    "admin_area",
                                ),
                                name="inc_mapcell_key",
                                nulls_distinct=False,
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="MapWeek",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("week", models.DateField()),
                        ("located", models.BooleanField()),
                        ("month_first", models.DateField()),
                        ("month_last", models.DateField()),
                        ("event_type", models.CharField(max_length=40)),
                        ("count", models.IntegerField()),
                        ("imprecise", models.IntegerField()),
                        (
                            "admin_area",
                            models.ForeignKey(
                                db_constraint=False,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="geo.adminarea",
                            ),
                        ),
                        (
                            "country",
                            models.ForeignKey(
                                db_constraint=False,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="geo.country",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "incidents_mapweek",
                        "required_db_vendor": "postgresql",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=(
                                    "week",
                                    "located",
                                    "month_first",
                                    "month_last",
                                    "event_type",
                                    "country",
                                    "admin_area",
                                ),
                                name="inc_mapweek_key",
                                nulls_distinct=False,
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="IncidentGroupKeys",
                    fields=[
                        ("incident_id", models.BigIntegerField(primary_key=True, serialize=False)),
                        (
                            "keys",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=60), size=None
                            ),
                        ),
                    ],
                    options={
                        "db_table": "incidents_incidentgroupkeys",
                        "verbose_name_plural": "incident group keys",
                        "required_db_vendor": "postgresql",
                    },
                ),
                migrations.CreateModel(
                    name="MapFacet",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("facet", models.CharField(max_length=60)),
                        ("cell_y", models.IntegerField(null=True)),
                        ("cell_x", models.IntegerField(null=True)),
                        ("count", models.IntegerField()),
                        ("killed", models.BigIntegerField()),
                        ("lat_sum", models.FloatField()),
                        ("lng_sum", models.FloatField()),
                        ("south", models.FloatField(null=True)),
                        ("west", models.FloatField(null=True)),
                        ("north", models.FloatField(null=True)),
                        ("east", models.FloatField(null=True)),
                    ],
                    options={
                        "db_table": "incidents_mapfacet",
                        "required_db_vendor": "postgresql",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("facet", "cell_y", "cell_x"), name="inc_mapfacet_key", nulls_distinct=False
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_maps, to_incidents),
    ]
