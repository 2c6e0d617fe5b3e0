"""Under load: the site served by gunicorn (gunicorn.conf.py) on loopback, driven by wrk from a
second process, with the workers' memory read before and after.

    python -m benchmarks.load --database bench_1m [--seconds 60] [--connections 32]
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from benchmarks import data

WRK_DIR = Path(__file__).resolve().parent / "wrk"
SCENARIOS = {"map": "map.lua", "list": "list.lua"}
WARMUP_SECONDS = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def rss_of(pid: int) -> int:
    """Resident memory of a process in bytes (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except FileNotFoundError:
        pass
    return 0


def worker_memory(master: int) -> dict[int, int]:
    return {pid: rss_of(pid) for pid in _children(master)}


@contextmanager
def server(database: str, log_path: Path, **extra_env):
    """gunicorn serving the site on a free loopback port; yields (base URL, master pid)."""
    port = free_port()
    env = {**data.site_env(database), "GUNICORN_BIND": f"127.0.0.1:{port}", **extra_env}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=data.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process)
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/about/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {base} within {seconds:.0f} s")


def wrk(base: str, scenario: str, seconds: int, connections: int, group_id: int, threads: int = 2) -> dict:
    """One wrk run; its summary as the script's done() prints it."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_DIR / SCENARIOS[scenario]),
        base,
        "--",
        str(group_id),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    for line in done.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            summary = json.loads(line.removeprefix("WRK_JSON "))
            summary["requests_per_second"] = summary["requests"] / (summary["duration_us"] / 1e6)
            return summary
    raise RuntimeError(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")


def busiest_group(database: str) -> int:
    import psycopg

    with psycopg.connect(data.url(database)) as conn:
        row = conn.execute(
            "SELECT group_id FROM incidents_participation GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT 1"
        ).fetchone()
    return row[0] if row else 1


def run(database: str, seconds: int = 60, connections: int = 32, log=data.log) -> dict:
    group_id = busiest_group(database)
    log_path = data.ROOT / "benchmarks" / "cache" / "gunicorn.log"
    log_path.parent.mkdir(exist_ok=True)
    results = {"database": database, "seconds": seconds, "connections": connections, "scenarios": {}}
    with server(database, log_path) as (base, master):
        results["workers"] = len(_children(master))
        for scenario in SCENARIOS:
            log(f"load: {scenario}, {WARMUP_SECONDS} s warm-up")
            wrk(base, scenario, WARMUP_SECONDS, connections, group_id)
            before = worker_memory(master)
            load_before = os.getloadavg()
            log(f"load: {scenario}, {seconds} s x {connections} connections")
            summary = wrk(base, scenario, seconds, connections, group_id)
            after = worker_memory(master)
            summary.update(
                rss_before=before,
                rss_after=after,
                rss_growth=sum(after.values()) - sum(before.values()),
                workers_replaced=sorted(set(before) ^ set(after)),
                loadavg=[load_before, os.getloadavg()],
            )
            log(
                f"  {summary['requests_per_second']:.1f} req/s, p50 {summary['latency_us']['p50'] / 1000:.0f} ms, "
                f"p99 {summary['latency_us']['p99'] / 1000:.0f} ms, errors {summary['errors']}, "
                f"worker RSS {sum(before.values()) / 2**20:.0f} -> {sum(after.values()) / 2**20:.0f} MB"
            )
            results["scenarios"][scenario] = summary
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="bench_1m")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = run(args.database, args.seconds, args.connections)
    text = json.dumps(results, indent=1)
    if args.out:
        args.out.write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
