"""The staff roles and what each may do; later changes to them come in migrations. See docs/staff.md."""

from django.contrib.auth.management import create_permissions

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

# Records contributors create and edit (drafts, reports and what hangs off them).
EDITABLE = [
    "incident",
    "participation",
    "casualtyclaim",
    "casualty",
    "statement",
    "incidentlink",
    "report",
    "source",
    "armedgroup",
    "groupalias",
    "externalname",
    "person",
    "affiliation",
]
# Inline children a contributor must be able to remove while editing an incident.
DELETABLE_BY_CONTRIBUTORS = ["participation", "casualtyclaim", "casualty", "incidentlink", "groupalias", "affiliation"]


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    """(app_label, codename) pairs for each role."""
    contributor = [("incidents", f"{action}_{model}") for model in EDITABLE for action in ("view", "add", "change")]
    contributor += [("incidents", f"delete_{model}") for model in DELETABLE_BY_CONTRIBUTORS]
    contributor += [("geo", f"view_{model}") for model in ("country", "adminarea", "place")]
    contributor += [("geo", "add_place"), ("geo", "change_place")]
    contributor += [("incidents", f"view_historical{model}") for model in EDITABLE if model in HISTORY_MODELS]
    # Their changes to public records wait there for an editor (incidents.admin.review).
    contributor += [("incidents", "view_pendingchange"), ("releases", "view_release")]
    editor = contributor + [
        ("incidents", "publish_incident"),
        ("incidents", "merge_incident"),
        ("incidents", "import_dataset"),
        ("incidents", "delete_incident"),
        ("incidents", "delete_statement"),
        ("incidents", "delete_report"),
        ("incidents", "delete_person"),
        ("incidents", "delete_armedgroup"),
        ("incidents", "view_statuschange"),
        ("releases", "add_release"),
        ("releases", "change_release"),
    ]
    return {CONTRIBUTORS: contributor, EDITORS: editor}


HISTORY_MODELS = {
    "incident",
    "participation",
    "casualtyclaim",
    "casualty",
    "statement",
    "incidentlink",
    "report",
    "armedgroup",
    "person",
}


def create_roles(apps) -> None:
    """Create or update the three role groups; `apps` is a migration's registry or django.apps.apps."""
    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        # A migration's app stubs have no models_module, which create_permissions insists on.
        had = getattr(app_config, "models_module", None)
        app_config.models_module = had or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, pairs in role_permissions().items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(
            [permission_model.objects.get(content_type__app_label=app, codename=code) for app, code in pairs]
        )
    admins, _ = group_model.objects.get_or_create(name=ADMINISTRATORS)
    admins.permissions.set(
        permission_model.objects.filter(
            content_type__app_label__in=["incidents", "maps", "geo", "auth", "axes", "releases"]
        )
    )
