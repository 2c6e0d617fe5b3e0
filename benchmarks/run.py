"""`make bench`: build (or reuse) the benchmark databases, measure everything beside its baseline,
load-test and browser-measure the largest database, and print the results table.

    python -m benchmarks.run                        # 100k and 1m, everything (about 45 minutes)
    python -m benchmarks.run --sizes 100k --skip load,browser
    python -m benchmarks.run --report benchmarks/cache/results.json   # print a saved run again

Results are written to benchmarks/cache/results.json (and a dated copy) and printed as Markdown
tables, ready for docs/benchmarks.md. Targets apply at 1,000,000 incidents.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import data, extraction
from benchmarks.cases import TARGETS
from benchmarks.measure import fmt_bytes, fmt_seconds

CACHE = data.ROOT / "benchmarks" / "cache"
PARTS = ("pages", "export", "import", "extract", "load", "browser")
PAGE_GROUPS = "map,list,pages,api,trends"
EXPORT_TARGET = {"seconds": 5.0, "rss": 250 * 2**20}
IMPORT_TARGET = {"rows_per_second": 20_000, "ratio": 20}
BROWSER_TARGET = {"first_markers": 2.0, "idle_after_change": 1.0}
UCDP_SAMPLE = data.ROOT / "incidents" / "demo_data" / "ucdp-ged-iraq.csv"
ACLED_ROWS = 100_000


def machine() -> dict:
    with open("/proc/meminfo") as handle:
        memory = int(handle.readline().split()[1]) * 1024
    cpu = ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import psycopg

    with psycopg.connect(data.url("postgres")) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
        settings = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]  # noqa: S608 - fixed names
            for name in (
                "shared_buffers",
                "work_mem",
                "effective_cache_size",
                "max_parallel_workers_per_gather",
                "random_page_cost",
            )
        }
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=data.ROOT, capture_output=True, text=True)
    return {
        "cores": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory_gib": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "postgresql": server,
        "postgresql_settings": settings,
        "commit": commit.stdout.strip(),
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "loadavg_start": os.getloadavg(),
    }


def worker(database: str, out: Path, *args: str) -> list[dict]:
    """benchmarks.inprocess in its own process; its results."""
    command = [sys.executable, "-m", "benchmarks.inprocess", "--database", database, "--out", str(out), *args]
    subprocess.run(command, cwd=data.ROOT, check=True)
    return json.loads(out.read_text())


def run_pages(size: str, database: str, tmp: Path, options: list[str]) -> list[dict]:
    data.log(f"== {size}: map, lists, pages, API")
    results = worker(database, tmp / f"pages-{size}.json", "--groups", PAGE_GROUPS, *options)
    return [{**r, "size": size} for r in results]


def run_exports(size: str, database: str, tmp: Path) -> list[dict]:
    data.log(f"== {size}: exports")
    results = []
    for kind in ("csv", "geojson", "csv-as-of"):
        merged = {}
        for side in ("ours", "baseline"):
            (result,) = worker(database, tmp / f"export-{kind}-{side}-{size}.json", "--export", kind, "--side", side)
            merged.update(result)
        results.append({**merged, "size": size})
    return results


def run_imports(tmp: Path, cap: float, acled_rows: int = ACLED_ROWS) -> list[dict]:
    data.log("== imports")
    acled_file = data.write_acled_csv(tmp / "acled-synthetic.csv", acled_rows)
    results = []
    for dataset, path in (("acled", acled_file), ("ucdp", UCDP_SAMPLE)):
        merged = {"group": "import", "dataset": dataset, "file": path.name}
        for side in ("ours", "baseline"):
            database = data.scratch()
            (result,) = worker(
                database,
                tmp / f"import-{dataset}-{side}.json",
                "--import",
                dataset,
                "--file",
                str(path),
                "--side",
                side,
                "--cap",
                str(cap),
            )
            merged[side] = result
        results.append(merged)
    data.drop("bench_import")
    return results


# Judging and printing ---------------------------------------------------------------------------


def _ratio(case: dict) -> tuple[float | None, bool]:
    """(baseline median / ours, whether the baseline was stopped or failed and so it is a lower bound)."""
    ours, base = case.get("ours") or {}, case.get("baseline") or {}
    if not ours.get("median"):
        return None, False
    if base.get("median") and not base.get("capped"):
        return base["median"] / ours["median"], False
    if base.get("capped") or base.get("error"):
        return (base.get("cap") or 0) / ours["median"], True
    return None, False


def verdict(case: dict) -> str:
    target = TARGETS.get(case.get("target") or "")
    ours = case.get("ours") or {}
    if target is None:
        return ""
    if ours.get("error") or ours.get("median") is None:
        return "MISSED (failed)"
    misses = []
    if ours["median"] > target["median"]:
        misses.append(f"median > {fmt_seconds(target['median'])}")
    if "p95" in target and ours["p95"] > target["p95"]:
        misses.append(f"p95 > {fmt_seconds(target['p95'])}")
    ratio, lower_bound = _ratio(case)
    if "ratio" in target and ratio is not None and not lower_bound and ratio < target["ratio"]:
        misses.append(f"< {target['ratio']}x baseline")
    return "MISSED: " + ", ".join(misses) if misses else "met"


def _side(stats: dict | None) -> tuple[str, str]:
    if not stats:
        return "—", "—"
    if stats.get("error"):
        return "failed: " + stats["error"][:60], "—"
    if stats.get("capped") and not stats.get("runs"):
        return f"> {stats['cap']:.0f} s", "—"
    return fmt_seconds(stats.get("median")), fmt_seconds(stats.get("p95"))


def _ratio_text(case: dict) -> str:
    ratio, lower_bound = _ratio(case)
    if ratio is None:
        return "—"
    return f"{'> ' if lower_bound else ''}{ratio:.1f}x"


def page_table(cases: list[dict]) -> list[str]:
    lines = [
        "| size | endpoint | case | median | p95 | queries | baseline median | baseline p95 | baseline queries "
        "| ratio | target (at 1m) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        ours, base = case.get("ours"), case.get("baseline")
        om, op = _side(ours)
        bm, bp = _side(base)
        oq = (ours or {}).get("extra", {}).get("queries", "—")
        features = (ours or {}).get("extra", {}).get("features")
        if features is not None:
            oq = f"{oq} ({features} {(ours['extra'].get('mode') or 'features')})"
        bq = (base or {}).get("extra", {}).get("queries", "—") if base else "—"
        lines.append(
            f"| {case['size']} | {case['group']} | {case['name']} | {om} | {op} | {oq} | {bm} | {bp} | {bq} "
            f"| {_ratio_text(case)} | {verdict(case) if case['size'] == '1m' else ''} |"
        )
    return lines


def export_table(cases: list[dict]) -> list[str]:
    lines = [
        "| size | export | rows | median | first byte | first rows | peak RSS (growth) | baseline median "
        "| baseline first byte | baseline peak RSS (growth) | ratio | target (at 1m) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        ours, base = case.get("ours") or {}, case.get("baseline") or {}
        oe, be = ours.get("extra", {}), base.get("extra", {})
        rows = oe.get("rows", "—")
        judged = ""
        if case["size"] == "1m":
            misses = []
            if not ours.get("median") or ours["median"] > EXPORT_TARGET["seconds"]:
                misses.append("time > 5 s")
            if oe.get("rss_peak", 0) >= EXPORT_TARGET["rss"]:
                misses.append("peak ≥ 250 MB")
            judged = "MISSED: " + ", ".join(misses) if misses else "met"

        def rss(extra):
            if "rss_peak" not in extra:
                return "—"
            return f"{fmt_bytes(extra['rss_peak'])} (+{fmt_bytes(extra['rss_peak'] - extra['rss_before'])})"

        lines.append(
            f"| {case['size']} | {case['name']} | {rows:,} | {_side(ours)[0]} | {fmt_seconds(oe.get('first_byte'))} "
            f"| {fmt_seconds(oe.get('first_data'))} | {rss(oe)} | {_side(base)[0]} "
            f"| {fmt_seconds(be.get('first_byte'))} | {rss(be)} | {_ratio_text(case)} | {judged} |"
        )
    return lines


def slowest_steps(least: dict, n: int = 3) -> list[tuple[str, float]]:
    """The `n` costliest steps of an import's floor (benchmarks/floor.py): ("COPY table" or an
    index's name, seconds)."""
    steps = []
    for table, part in least["tables"].items():
        steps.append((f"COPY {table}", part["copy"]))
        steps.extend(part["indexes"].items())
    return sorted(steps, key=lambda step: -step[1])[:n]


def import_table(cases: list[dict]) -> list[str]:
    lines = [
        "| dataset | rows | new: time | new: rows/s | again (unchanged): rows/s | baseline (row by row) rows/s "
        "| ratio | floor: the database alone | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    floors = []
    for case in cases:
        ours, base = case["ours"], case["baseline"]
        new, again = ours["new"], ours["again"]
        rate = new["rows"] / new["seconds"]
        base_rate = base["rows"] / base["seconds"] if base["seconds"] else 0
        stopped = "" if base["finished"] else f", stopped after {base['rows']:,} rows"
        ratio = rate / base_rate if base_rate else None
        misses = []
        if rate < IMPORT_TARGET["rows_per_second"]:
            misses.append("< 20,000 rows/s")
        if ratio is not None and ratio < IMPORT_TARGET["ratio"]:
            misses.append("< 20x baseline")
        least = ours.get("floor")
        ceiling = f"{least['rows_per_second']:,.0f} rows/s at most" if least and least["rows_per_second"] else "—"
        if least:
            steps = ", ".join(f"{name} {fmt_seconds(seconds)}" for name, seconds in slowest_steps(least))
            floors.append(
                f"- {case['dataset']}: {fmt_seconds(least['seconds'])} ({fmt_seconds(least['copy'])} of COPY into "
                f"{len(least['tables'])} bare tables, {fmt_seconds(least['indexes'])} building their indexes); "
                f"costliest: {steps}."
            )
        lines.append(
            f"| {case['dataset']} ({case['file']}) | {new['rows']:,} | {fmt_seconds(new['seconds'])} | {rate:,.0f} "
            f"| {again['rows'] / again['seconds']:,.0f} | {base_rate:,.0f}{stopped} "
            f"| {f'{ratio:.1f}x' if ratio else '—'} "
            f"| {ceiling} "
            f"| {'MISSED: ' + ', '.join(misses) if misses else 'met'} |"
        )
    if floors:
        lines += [
            "",
            "The floor is what PostgreSQL alone needs for the rows each import wrote: one COPY per table into a "
            "bare copy of it, then each of its indexes built (benchmarks/floor.py). No importer can beat it with "
            "this schema on this machine.",
            "",
            *floors,
        ]
    return lines


def load_table(results: dict) -> list[str]:
    lines = [
        f"gunicorn: {results['workers']} workers; wrk: {results['connections']} connections for "
        f"{results['seconds']} s per scenario, 2 threads, on loopback.",
        "",
        "| scenario | requests | throughput | p50 | p90 | p99 | max | errors | worker RSS before → after "
        "| load average |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results["scenarios"].items():
        errors = sum(s["errors"].values())
        before, after = sum(s["rss_before"].values()), sum(s["rss_after"].values())
        lat = s["latency_us"]
        lines.append(
            f"| {name} | {s['requests']:,} | {s['requests_per_second']:.1f} req/s | {lat['p50'] / 1000:.0f} ms "
            f"| {lat['p90'] / 1000:.0f} ms | {lat['p99'] / 1000:.0f} ms | {lat['max'] / 1000:.0f} ms | {errors} "
            f"| {fmt_bytes(before)} → {fmt_bytes(after)} | {s['loadavg'][1][0]:.1f} |"
        )
    return lines


def browser_table(results: dict) -> list[str]:
    first, idle = results["first_markers_median"], results["idle_after_change_median"]
    lines = [
        "| visit | first markers | idle after filter change | change | mode after |",
        "|---|---|---|---|---|",
    ]
    for n, v in enumerate(results["visits"], start=1):
        lines.append(
            f"| {n} | {v['first_markers']:.2f} s | {v['idle_after_change']:.2f} s | {v['change']} "
            f"| {v['mode_after_change']} ({v['markers_after_change']} markers) |"
        )
    lines += [
        "",
        f"Median first markers {first:.2f} s (target ≤ {BROWSER_TARGET['first_markers']:.0f} s: "
        f"{'met' if first <= BROWSER_TARGET['first_markers'] else 'MISSED'}); median idle after a filter change "
        f"{idle:.2f} s (target ≤ {BROWSER_TARGET['idle_after_change']:.0f} s: "
        f"{'met' if idle <= BROWSER_TARGET['idle_after_change'] else 'MISSED'}). Largest map-data response: "
        f"{results['max_features']} features in {results['responses']} responses (bound {results['feature_bound']}).",
    ]
    return lines


def report(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB; Python {m['python']}, PostgreSQL "
        f"{m['postgresql']} ({', '.join(f'{k}={v}' for k, v in m['postgresql_settings'].items())}); commit "
        f"{m['commit']}; started {m['started']}; load average at start {m['loadavg_start'][0]:.1f}, at end "
        f"{results.get('loadavg_end', [0])[0]:.1f}.",
        "",
    ]
    if results.get("pages"):
        lines += ["### Map data, pages and API", "", *page_table(results["pages"]), ""]
    if results.get("exports"):
        lines += ["### Exports", "", *export_table(results["exports"]), ""]
    if results.get("imports"):
        lines += ["### Imports", "", *import_table(results["imports"]), ""]
    if results.get("extraction"):
        lines += ["### Report extraction", "", *extraction.table(results["extraction"]), ""]
    if results.get("load"):
        lines += [f"### Under load ({results['load']['database']})", "", *load_table(results["load"]), ""]
    if results.get("browser"):
        lines += [f"### In the browser ({results['browser']['database']})", "", *browser_table(results["browser"]), ""]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m", help="Comma-separated, of: " + ", ".join(data.SIZES))
    parser.add_argument("--skip", default="", help="Comma-separated parts to leave out, of: " + ", ".join(PARTS))
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs per case and side, at most.")
    parser.add_argument("--budget", type=float, default=6.0, help="Seconds of timed runs per case and side.")
    parser.add_argument("--cap", type=float, default=60.0, help="Seconds after which a baseline run is stopped.")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--acled-rows", type=int, default=ACLED_ROWS, help="Rows of the synthetic ACLED file.")
    parser.add_argument("--report", type=Path, help="Print the tables of a saved results file and stop.")
    args = parser.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text())))
        return
    sizes = [s for s in args.sizes.split(",") if s]
    skip = {s for s in args.skip.split(",") if s}
    unknown = (set(sizes) - set(data.SIZES)) | (skip - set(PARTS))
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")

    missing = []
    if "load" not in skip and shutil.which("wrk") is None:
        missing.append("wrk (apt-get install -y wrk), or --skip load")
    if "browser" not in skip and not Path("/usr/bin/chromium").exists():
        missing.append("/usr/bin/chromium (apt-get install -y chromium), or --skip browser")
    if missing:
        parser.error("missing: " + "; ".join(missing))

    started = time.monotonic()
    results = {"machine": machine(), "pages": [], "exports": []}
    data.log(f"machine: {results['machine']}")
    databases = {size: data.ensure_size(size) for size in sizes}
    data.collect_static()
    options = ["--repeat", str(args.repeat), "--budget", str(args.budget), "--cap", str(args.cap)]
    CACHE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        for size, database in databases.items():
            if "pages" not in skip:
                results["pages"] += run_pages(size, database, tmp, options)
            if "export" not in skip:
                results["exports"] += run_exports(size, database, tmp)
        if "import" not in skip:
            results["imports"] = run_imports(tmp, args.cap, args.acled_rows)
        if "extract" not in skip:
            data.log("== report extraction")
            results["extraction"] = worker(databases[sizes[0]], tmp / "extraction.json", "--extract")
    largest = databases[sizes[-1]]
    if "load" not in skip:
        from benchmarks import load

        results["load"] = load.run(largest, seconds=args.load_seconds)
    if "browser" not in skip:
        from benchmarks import browser

        results["browser"] = browser.run(largest)
    results["loadavg_end"] = os.getloadavg()
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    text = json.dumps(results, indent=1, default=str)
    (CACHE / "results.json").write_text(text)
    (CACHE / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.json").write_text(text)
    data.log(f"done in {results['minutes']} minutes; results in {CACHE / 'results.json'}")
    print(report(results))


if __name__ == "__main__":
    main()
