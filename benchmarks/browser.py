"""In the browser: the map page over the benchmark database, served by gunicorn, in headless
Chromium driven by Playwright. A measurement, not a pass/fail test.

Per visit: the time from navigation to the first markers drawn, and from a filter change to the
map being idle again (its data and histogram drawn: `#map[aria-busy=false]`). Every map-data
response is read to count the features it carried: the page must never receive more than a
bounded number of them, however many incidents match. The map's answer cache is off, so each
visit measures the work, not a cache hit.

    python -m benchmarks.browser --database bench_1m [--visits 5]
"""

import argparse
import contextlib
import json
import statistics
import time
from pathlib import Path

from benchmarks import data, load

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
MARKERS = "#map .incident-marker, #map .cluster-marker"
# A selector, not a predicate: wait_for_function would eval it in the page, which the CSP forbids.
IDLE = '#map[aria-busy="false"]'
# One filter change per visit, in turn: an event type, then a governorate, then a date range.
FILTER_CHANGES = [
    ("event type: Battles", "check", 'input[name="event_type"][value="battles"]', None),
    ("governorate: Baghdad", "select", 'select[name="governorate"]', "IQ-BG"),
    ("from 2016-10-17", "fill", 'input[name="date_from"]', "2016-10-17"),
]
# What maps.counting promises: at most POINT_LIMIT points or MAX_CELLS clusters per response.
FEATURE_BOUND = 2500


def _change(page, action: str, selector: str, value: str | None) -> None:
    if action == "check":
        page.check(selector)
    elif action == "select":
        page.select_option(selector, value)
    else:
        page.fill(selector, value)
        page.dispatch_event(selector, "change")


def visit(browser, base: str, change, features: list[int], timeout_ms: int = 60_000) -> dict:
    """One visit in a fresh context (nothing cached): navigate, wait for markers, change a filter,
    wait for the map to be idle."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)

    def on_response(response):
        if "/map/data/" in response.url and response.status == 200:
            # A response the page navigated away from has no body left to read.
            with contextlib.suppress(Exception):
                features.append(len(response.json().get("features", [])))

    page.on("response", on_response)
    started = time.perf_counter()
    page.goto(f"{base}/", wait_until="commit")
    page.wait_for_selector(MARKERS, state="attached")
    first_markers = time.perf_counter() - started
    page.wait_for_selector(IDLE, state="attached")
    loaded_idle = time.perf_counter() - started

    label, action, selector, value = change
    filters_box = page.locator("#filters-box")
    if filters_box.get_attribute("open") is None:
        page.click("#filters-box > summary")
    with page.expect_response(lambda r: "/map/data/" in r.url) as answered:
        changed = time.perf_counter()
        _change(page, action, selector, value)
    answered.value.finished()
    page.wait_for_selector(IDLE, state="attached")
    after_change = time.perf_counter() - changed
    mode = page.get_attribute("#map", "data-mode")
    count = page.locator(MARKERS).count()
    context.close()
    return {
        "first_markers": first_markers,
        "loaded_idle": loaded_idle,
        "change": label,
        "idle_after_change": after_change,
        "mode_after_change": mode,
        "markers_after_change": count,
    }


def run(database: str, visits: int = 5, log=data.log) -> dict:
    from playwright.sync_api import sync_playwright

    log_path = data.ROOT / "benchmarks" / "cache" / "gunicorn-browser.log"
    log_path.parent.mkdir(exist_ok=True)
    features: list[int] = []
    results = []
    # Every visit asks the server afresh, as the first visitor after a change would.
    with load.server(database, log_path, MAP_CACHE_SECONDS="0") as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in range(visits):
                change = FILTER_CHANGES[n % len(FILTER_CHANGES)]
                outcome = visit(browser, base, change, features)
                log(
                    f"browser: visit {n + 1}: first markers {outcome['first_markers']:.2f} s, "
                    f"idle {outcome['idle_after_change']:.2f} s after {outcome['change']}"
                )
                results.append(outcome)
        finally:
            browser.close()
    return {
        "database": database,
        "visits": results,
        "first_markers_median": statistics.median(r["first_markers"] for r in results),
        "idle_after_change_median": statistics.median(r["idle_after_change"] for r in results),
        "first_markers_max": max(r["first_markers"] for r in results),
        "idle_after_change_max": max(r["idle_after_change"] for r in results),
        "responses": len(features),
        "max_features": max(features, default=0),
        "feature_bound": FEATURE_BOUND,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="bench_1m")
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    text = json.dumps(run(args.database, args.visits), indent=1)
    if args.out:
        args.out.write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
