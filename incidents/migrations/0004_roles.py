from django.db import migrations

from incidents.roles import ADMINISTRATORS, CONTRIBUTORS, EDITORS, create_roles


def forwards(apps, schema_editor):
    create_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CONTRIBUTORS, EDITORS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_history_workflow"),
        ("geo", "0002_history_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0009_add_session_hash"),
    ]

    operations = [migrations.RunPython(forwards, remove_roles)]
