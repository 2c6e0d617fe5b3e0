"""Timing and memory: repeated runs after a warm-up, median and p95, a time cap, peak RSS."""

import math
import os
import signal
import statistics
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

_PAGE = os.sysconf("SC_PAGE_SIZE")


class Capped(Exception):
    """A run went past the time cap and was stopped."""


@contextmanager
def time_cap(seconds: float | None):
    """Raise Capped in the main thread once `seconds` have passed (SIGALRM: Unix, main thread only)."""
    if not seconds:
        yield
        return

    def stop(signum, frame):
        raise Capped()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE


class PeakRss:
    """The largest resident set size seen while the block runs, sampled every few milliseconds."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.before = self.peak = 0
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self):
        self.before = self.peak = rss_bytes()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was measured, never an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Stats:
    runs: int = 0
    median: float | None = None  # seconds
    p95: float | None = None
    minimum: float | None = None
    capped: bool = False  # stopped at the cap: the time is "more than cap"
    cap: float | None = None
    error: str = ""
    extra: dict = field(default_factory=dict)  # bytes, queries, first byte, peak memory...

    def as_dict(self) -> dict:
        return asdict(self)


def measure(
    run: Callable[[], dict | None],
    *,
    warmup: int = 2,
    repeat: int = 20,
    budget: float = 20.0,
    min_runs: int = 3,
    cap: float | None = 60.0,
    progress: Callable[[str], None] | None = None,
) -> Stats:
    """Run `run` `warmup` times untimed, then up to `repeat` times (fewer once `budget` seconds are
    spent, but at least `min_runs`). A run past `cap` stops the measurement: the result is capped.
    `run` may return a dict of figures; the last one is kept as `extra`."""
    stats = Stats(cap=cap)
    times: list[float] = []
    extra: dict = {}
    try:
        for _ in range(warmup):
            started = time.perf_counter()
            with time_cap(cap):
                run()
            if time.perf_counter() - started > budget:
                # Too slow to repeat much: the warm-up run is warm enough.
                break
        spent = 0.0
        while len(times) < repeat and (len(times) < min_runs or spent < budget):
            started = time.perf_counter()
            with time_cap(cap):
                extra = run() or extra
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            spent += elapsed
            if elapsed * min_runs > 3 * budget:
                break
    except Capped:
        stats.capped = True
    except Exception as exc:  # noqa: BLE001 - a failing case is reported, the others still run
        stats.error = f"{type(exc).__name__}: {exc}"[:300]
    if times:
        stats.runs = len(times)
        stats.median = statistics.median(times)
        stats.p95 = percentile(times, 95)
        stats.minimum = min(times)
    stats.extra = extra
    if progress:
        progress(_describe(stats))
    return stats


def _describe(stats: Stats) -> str:
    if stats.error:
        return f"error: {stats.error}"
    if stats.capped and not stats.runs:
        return f"> {stats.cap:.0f} s (stopped)"
    return f"median {fmt_seconds(stats.median)}, p95 {fmt_seconds(stats.p95)} over {stats.runs} runs"


def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(size: float | None) -> str:
    if size is None:
        return "—"
    return f"{size / 2**20:.0f} MB"
