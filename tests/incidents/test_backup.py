"""manage.py backup and restore: a backup restored into an empty second database (a real second
PostgreSQL database, or a second SQLite file) holds the same rows, field by field, in every table:
records, their history, users, roles and permissions, the many-to-many links, the admin and
login logs. Content types and permissions, rebuilt by `migrate`, are compared by natural key."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, connections

from datasets.ucdp import DEMO_FILE, import_ucdp
from geo.models import Country
from incidents import workflow
from incidents.demo import DECEMBER_STRIKES_ID, STRIKE_ID, load_demo
from incidents.models import ArmedGroup, Incident, StatusChange
from incidents.models.choices import Status
from incidents.roles import EDITORS
from maps.models import SUMMARY_MODELS, IncidentGroupKeys, MapCell, MapFacet, MapWeek
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Logins, not records: the backup leaves them out.
# Sessions are dropped; the map's summaries (PostgreSQL only) are derived, rebuilt as the incidents
# load: their sums are compared apart (summary_sums), their row ids and emptied rows may differ.
NOT_BACKED_UP = {"sessions.Session", "config.Counter", *(model._meta.label for model in SUMMARY_MODELS)}


def summary_sums(using: str = "default") -> list:
    """The map summaries' non-empty sums by key (nothing where the summaries do not exist)."""
    if connections[using].vendor != "postgresql":
        return []
    cells = (
        MapCell.objects.using(using)
        .exclude(count=0)
        .order_by("level", "cell_y", "cell_x", "month_first", "month_last", "event_type", "country", "admin_area")
    )
    weeks = (
        MapWeek.objects.using(using)
        .exclude(count=0)
        .order_by("week", "located", "month_first", "month_last", "event_type", "country", "admin_area")
    )
    return (
        [
            (
                c.level,
                c.cell_y,
                c.cell_x,
                c.month_first,
                c.month_last,
                c.event_type,
                c.country_id,
                c.admin_area_id,
                c.count,
                c.killed,
                round(c.lat_sum, 6),
            )
            for c in cells
        ]
        + [
            (w.week, w.located, w.month_first, w.month_last, w.event_type, w.country_id, w.admin_area_id, w.count)
            for w in weeks
        ]
        + [
            (f.facet, f.event_type, f.cell_y, f.cell_x, f.count, f.killed, round(f.lat_sum, 6))
            for f in MapFacet.objects.using(using).exclude(count=0).order_by("facet", "event_type", "cell_y", "cell_x")
        ]
        + list(IncidentGroupKeys.objects.using(using).order_by("incident_id").values_list("incident_id", "keys"))
    )


def fingerprint(using: str = "default") -> dict[str, list]:
    """Every row of every table, by model, in a canonical order; ids kept except where a table's
    ids are not the data (content types, permissions and many-to-many rows, matched by what they
    join)."""
    content_types = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.using(using)}
    permissions = {
        p.pk: [p.content_type.app_label, p.codename]
        for p in Permission.objects.using(using).select_related("content_type")
    }
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in NOT_BACKED_UP:
            continue
        if model is ContentType:
            tables[label] = sorted(content_types.values())
            continue
        if model is Permission:
            tables[label] = sorted(
                [*permissions[p.pk], p.name] for p in Permission.objects.using(using).select_related("content_type")
            )
            continue
        fields = [f for f in model._meta.concrete_fields if not (model._meta.auto_created and f.primary_key)]
        rows = []
        for row in model._base_manager.using(using).values_list(*[f.attname for f in fields]):
            values = []
            for field, value in zip(fields, row, strict=True):
                if field.related_model is ContentType and value is not None:
                    value = content_types[value]
                elif field.related_model is Permission and value is not None:
                    value = permissions[value]
                values.append(value)
            rows.append(values)
        tables[label] = sorted(json.loads(json.dumps(rows, default=repr)), key=repr)
    tables["map summaries"] = json.loads(json.dumps(summary_sums(using), default=repr))
    return tables


def _assert_same(original: dict, restored: dict):
    assert set(restored) == set(original)
    for label, rows in original.items():
        if rows != restored[label]:
            missing = [r for r in rows if r not in restored[label]][:2]
            extra = [r for r in restored[label] if r not in rows][:2]
            pytest.fail(f"{label}: {len(rows)} rows backed up, {len(restored[label])} restored; {missing} -> {extra}")


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    # A restore rebuilds content types inside the test's transaction; its ids leave with the rollback.
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def site(tmp_path):
    """A database holding some of everything: the demo report, 150 real UCDP events, a retraction,
    a merge, staff in roles, edits with their history, many-to-many links, admin and login logs."""
    load_demo()
    with open(DEMO_FILE, encoding="utf-8") as source:
        head = [next(source) for _ in range(152)]
    sample = tmp_path / "ucdp-150.csv"
    sample.write_text("".join(head), encoding="utf-8")
    assert import_ucdp(sample).written

    User = apps.get_model("auth", "User")
    editor = User.objects.create_user("editor", "editor@example.org", "a-long-test-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    User.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    User.objects.create_user("former", is_active=False)

    strike = Incident.objects.get(public_id=STRIKE_ID)
    strike.title = "U.S. strike kills Nujaba commander in Baghdad \u202bالنجباء\u202c 🚀"
    strike.time_utc = datetime.time(9, 0, 0, 123456)
    strike._history_user = editor
    strike.save()
    draft = factories.incident(title="Unverified drone strike near Al Qaim", status=Status.DRAFT)
    workflow.transition(editor, draft, Status.REVIEW, "checked the sources")
    workflow.transition(editor, Incident.objects.get(pk=draft.pk), Status.PUBLISHED)
    workflow.transition(
        editor, Incident.objects.get(public_id=DECEMBER_STRIKES_ID), Status.RETRACTED, "Reported twice."
    )
    duplicate = factories.incident(title="Drone strike near Al Qaim (second report)", status=Status.PUBLISHED)
    workflow.merge(editor, Incident.objects.get(pk=draft.pk), duplicate)

    nujaba = ArmedGroup.objects.get(name="Harakat al-Nujaba")
    nujaba.backers.add(factories.group(name="Islamic Revolutionary Guard Corps"))
    nujaba.countries.add(*Country.objects.filter(iso2__in=["IQ", "SY"]))
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Incident),
        object_id=str(strike.pk),
        object_repr=str(strike),
        action_flag=ADDITION,
        change_message="[]",
    )
    AccessAttempt.objects.create(
        username="intruder", ip_address="192.0.2.7", user_agent="curl", failures_since_start=3, path_info="/admin/"
    )

    original = fingerprint()
    for label in [
        "incidents.HistoricalIncident",
        "incidents.StatusChange",
        "incidents.Statement_incidents",
        "incidents.ArmedGroup_backers",
        "incidents.ArmedGroup_countries",
        "auth.User_groups",
        "auth.User_user_permissions",
        "auth.Group_permissions",
        "admin.LogEntry",
        "axes.AccessAttempt",
        "geo.Place",
    ]:
        assert original[label], f"the site holds no {label} to back up"
    return original


def _second_database(tmp_path):
    """An empty database beside the test's own, and the URL that reaches it; dropped afterwards."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    name = f"{settings['NAME']}_restored"
    server = psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )

    def drop():
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    server.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"

    def cleanup():
        drop()
        server.close()

    return url, cleanup


def _manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_a_backup_restored_into_an_empty_second_database_holds_identical_records(site, tmp_path):
    backup = tmp_path / "site.json.gz"
    call_command("backup", str(backup), verbosity=0)

    url, cleanup = _second_database(tmp_path)
    try:
        for step in (["migrate", "--noinput", "-v", "0"], ["restore", str(backup)]):
            done = _manage(url, *step)
            assert done.returncode == 0, done.stderr
        assert "Restored" in done.stdout
        out = tmp_path / "restored.json"
        script = (
            "import json, sys; from tests.incidents.test_backup import fingerprint; "
            "json.dump(fingerprint(), open(sys.argv[1], 'w', encoding='utf-8'))"
        )
        done = _manage(url, "shell", "-v", "0", "-c", f"import sys; sys.argv = ['', {str(out)!r}]; {script}")
        assert done.returncode == 0, done.stderr
        restored = json.loads(out.read_text(encoding="utf-8"))
        # A second restore into the same database asks first.
        refused = _manage(url, "restore", str(backup))
        assert refused.returncode == 1
        assert "already holds records" in refused.stderr
    finally:
        cleanup()
    _assert_same(site, restored)


def test_restore_replace_brings_back_the_backup_over_later_changes(site, tmp_path):
    backup = tmp_path / "site.json"
    call_command("backup", str(backup), verbosity=0)
    Incident.objects.filter(public_id=STRIKE_ID).update(title="Changed after the backup")
    factories.incident(title="Recorded after the backup")
    StatusChange.objects.all().delete()

    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(backup), verbosity=0)
    call_command("restore", str(backup), replace=True, verbosity=0)

    _assert_same(site, fingerprint())


def test_a_broken_backup_changes_nothing(site, tmp_path):
    backup = tmp_path / "site.json"
    call_command("backup", str(backup), verbosity=0)
    text = backup.read_text(encoding="utf-8")
    backup.write_text(text[: len(text) // 2], encoding="utf-8")

    with pytest.raises(Exception, match="(?i)json|deserializ|problem installing"):
        call_command("restore", str(backup), replace=True, verbosity=0)
    _assert_same(site, fingerprint())


def test_backup_names_its_format_and_restore_needs_the_file(tmp_path):
    with pytest.raises(CommandError, match=r"\.json"):
        call_command("backup", str(tmp_path / "site.xml"), verbosity=0)
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "missing.json"), verbosity=0)
