"""The benchmark databases: built once, kept between runs, rebuilt only when they no longer match.

A template database holds the schema, the geodata and the demo incidents; each benchmark database
is a copy of it (CREATE DATABASE ... TEMPLATE, seconds) filled by `generate_synthetic`, then
vacuumed and analysed. A database is reused when it holds the wanted number of synthetic incidents
after `migrate` (which is quick when nothing changed). Import benchmarks get a fresh scratch copy.
"""

import csv
import datetime
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
TEMPLATE = "bench_template"
SIZES = {"100k": 100_000, "1m": 1_000_000}
SEED = 20240104


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def url(database: str) -> str:
    return f"{SERVER}/{database}"


def _admin():
    return psycopg.connect(url("postgres"), autocommit=True)


def exists(database: str) -> bool:
    with _admin() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is not None


def drop(database: str) -> None:
    with _admin() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


def copy_template(database: str) -> None:
    drop(database)
    with _admin() as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(database), sql.Identifier(TEMPLATE))
        )


def manage(database: str, *args: str, quiet: bool = False) -> None:
    """Run a manage.py command against `database`, its output shown as progress."""
    env = {**os.environ, "DATABASE_URL": url(database), "DJANGO_DEBUG": "true"}
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out)


def synthetic_count(database: str) -> int:
    with psycopg.connect(url(database)) as conn:
        return conn.execute("SELECT count(*) FROM incidents_incident WHERE is_synthetic").fetchone()[0]


def vacuum_analyze(database: str) -> None:
    with psycopg.connect(url(database), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def prewarm(database: str) -> None:
    """Read every table and index of `database` into PostgreSQL's shared buffers (pg_prewarm,
    shipped with PostgreSQL), so the first cases do not pay for reading the disk: on this machine
    the host reclaims the operating system's page cache within minutes, so only PostgreSQL's own
    buffers keep data warm (docs/benchmarks.md, "How to reproduce")."""
    with psycopg.connect(url(database), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        pages = conn.execute(
            "SELECT coalesce(sum(pg_prewarm(c.oid)), 0) FROM pg_class AS c"
            " WHERE c.relkind IN ('r', 'i') AND c.relnamespace = 'public'::regnamespace"
        ).fetchone()[0]
    log(f"{database}: {pages * 8 / 1024:,.0f} MB read into shared buffers")


def ensure_template() -> None:
    """The empty database every other one is copied from: schema, geodata, demo incidents."""
    if not exists(TEMPLATE):
        log(f"creating {TEMPLATE}")
        with _admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    manage(TEMPLATE, "migrate", "--noinput", quiet=True)
    manage(TEMPLATE, "load_geodata", quiet=True)
    manage(TEMPLATE, "load_demo", quiet=True)


def ensure_size(label: str, seed: int = SEED) -> str:
    """The database of `label` (100k, 1m) synthetic incidents, built if missing or wrong."""
    count = SIZES[label]
    database = f"bench_{label}"
    if exists(database):
        manage(database, "migrate", "--noinput", quiet=True)
        have = synthetic_count(database)
        if have == count:
            # A migration that rewrote rows leaves them unvacuumed: index-only scans would read the
            # heap and statistics would be stale, which no long-running site sees after autovacuum.
            log(f"{database}: {have:,} synthetic incidents, reused; VACUUM ANALYZE")
            vacuum_analyze(database)
            prewarm(database)
            return database
        log(f"{database}: {have:,} synthetic incidents, not {count:,}: rebuilding")
    ensure_template()
    copy_template(database)
    started = time.monotonic()
    log(f"{database}: generating {count:,} synthetic incidents")
    manage(database, "generate_synthetic", "--count", str(count), "--seed", str(seed))
    log(f"{database}: generated in {time.monotonic() - started:.0f} s; VACUUM ANALYZE")
    vacuum_analyze(database)
    prewarm(database)
    return database


def scratch(name: str = "bench_import") -> str:
    """A fresh copy of the template, for imports to write into."""
    ensure_template()
    copy_template(name)
    return name


# ACLED-layout rows ---------------------------------------------------------------------------

ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# (event_type, sub_event_type, disorder_type), as ACLED labels them.
ACLED_EVENTS = [
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
    ("Battles", "Armed clash", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
]
ACLED_ACTORS = [
    ("Military Forces of Iraq (2022-)", "State forces"),
    ("Police Forces of Iraq (2022-)", "State forces"),
    ("Islamic State (Iraq)", "Rebel group"),
    ("Kataib Hezbollah", "Political militia"),
    ("Harakat al-Nujaba", "Political militia"),
    ("Military Forces of the United States (2021-)", "External/Other forces"),
    ("Military Forces of Turkey (2016-)", "External/Other forces"),
    ("PKK: Kurdistan Workers' Party", "Rebel group"),
    ("Unidentified Armed Group (Iraq)", "Political militia"),
    ("Civilians (Iraq)", "Civilians"),
]
# (governorate as ACLED writes it, a location, latitude, longitude), all in Iraq.
ACLED_PLACES = [
    ("Baghdad", "Baghdad", 33.3406, 44.4009),
    ("Ninewa", "Mosul", 36.335, 43.1189),
    ("Al Anbar", "Fallujah", 33.3558, 43.7861),
    ("Al Anbar", "Ramadi", 33.4258, 43.2992),
    ("Basrah", "Basrah", 30.5085, 47.7804),
    ("Salah al-Din", "Tikrit", 34.6071, 43.6782),
    ("Kirkuk", "Kirkuk", 35.4681, 44.3922),
    ("Diyala", "Baquba", 33.7466, 44.6434),
    ("Erbil", "Erbil", 36.1912, 44.0092),
    ("Duhok", "Zakho", 37.1436, 42.6819),
]


def write_acled_csv(path: Path, rows: int, seed: int = SEED) -> Path:
    """`rows` ACLED events in the current layout, made up here (never real ACLED data), with the
    quirks real files have: commas, quotes and newlines in notes and sources."""
    rng = random.Random(seed)
    start = datetime.date(2016, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_HEADER)
        for n in range(rows):
            event_type, sub_event, disorder = rng.choice(ACLED_EVENTS)
            (actor1, inter1), (actor2, inter2) = rng.sample(ACLED_ACTORS, 2)
            if event_type == "Protests":
                actor1, inter1, actor2, inter2 = "Protesters (Iraq)", "Protesters", "", ""
            admin1, location, lat, lon = rng.choice(ACLED_PLACES)
            day = start + datetime.timedelta(days=rng.randrange(3000))
            fatalities = max(0, int(rng.paretovariate(1.5)) - 1)
            notes = (
                f'On {day:%d %B %Y}, {actor1} attacked "positions" of {actor2 or "unknown"} near {location}, '
                f"{admin1}.\nSynthetic benchmark row {n + 1}; {fatalities} fatalities reported."
            )
            writer.writerow(
                [
                    f"IRQ{n + 100001}", day.isoformat(), day.year, rng.choice("1112"), disorder, event_type,
                    sub_event, actor1, "", inter1, actor2, "", inter2, "", "", 368, "Middle East", "Iraq",
                    admin1, "", "", location, f"{lat + rng.uniform(-0.02, 0.02):.4f}",
                    f"{lon + rng.uniform(-0.02, 0.02):.4f}", rng.choice("112"), "Shafaq News; Rudaw",
                    "National", notes, fatalities, "", 1700000000 + n,
                ]
            )  # fmt: skip
    return path


def main() -> None:
    for label in sys.argv[1:] or list(SIZES):
        ensure_size(label)


if __name__ == "__main__":
    main()


def site_env(database: str) -> dict[str, str]:
    """The environment the site runs in for benchmarks: debug off (no query log, cached templates),
    no rate limits (one client makes every request), no HTTPS redirect (plain loopback HTTP)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url(database),
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-any-real-deployment",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "API_RATE_LIMIT": "",
        "EXPORT_RATE_LIMIT": "",
        "MAP_TILE_URL": "",
    }


def collect_static() -> None:
    """With debug off, templates name static files by their hashed names from the manifest."""
    env = site_env(TEMPLATE)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
