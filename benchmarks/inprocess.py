"""The in-process measurements, run by benchmarks.run in a subprocess per database and per kind
(so one kind's memory never shows in another's peak): requests through Django's test client,
the site's middleware included, against the benchmark database.

    python -m benchmarks.inprocess --database bench_1m --groups map,list,pages,api --out FILE
    python -m benchmarks.inprocess --database bench_1m --export csv --side ours --out FILE
    python -m benchmarks.inprocess --database bench_import --import acled --file F --side ours --out FILE
    python -m benchmarks.inprocess --database bench_100k --extract --out FILE
"""

import argparse
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

from benchmarks import data
from benchmarks.measure import Capped, PeakRss, measure

EXPORT_ROWS = 100_000
# Enough for any baseline that can finish; one that cannot fails with MemoryError, not the machine.
MEMORY_LIMIT = 8 * 2**30


def context():
    """Values the cases need, read from the database (see cases.Context)."""
    from django.db.models import Count, Max

    from benchmarks.cases import Context
    from incidents.models import Incident, Participation

    busiest = Participation.objects.values("group_id").annotate(n=Count("id")).order_by("-n", "group_id").first() or {}
    published = Incident.objects.published()
    synthetic = published.filter(is_synthetic=True).order_by("id").values_list("public_id", flat=True).first()
    synthetic = synthetic or published.order_by("id").values_list("public_id", flat=True).first()
    # The date from which about EXPORT_ROWS incidents follow: none when there are fewer than that.
    cut = published.order_by("-start_date").values_list("start_date", flat=True)[EXPORT_ROWS - 1 : EXPORT_ROWS]
    cut = list(cut)
    written = Incident.history.aggregate(last=Max("history_date"))["last"]
    return Context(
        group_id=busiest.get("group_id", 0),
        synthetic_incident=synthetic or "",
        export_from=_iso(cut[0] if cut else None),
        as_of=written.isoformat() if written else None,
    )


def _iso(day):
    return day.isoformat() if day else None


def get(client, url: str) -> dict:
    """One request, its body read to the end; the time its first and second chunks came."""
    started = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    figures = {"bytes": 0}
    if response.streaming:
        for index, chunk in enumerate(response.streaming_content):
            figures["bytes"] += len(chunk)
            if index == 0:
                figures["first_byte"] = time.perf_counter() - started
            elif index == 1:
                figures["first_data"] = time.perf_counter() - started
    else:
        figures["bytes"] = len(response.content)
        figures["first_byte"] = figures["first_data"] = time.perf_counter() - started
    return figures


def count_queries(client, url: str) -> dict:
    """The queries one request makes, and for the map how many features it sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    figures = {"queries": len(captured.captured_queries)}
    if response.get("Content-Type", "").startswith("application/json") and "/map/data/" in url:
        payload = json.loads(body)
        features = payload if isinstance(payload, list) else payload.get("features", [])
        figures["features"] = len(features)
        if isinstance(payload, dict):
            figures["mode"] = payload.get("mode")
            figures["total"] = payload.get("total")
    return figures


def run_case(client, case, *, warmup=2, repeat=20, budget=15.0, cap=60.0, log=print) -> dict:
    """A case measured on the site and on its baseline, with the queries each makes."""
    from django.test import override_settings

    with override_settings(**({} if case.map_cache else {"MAP_CACHE_SECONDS": 0})):
        return _run_case(client, case, warmup=warmup, repeat=repeat, budget=budget, cap=cap, log=log)


def _run_case(client, case, *, warmup, repeat, budget, cap, log) -> dict:
    result = {**case.as_dict(), "target": case.target}
    for side, url in (("ours", case.url), ("baseline", case.baseline)):
        if url is None:
            continue
        log(f"  {case.group}: {case.name} [{side}] ...")
        stats = measure(
            lambda url=url: get(client, url),
            warmup=warmup,
            repeat=repeat,
            budget=budget,
            cap=cap,
            progress=lambda text: log(f"    {text}"),
        )
        if stats.capped:
            # The stop may land mid-query, leaving the connection busy: the next case gets a new one.
            from django.db import connections

            connections.close_all()
        # A baseline slower than this is not run once more only to count its queries.
        if not stats.error and stats.runs and (side == "ours" or stats.median < 5):
            stats.extra.update(count_queries(client, url))
        result[side] = stats.as_dict()
    return result


def run_groups(client, groups: list[str], log=print, **options) -> list[dict]:
    from benchmarks.cases import PAGE_GROUPS

    ctx = context()
    results = []
    for group in groups:
        for case in PAGE_GROUPS[group](ctx):
            results.append(run_case(client, case, log=log, **options))
    return results


def run_export(client, kind: str, side: str, log=print, **options) -> dict:
    """One export kind, on one side, in this process: its time, first byte and peak memory."""
    from benchmarks.cases import export_cases
    from incidents.filters import IncidentFilter
    from incidents.models import Incident

    ctx = context()
    (case,) = export_cases(ctx, kind)
    url = case.url if side == "ours" else case.baseline
    params = {"date_from": ctx.export_from} if ctx.export_from else {}
    rows = IncidentFilter(params, queryset=Incident.objects.published()).qs.count()
    log(f"  export {kind} [{side}], {rows:,} rows ...")
    with PeakRss() as rss:
        stats = measure(
            lambda: get(client, url),
            warmup=options.get("warmup", 1),
            repeat=options.get("repeat", 3),
            budget=options.get("budget", 30.0),
            min_runs=1,
            cap=options.get("cap", 120.0),
            progress=lambda text: log(f"    {text}"),
        )
    if stats.capped:
        from django.db import connections

        connections.close_all()
    stats.extra.update(rows=rows, rss_before=rss.before, rss_peak=rss.peak)
    return {**case.as_dict(), side: stats.as_dict()}


def run_import(dataset: str, path: Path, side: str, cap: float, log=print) -> dict:
    """Import a file into an empty database: the real importer (then again, every row unchanged),
    or the row-by-row baseline stopped at `cap` seconds."""
    from django.db import connection

    from benchmarks import baselines, floor
    from datasets.acled import import_acled
    from datasets.ucdp import import_ucdp

    result = {"group": "import", "dataset": dataset, "file": path.name, "side": side}
    if side == "baseline":
        log(f"  import {dataset} [baseline, row by row, stopped after {cap:.0f} s] ...")
        done = baselines.IMPORTERS[dataset](path, deadline=time.monotonic() + cap)
        result.update(rows=done.rows, seconds=done.seconds, finished=done.finished)
        log(f"    {done.rows:,} rows in {done.seconds:.1f} s ({done.rows / done.seconds:,.0f} rows/s)")
        return result
    importer = {"acled": import_acled, "ucdp": import_ucdp}[dataset]
    for label in ("new", "again"):
        log(f"  import {dataset} [{label}] ...")
        started = time.perf_counter()
        outcome = importer(path)
        seconds = time.perf_counter() - started
        if not outcome.written:
            raise RuntimeError(f"import of {path} wrote nothing: {outcome.summary()}")
        log(f"    {outcome.summary()}")
        result[label] = {
            "rows": outcome.rows,
            "seconds": seconds,
            "new": outcome.new,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
        }
    if connection.vendor == "postgresql":
        # After both runs, so that its reading every table warms nothing they measure.
        result["floor"] = floor.measure(result["new"]["rows"])
        log(f"    floor: {result['floor']['seconds']:.2f} s for the database alone")
    return result


class _NotCapped(logging.Filter):
    """Drops Django's report of a request stopped at the time cap: the table says so already."""

    def filter(self, record):
        return not (record.exc_info and isinstance(record.exc_info[1], Capped))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--groups", default="", help="Comma-separated: map, list, pages, api.")
    parser.add_argument("--export", choices=["csv", "geojson", "csv-as-of"])
    parser.add_argument("--import", dest="dataset", choices=["acled", "ucdp"])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--extract", action="store_true", help="Report extraction at growing lengths.")
    parser.add_argument("--side", choices=["ours", "baseline"], default="ours")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--budget", type=float, default=15.0, help="Seconds of timed runs per case and side.")
    parser.add_argument("--cap", type=float, default=60.0, help="Seconds after which a run is stopped.")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.environ.update(data.site_env(args.database))
    import django

    django.setup()
    logging.getLogger("django.request").addFilter(_NotCapped())
    from django.test import Client, override_settings

    options = {"repeat": args.repeat, "budget": args.budget, "cap": args.cap}
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        client = Client()
        if args.extract:
            from benchmarks import extraction

            results = extraction.run(log=log)
        elif args.dataset:
            results = [run_import(args.dataset, args.file, args.side, args.cap, log=log)]
        elif args.export:
            results = [run_export(client, args.export, args.side, log=log, **options)]
        else:
            results = run_groups(client, [g for g in args.groups.split(",") if g], log=log, **options)
    args.out.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
