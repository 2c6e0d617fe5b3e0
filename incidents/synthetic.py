"""Synthetic incidents for load tests and benchmarks: realistic in shape, never real.

Every incident is flagged `is_synthetic`, has a public id starting "SYN-", and cites reports of
the source named "synthetic". Rows are written in batches with explicit ids: through COPY on
PostgreSQL, bulk_create elsewhere, so a million incidents take minutes.
"""

import datetime
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from django.db import connection, transaction

from datasets.pgcopy import write_history
from geo.models import Place
from incidents import toll
from incidents.cache import data_changed
from incidents.models import (
    ArmedGroup,
    CasualtyClaim,
    Incident,
    Participation,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import (
    SUB_EVENT_TYPES,
    Attribution,
    CasualtyCategory,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    Means,
    ParticipationRole,
    SourceKind,
    Stance,
    Status,
)
from incidents.text import fill_search_text
from maps import deferral

SOURCE_NAME = "synthetic"
ID_PREFIX = "SYN-"
BATCH = 10_000
INCIDENTS_PER_REPORT = 50

# ACLED's rough mix for Iraq and Syria.
EVENT_MIX = [
    (EventType.REMOTE_VIOLENCE, 45),
    (EventType.BATTLES, 30),
    (EventType.VIOLENCE_AGAINST_CIVILIANS, 15),
    (EventType.STRATEGIC_DEVELOPMENTS, 5),
    (EventType.PROTESTS, 4),
    (EventType.RIOTS, 1),
]
MEANS_BY_SUB_EVENT = {
    "air_drone_strike": [[Means.AIR_STRIKE], [Means.DRONE], [Means.DRONE, Means.ROCKET]],
    "shelling_missile": [[Means.ARTILLERY], [Means.ROCKET], [Means.BALLISTIC_MISSILE]],
    "remote_explosive": [[Means.IED]],
    "armed_clash": [[Means.SMALL_ARMS], [Means.SMALL_ARMS, Means.ARTILLERY]],
    "attack": [[Means.SMALL_ARMS]],
}
# Years weighted like the war's intensity: the fight against IS, then the lower-level years.
YEAR_WEIGHTS = {
    2012: 3, 2013: 6, 2014: 14, 2015: 15, 2016: 14, 2017: 12, 2018: 7,
    2019: 6, 2020: 6, 2021: 4, 2022: 3, 2023: 4, 2024: 5, 2025: 3,
}  # fmt: skip
CLAIMANTS = ["local sources", "security sources", "health officials", "the group's channel", "military statement"]
STANCES = [Stance.CLAIMS, Stance.DENIES, Stance.CONDEMNS, Stance.THREATENS, Stance.DESCRIBES]


@dataclass
class Pools:
    places: list[tuple[float, float, str, int, int | None]]
    groups: list[int]
    reports: list[int]


def _bursts(rng: random.Random) -> list[tuple[datetime.date, int]]:
    """A few short bursts of violence, each a centre date and a spread in days."""
    start = datetime.date(2012, 1, 1)
    return [(start + datetime.timedelta(days=rng.randrange(5000)), rng.randrange(3, 30)) for _ in range(40)]


def _date(rng: random.Random, bursts) -> datetime.date:
    if rng.random() < 0.2:
        centre, spread = rng.choice(bursts)
        return centre + datetime.timedelta(days=int(rng.gauss(0, spread)))
    year = rng.choices(list(YEAR_WEIGHTS), weights=list(YEAR_WEIGHTS.values()))[0]
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _ensure_pools(count: int) -> Pools:
    places = list(
        Place.objects.filter(admin_area__isnull=False)
        .order_by("pk")
        .values_list("latitude", "longitude", "name", "country_id", "admin_area_id")
    )
    if not places:
        raise ValueError("No gazetteer places: run manage.py load_geodata first.")
    groups = list(ArmedGroup.objects.order_by("pk").values_list("pk", flat=True))
    for n in range(len(groups), 30):
        group, _ = ArmedGroup.objects.get_or_create(
            name=f"Synthetic armed group {n + 1:02d}",
            defaults={"kind": GroupKind.NON_STATE if n % 3 else GroupKind.STATE_ALIGNED_MILITIA},
        )
        groups.append(group.pk)
    source, _ = Source.objects.get_or_create(
        name=SOURCE_NAME, defaults={"kind": SourceKind.OTHER, "notes": "Generated rows for load tests."}
    )
    wanted = max(1, count // INCIDENTS_PER_REPORT)
    have = list(Report.objects.filter(source=source).values_list("pk", flat=True))
    Report.objects.bulk_create(
        [
            Report(
                source=source,
                title=f"Synthetic report {n + 1}",
                published_on=datetime.date(2012, 1, 1) + datetime.timedelta(days=n % 5000),
                text="Generated for load testing; describes no real event.",
            )
            for n in range(len(have), wanted)
        ],
        batch_size=BATCH,
    )
    reports = list(Report.objects.filter(source=source).order_by("pk").values_list("pk", flat=True))
    return Pools(places=places, groups=groups, reports=reports)


def _reserve_ids(model, n: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - our own table name
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + n))


def _write(model, columns: list[str], rows: list[tuple]):
    """Insert rows (tuples in `columns` order, ids included)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                # JSON columns travel as their text; COPY would take a Python list for an array.
                copy.write_row([json.dumps(v) if isinstance(v, list) else v for v in row])
    else:
        fields = {f.column: f.attname for f in model._meta.concrete_fields}
        model.objects.bulk_create(
            [model(**{fields[c]: v for c, v in zip(columns, row, strict=True)}) for row in rows], batch_size=2000
        )
    # Their history rows too, as an import writes them, so the data as of a moment holds them.
    write_history(model, [row[0] for row in rows], "+", reason="synthetic")


def _next_serial() -> int:
    last = (
        Incident.objects.filter(public_id__startswith=ID_PREFIX)
        .order_by("-public_id")
        .values_list("public_id", flat=True)
    ).first()
    return int(last[len(ID_PREFIX) :]) + 1 if last else 1


def generate(count: int, seed: int = 1, progress: Callable[[int], None] | None = None) -> int:
    """Create `count` synthetic incidents; returns how many were written."""
    rng = random.Random(seed)
    with transaction.atomic():
        pools = _ensure_pools(count)
    bursts = _bursts(rng)
    serial = _next_serial()
    now = datetime.datetime.now(datetime.UTC)
    written = 0
    # One transaction: the map summaries take every batch at once at the end (maps.deferral).
    with transaction.atomic(), deferral.deferred():
        while written < count:
            n = min(BATCH, count - written)
            _write_batch(rng, pools, bursts, serial + written, n, now)
            written += n
            if progress:
                progress(written)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE "{Incident._meta.db_table}"')
    data_changed()
    return written


INCIDENT_COLUMNS = [
    "id", "public_id", "title", "summary", "start_date", "end_date", "date_precision", "time_approximate",
    "event_type", "sub_event_type", "means", "place_name", "country_id", "admin_area_id", "district",
    "latitude", "longitude", "location_precision", "status", "is_synthetic", "killed_low", "killed_best",
    "killed_high", "killed_best_pinned", "injured_low", "injured_best", "injured_high", "civilians_killed_low",
    "civilians_killed_high", "contested", "created_at", "changed_at", "status_note", "version", "search_text",
]  # fmt: skip
CLAIM_COLUMNS = [
    "id", "incident_id", "report_id", "claimant", "category", "group_id", "killed_min", "killed_max",
    "injured_min", "injured_max", "quote", "note",
]  # fmt: skip


@lru_cache(maxsize=8192)
def _search_text(title: str, place_name: str) -> str:
    """Incident.search_text of a synthetic incident (no summary, no district); titles repeat."""
    incident = SimpleNamespace(title=title, summary="", place_name=place_name, district="")
    fill_search_text([incident])
    return incident.search_text


def _write_batch(rng, pools, bursts, first_serial, n, now):
    incident_ids = _reserve_ids(Incident, n)
    incidents, participations, claims, statements, statement_links = [], [], [], [], []
    for offset, pk in enumerate(incident_ids):
        event_type = rng.choices([e for e, _ in EVENT_MIX], weights=[w for _, w in EVENT_MIX])[0]
        sub_event = rng.choice(SUB_EVENT_TYPES[event_type])
        means = rng.choice(MEANS_BY_SUB_EVENT.get(sub_event, [[]]))
        lat, lng, place_name, country_id, area_id = rng.choice(pools.places)
        start = _date(rng, bursts)
        precision = DatePrecision.DAY if rng.random() < 0.9 else DatePrecision.MONTH
        end = None
        if precision == DatePrecision.MONTH:
            start = start.replace(day=1)
            end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        perpetrator, target = rng.sample(pools.groups, 2)
        participations.append((pk, perpetrator, ParticipationRole.PERPETRATOR, Attribution.ATTRIBUTED, ""))
        participations.append((pk, target, ParticipationRole.TARGET, Attribution.ATTRIBUTED, ""))

        base = int(rng.paretovariate(1.6)) - 1
        figures = []
        for account in range(rng.choice([1, 1, 2, 2, 3])):
            killed = base if account == 0 or rng.random() < 0.7 else base + rng.randrange(1, 6)
            injured = rng.choice([None, None, killed * 2])
            category = CasualtyCategory.ALL if rng.random() < 0.8 else CasualtyCategory.CIVILIANS
            figures.append(toll.ClaimFigures(account, category, killed, killed, injured, injured))
            claims.append(
                [pk, rng.choice(pools.reports), CLAIMANTS[account], category, None, killed, killed, injured, injured]
            )
        derived = toll.derive_toll(figures)
        title = f"Synthetic {sub_event.replace('_', ' ')} near {place_name}"
        lat, lng = round(lat + rng.uniform(-0.05, 0.05), 5), round(lng + rng.uniform(-0.05, 0.05), 5)
        incidents.append(
            (
                pk, f"{ID_PREFIX}{first_serial + offset:09d}", title, "", start, end, precision, False,
                event_type, sub_event, means, place_name, country_id, area_id, "", lat, lng,
                LocationPrecision.NEAR, Status.PUBLISHED, True,
                derived.killed_low, derived.killed_best, derived.killed_high, False, derived.injured_low,
                derived.injured_best, derived.injured_high, derived.civilians_killed_low,
                derived.civilians_killed_high, derived.contested, now, now, "", 1, _search_text(title, place_name),
            )
        )  # fmt: skip
        if rng.random() < 0.05:
            statements.append((rng.choice(STANCES), start, perpetrator))
            statement_links.append(pk)

    _write(Incident, INCIDENT_COLUMNS, incidents)
    _write(
        Participation,
        ["id", "incident_id", "group_id", "role", "attribution", "note"],
        [
            (pid, *row)
            for pid, row in zip(_reserve_ids(Participation, len(participations)), participations, strict=True)
        ],
    )
    claim_ids = _reserve_ids(CasualtyClaim, len(claims))
    _write(CasualtyClaim, CLAIM_COLUMNS, [(cid, *row, "", "") for cid, row in zip(claim_ids, claims, strict=True)])
    statement_ids = _reserve_ids(Statement, len(statements))
    _write(
        Statement,
        ["id", "speaker_title", "body_group_id", "body", "said_on", "quote", "is_paraphrase", "language", "stance",
         "report_id", "version"],
        [
            (sid, "spokesperson", group, "", said_on, "Synthetic statement.", False, "en", stance,
             rng.choice(pools.reports), 1)
            for sid, (stance, said_on, group) in zip(statement_ids, statements, strict=True)
        ],
    )  # fmt: skip
    through = Statement.incidents.through
    _write(
        through,
        ["id", "statement_id", "incident_id"],
        list(zip(_reserve_ids(through, len(statement_ids)), statement_ids, statement_links, strict=True)),
    )


def delete_all() -> int:
    """Remove every synthetic incident and what hangs off it; returns how many incidents went."""
    synthetic = "SELECT id FROM incidents_incident WHERE is_synthetic"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM incidents_incident WHERE is_synthetic")
        count = cursor.fetchone()[0]
        # Claims have a post-delete signal, so the ORM would load and signal each row; these rows
        # reference only synthetic incidents, whose tolls go with them.
        for table, column in [
            ("incidents_statement_incidents", "incident_id"),
            ("incidents_historicalcasualty", "incident_id"),
            ("incidents_historicalcasualtyclaim", "incident_id"),
            ("incidents_historicalparticipation", "incident_id"),
            ("incidents_casualty", "incident_id"),
            ("incidents_casualtyclaim", "incident_id"),
            ("incidents_participation", "incident_id"),
            ("incidents_incidentlink", "from_incident_id"),
            ("incidents_incidentlink", "to_incident_id"),
        ]:
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({synthetic})")  # noqa: S608 - fixed names
        for table in ("incidents_historicalstatement", "incidents_statement"):
            cursor.execute(
                f"DELETE FROM {table} WHERE report_id IN (SELECT r.id FROM incidents_report r "  # noqa: S608
                "JOIN incidents_source s ON s.id = r.source_id WHERE s.name = %s)",
                [SOURCE_NAME],
            )
        # Their history goes with them: the data as of any moment never held them.
        cursor.execute("DELETE FROM incidents_historicalincident WHERE is_synthetic")
        cursor.execute("DELETE FROM incidents_incident WHERE is_synthetic")
        cursor.execute(
            "DELETE FROM incidents_report WHERE source_id IN (SELECT id FROM incidents_source WHERE name = %s)",
            [SOURCE_NAME],
        )
        cursor.execute("DELETE FROM incidents_source WHERE name = %s", [SOURCE_NAME])
        data_changed()
    return count
