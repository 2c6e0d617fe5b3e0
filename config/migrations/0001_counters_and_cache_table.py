from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    # The table of settings.CACHES' DatabaseCache (REDIS_URL unset), so that `migrate` alone readies
    # a deployment; createcachetable leaves an existing table alone and makes none for Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("name", models.CharField(max_length=255, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField()),
                ("expires", models.FloatField(db_index=True, null=True)),
            ],
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
