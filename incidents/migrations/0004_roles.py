"""The three staff roles as they were first made (see docs/staff.md, "Roles").

The permissions are written out here, not read from incidents.roles, so that later changes to the
roles (made by later migrations) do not change what this migration did."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

CONTRIBUTOR_PERMISSIONS = [
    "incidents.view_incident",
    "incidents.add_incident",
    "incidents.change_incident",
    "incidents.view_participation",
    "incidents.add_participation",
    "incidents.change_participation",
    "incidents.view_casualtyclaim",
    "incidents.add_casualtyclaim",
    "incidents.change_casualtyclaim",
    "incidents.view_casualty",
    "incidents.add_casualty",
    "incidents.change_casualty",
    "incidents.view_statement",
    "incidents.add_statement",
    "incidents.change_statement",
    "incidents.view_incidentlink",
    "incidents.add_incidentlink",
    "incidents.change_incidentlink",
    "incidents.view_report",
    "incidents.add_report",
    "incidents.change_report",
    "incidents.view_source",
    "incidents.add_source",
    "incidents.change_source",
    "incidents.view_armedgroup",
    "incidents.add_armedgroup",
    "incidents.change_armedgroup",
    "incidents.view_groupalias",
    "incidents.add_groupalias",
    "incidents.change_groupalias",
    "incidents.view_externalname",
    "incidents.add_externalname",
    "incidents.change_externalname",
    "incidents.view_person",
    "incidents.add_person",
    "incidents.change_person",
    "incidents.view_affiliation",
    "incidents.add_affiliation",
    "incidents.change_affiliation",
    "incidents.delete_participation",
    "incidents.delete_casualtyclaim",
    "incidents.delete_casualty",
    "incidents.delete_incidentlink",
    "incidents.delete_groupalias",
    "incidents.delete_affiliation",
    "geo.view_country",
    "geo.view_adminarea",
    "geo.view_place",
    "geo.add_place",
    "geo.change_place",
    "incidents.view_historicalincident",
    "incidents.view_historicalparticipation",
    "incidents.view_historicalcasualtyclaim",
    "incidents.view_historicalcasualty",
    "incidents.view_historicalstatement",
    "incidents.view_historicalincidentlink",
    "incidents.view_historicalreport",
    "incidents.view_historicalarmedgroup",
    "incidents.view_historicalperson",
]
EDITOR_ONLY_PERMISSIONS = [
    "incidents.publish_incident",
    "incidents.merge_incident",
    "incidents.import_dataset",
    "incidents.delete_incident",
    "incidents.delete_statement",
    "incidents.delete_report",
    "incidents.delete_person",
    "incidents.delete_armedgroup",
    "incidents.view_statuschange",
]


def forwards(apps, schema_editor):
    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        # A migration's app stubs have no models_module, which create_permissions insists on.
        had = getattr(app_config, "models_module", None)
        app_config.models_module = had or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")

    def permissions(names):
        pairs = [name.split(".") for name in names]
        return [permission_model.objects.get(content_type__app_label=app, codename=code) for app, code in pairs]

    for role, names in [
        (CONTRIBUTORS, CONTRIBUTOR_PERMISSIONS),
        (EDITORS, CONTRIBUTOR_PERMISSIONS + EDITOR_ONLY_PERMISSIONS),
    ]:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(permissions(names))
    admins, _ = group_model.objects.get_or_create(name=ADMINISTRATORS)
    admins.permissions.set(
        permission_model.objects.filter(content_type__app_label__in=["incidents", "geo", "auth", "axes"])
    )


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
