"""Indexes for each sort of the incident list, the governorate's name kept on the incident so the
governorate sort has one too.

`incidents_incident.admin_area_name` is kept equal to its governorate's `name_en` by triggers, so
every write keeps it, whatever path it takes (saves, bulk_create in the importers, COPY in
generate_synthetic, queryset updates, raw SQL), and a renamed governorate renames its incidents'.
"""

import incidents.models.incident
from django.conf import settings
from django.db import migrations, models

POSTGRESQL = [
    """
    CREATE FUNCTION incidents_incident_area_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' OR NEW.admin_area_id IS DISTINCT FROM OLD.admin_area_id
                OR NEW.admin_area_name IS DISTINCT FROM OLD.admin_area_name THEN
            NEW.admin_area_name := (SELECT name_en FROM geo_adminarea WHERE id = NEW.admin_area_id);
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER incidents_incident_area_name BEFORE INSERT OR UPDATE ON incidents_incident
    FOR EACH ROW EXECUTE FUNCTION incidents_incident_area_name()
    """,
    """
    CREATE FUNCTION geo_adminarea_name_to_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' OR NEW.name_en IS DISTINCT FROM OLD.name_en THEN
            UPDATE incidents_incident SET admin_area_name = NEW.name_en
            WHERE admin_area_id = NEW.id AND admin_area_name IS DISTINCT FROM NEW.name_en;
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER geo_adminarea_name_to_incidents AFTER INSERT OR UPDATE OF name_en ON geo_adminarea
    FOR EACH ROW EXECUTE FUNCTION geo_adminarea_name_to_incidents()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS geo_adminarea_name_to_incidents ON geo_adminarea",
    "DROP FUNCTION IF EXISTS geo_adminarea_name_to_incidents()",
    "DROP TRIGGER IF EXISTS incidents_incident_area_name ON incidents_incident",
    "DROP FUNCTION IF EXISTS incidents_incident_area_name()",
]

# SQLite cannot assign NEW in a trigger: it corrects the row after the write instead.
_AREA_NAME = "(SELECT name_en FROM geo_adminarea WHERE id = NEW.admin_area_id)"
SQLITE = [
    f"""
    CREATE TRIGGER incidents_incident_area_name_insert AFTER INSERT ON incidents_incident
    FOR EACH ROW WHEN NEW.admin_area_name IS NOT {_AREA_NAME}
    BEGIN
        UPDATE incidents_incident SET admin_area_name = {_AREA_NAME} WHERE id = NEW.id;
    END
    """,
    f"""
    CREATE TRIGGER incidents_incident_area_name_update AFTER UPDATE OF admin_area_id, admin_area_name
    ON incidents_incident FOR EACH ROW WHEN NEW.admin_area_name IS NOT {_AREA_NAME}
    BEGIN
        UPDATE incidents_incident SET admin_area_name = {_AREA_NAME} WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER geo_adminarea_name_insert AFTER INSERT ON geo_adminarea FOR EACH ROW
    BEGIN
        UPDATE incidents_incident SET admin_area_name = NEW.name_en WHERE admin_area_id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER geo_adminarea_name_update AFTER UPDATE OF name_en ON geo_adminarea
    FOR EACH ROW WHEN NEW.name_en IS NOT OLD.name_en
    BEGIN
        UPDATE incidents_incident SET admin_area_name = NEW.name_en WHERE admin_area_id = NEW.id;
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS geo_adminarea_name_update",
    "DROP TRIGGER IF EXISTS geo_adminarea_name_insert",
    "DROP TRIGGER IF EXISTS incidents_incident_area_name_update",
    "DROP TRIGGER IF EXISTS incidents_incident_area_name_insert",
]

FILL = """
    UPDATE incidents_incident SET admin_area_name =
        (SELECT name_en FROM geo_adminarea WHERE geo_adminarea.id = incidents_incident.admin_area_id)
    WHERE admin_area_id IS NOT NULL
"""


def _statements(schema_editor, postgresql, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        return postgresql
    if vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"No triggers for {vendor}: the governorate sort key would go stale.")


def add_triggers(apps, schema_editor):
    for statement in _statements(schema_editor, POSTGRESQL, SQLITE):
        schema_editor.execute(statement)
    schema_editor.execute(FILL)


def remove_triggers(apps, schema_editor):
    for statement in _statements(schema_editor, POSTGRESQL_REVERSE, SQLITE_REVERSE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0002_history_workflow"),
        ("incidents", "0009_participation_index_covers_incident"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="admin_area_name",
            field=models.CharField(blank=True, editable=False, max_length=100, null=True),
        ),
        migrations.RunPython(add_triggers, remove_triggers),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("start_date"), nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_date_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("start_date"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_date_desc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("killed_best"), nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_killed_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("killed_best"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_killed_desc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("place_name"), nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_place_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("place_name"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_place_desc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("admin_area_name"), nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_governorate_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("admin_area_name"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_governorate_desc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("title"), nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_title_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=incidents.models.incident.SortIndex(
                models.OrderBy(models.F("title"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("merged_into__isnull", True), ("status", "published")),
                name="inc_sort_title_desc_idx",
            ),
        ),
    ]
