"""Contributors and editors see the changes held for review; administrators may do everything with them.

Written out here rather than through incidents.roles, so that later changes to that module do not
change what this migration did."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    content_type, _ = content_type_model.objects.get_or_create(app_label="incidents", model="pendingchange")
    permissions = {
        action: permission_model.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_pendingchange",
            defaults={"name": f"Can {action} pending change"},
        )[0]
        for action in ACTIONS
    }
    for group in group_model.objects.filter(name__in=["Contributors", "Editors"]):
        group.permissions.add(permissions["view"])
    for group in group_model.objects.filter(name="Administrators"):
        group.permissions.add(*permissions.values())


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0019_pending_changes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
