"""Report extraction against the report's length (extraction/extract.py): `make bench` runs it
in process on the benchmark database's lexicon (benchmarks.inprocess --extract).

Three texts at 10,000, 50,000 and 200,000 characters: wire reports from the extraction corpus one
after another ("news"), the same with their capitalised words swapped for invented ones, so people and
groups keep coming ("names"), and the corpus's words shuffled with no sentence punctuation ("junk").
Beside each, the floor: reading the text once, a lexicon look-up per word, which no extraction can
beat. Extraction is linear when its time per character stays the same as the text grows.
"""

import random
import re
import time

from benchmarks.data import ROOT

SIZES = (10_000, 50_000, 200_000)
KINDS = ("news", "names", "junk")
CORPUS = ROOT / "tests" / "data" / "reports"
SEED_REPORT = ROOT / "incidents" / "demo_data" / "report-2024-01-05-baghdad-strike.txt"
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_KEPT = frozenset(["The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "But", "And", "Since"])
_SYLLABLES = ("ka", "ta", "mu", "ra", "sa", "li", "ha", "di", "ba", "no", "ze", "fo", "qu", "yi", "we")


def bodies() -> list[str]:
    """The seed report and the corpus's reports, without their date lines."""
    paths = [SEED_REPORT, *sorted(CORPUS.glob("*.txt"))]
    return [_HEADER.sub("", path.read_text(encoding="utf-8")).strip() for path in paths]


def text(kind: str, size: int, seed: int = 1) -> str:
    """A report of `size` characters, dated 2024-01-05."""
    rnd = random.Random(seed)
    reports = bodies()
    if kind == "junk":
        words = re.findall(r"[A-Za-z'-]+", " ".join(reports))
        body = " ".join(rnd.choice(words) for _ in range(size // 4))
    else:
        names = ["".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 4))).capitalize() for _ in range(3000)]
        parts, length = [], 0
        while length < size:
            report = rnd.choice(reports)
            if kind == "names":
                report = _CAPITALISED.sub(
                    lambda m: m.group() if m.group() in _KEPT or rnd.random() < 0.3 else rnd.choice(names), report
                )
            parts.append(report)
            length += len(report) + 2
        body = "\n\n".join(parts)
    return ("date 2024-01-05\n\n" + body)[:size]


def floor(report: str, lexicon) -> int:
    """Read the text once: every word's matching key looked up in the lexicon."""
    from extraction.document import WORD
    from extraction.lexicon import matching_key

    return sum(matching_key(word.group()) in lexicon.prefixes for word in WORD.finditer(report))


def _best_of(runs: int, work, *args) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work(*args)
        best = min(best, time.perf_counter() - started)
    return best


def run(lexicon=None, runs: int = 3, sizes=SIZES, log=print) -> list[dict]:
    """Seconds to extract each text (best of `runs`) and to read it once."""
    from extraction.extract import extract
    from extraction.lexicon import build_lexicon

    lexicon = lexicon if lexicon is not None else build_lexicon()
    results = []
    for kind in KINDS:
        for size in sizes:
            report = text(kind, size)
            seconds = _best_of(runs, extract, report, lexicon)
            least = _best_of(runs, floor, report, lexicon)
            results.append({"group": "extract", "kind": kind, "chars": len(report), "seconds": seconds, "floor": least})
            log(f"extract {kind} {len(report):,} characters: {seconds:.2f} s (floor {least:.3f} s)")
    return results


def table(results: list[dict]) -> list[str]:
    lines = [
        "| text | characters | extraction | µs per character | per character vs the smallest | floor (read once) "
        "| x floor |",
        "|---|---|---|---|---|---|---|",
    ]
    smallest = {}
    for r in results:
        per_char = r["seconds"] / r["chars"]
        first = smallest.setdefault(r["kind"], per_char)
        lines.append(
            f"| {r['kind']} | {r['chars']:,} | {r['seconds']:.2f} s | {per_char * 1e6:.1f} | {per_char / first:.2f}x "
            f"| {r['floor'] * 1000:.0f} ms | {r['seconds'] / r['floor']:.0f}x |"
        )
    return lines


def main() -> None:
    """`python -m benchmarks.extraction`: the table alone, on the database DATABASE_URL names (SQLite unset)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print("\n".join(table(run())))


if __name__ == "__main__":
    main()
