"""Scoring the extractor's proposals, for the extraction tests: each field's items matched with what a careful
reader extracts, summed into tables of precision and recall; where the reports and docs/extraction.md are; and
a proposal's item found by name."""

import os
import re
from pathlib import Path

from extraction.extract import extract
from extraction.lexicon import Lexicon
from incidents.actor_catalogue import read_catalogue
from incidents.text import normalise_name

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "data" / "reports"
DOCS = ROOT / "docs" / "extraction.md"


def _key(text: str) -> str:
    """A name compared without its article, "U.S." and "US" written out ("US Central Command" is "United States
    Central Command")."""
    key = normalise_name(re.sub(r"^(?:the|a|an)\s+", "", text or "", flags=re.IGNORECASE))
    return re.sub(r"\b(?:u s|us)\b", "united states", key)


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split() if word not in ("of", "for", "and", "the", "in"))


def same_name(expected: str, got: str) -> bool:
    """Names and descriptions: equal once normalised, one inside the other, one the other's initials ("the SDF",
    "Syrian Democratic Forces"), or the same surname."""
    a, b = _key(expected), _key(got)
    if not a or not b:
        return a == b
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    short, long = sorted((a, b), key=len)
    if " " not in short and 2 <= len(short) <= 6 and " " in long and _initials(long) == short:
        return True
    a_words, b_words = a.split(), b.split()
    return a_words[-1] == b_words[-1] and (a_words[0].startswith(b_words[0]) or b_words[0].startswith(a_words[0]))


def _statement_match(expected: dict, got: dict) -> bool:
    return _key(got["quote"]).startswith(_key(expected["quote"]))


def _place_class(kind: str | None) -> str:
    return kind if kind in ("governorate", "country") else "place"


def _place_match(expected: dict, got: dict) -> bool:
    """Name (the gazetteer's, or as the text spells it: "Tal Rifaat" for Tall Rif‘at) and class (place,
    governorate, country); and whether the gazetteer knew it, where the file says."""
    kind_ok = _place_class(got.get("kind")) == _place_class(expected.get("kind"))
    matched_ok = expected.get("matched", got["matched"]) == got["matched"]
    named = same_name(expected["name"], got["name"]) or same_name(expected["name"], got.get("text", ""))
    return kind_ok and matched_ok and named


# The brief names a group "as the catalogue names it when it is there", and otherwise by the text's own name.
CATALOGUE_NAMES = {entry.name for entry in read_catalogue()}


def group_match(expected_name: str, got: dict) -> bool:
    """The group's name; or, for a group the catalogue does not hold ("Iran-aligned militias (unidentified)" found
    as "pro-Iran fighters"), the text's spelling of it."""
    if same_name(expected_name, got["name"]):
        return True
    return got["name"] not in CATALOGUE_NAMES and same_name(expected_name, got.get("text", ""))


def person_match(expected_name: str, got: dict) -> bool:
    """The person's name, or, for one the lexicon knows by another ("Rami Abdulrahman" found as Rami Abdel Rahman,
    "Abu Mohammad al-Jolani" as Ahmed al-Sharaa), the text's spelling of it."""
    return same_name(expected_name, got["name"]) or same_name(expected_name, got.get("text", ""))


def _claim_key(item: dict) -> tuple:
    return (item["outcome"], item["category"], item["min"], item["max"])


def _group_roles(groups: list[dict]) -> list[dict]:
    pairs = {(g["name"], g.get("text", ""), r if isinstance(r, str) else r["role"]) for g in groups for r in g["roles"]}
    return [{"name": name, "text": text, "role": role} for name, text, role in sorted(pairs)]


def _event(item) -> list[dict]:
    return [item] if item else []


def _either(expected, got: str, text: str = "") -> bool:
    """The name proposed is one the expected file accepts (for a group the catalogue does not hold, by the text's
    spelling of it too, as `group_match` accepts it); an empty list there, like "", accepts none named."""
    options = (expected or [""]) if isinstance(expected, list) else [expected]
    return any(group_match(option, {"name": got, "text": text}) if option else not got for option in options)


def _event_of(proposal: dict) -> list[dict]:
    """The proposed event, with the text's spelling of the groups it names as perpetrator and target."""
    event = proposal["event_type"]
    if not event:
        return []
    texts = {group["name"]: group.get("text", "") for group in proposal["groups"]}
    return [
        {
            **event,
            "perpetrator_text": texts.get(event["perpetrator"], ""),
            "target_text": texts.get(event["target"], ""),
        }
    ]


# field: (expected items, proposed items, do they match)
FIELDS = {
    "dates": (
        lambda e: e["dates"],
        lambda p: p["dates"],
        lambda e, g: (e["start"], e["end"], e["precision"]) == (g["start"], g["end"], g["precision"]),
    ),
    "date roles": (
        lambda e: e["dates"],
        lambda p: p["dates"],
        lambda e, g: (
            (e["start"], e["end"], e["precision"], e["role"]) == (g["start"], g["end"], g["precision"], g["role"])
        ),
    ),
    "incident date and time": (
        lambda e: [d for d in e["dates"] if d["role"] == "incident"],
        lambda p: [d for d in p["dates"] if d["role"] == "incident"],
        lambda e, g: (
            e["start"] == g["start"]
            and e.get("time_utc") == g["time_utc"]
            and (e.get("time_approximate") is None or e["time_approximate"] == g["time_approximate"])
        ),
    ),
    "places": (lambda e: e["places"], lambda p: p["places"], _place_match),
    "groups": (
        lambda e: e["groups"],
        lambda p: p["groups"],
        lambda e, g: group_match(e["name"], g) and e.get("matched", g["matched"]) == g["matched"],
    ),
    "group roles": (
        lambda e: _group_roles(e["groups"]),
        lambda p: _group_roles(p["groups"]),
        lambda e, g: group_match(e["name"], g) and e["role"] == g["role"],
    ),
    "people": (lambda e: e["people"], lambda p: p["people"], lambda e, g: person_match(e["name"], g)),
    "people roles": (
        lambda e: e["people"],
        lambda p: p["people"],
        lambda e, g: person_match(e["name"], g) and e["role_kind"] == g["role_kind"],
    ),
    "casualty claims": (
        lambda e: e["casualty_claims"],
        lambda p: p["casualty_claims"],
        lambda e, g: _claim_key(e) == _claim_key(g),
    ),
    "claimants": (
        lambda e: e["casualty_claims"],
        lambda p: p["casualty_claims"],
        # The body and the person who spoke for it ("the Joint Operations Command spokesman X said"): either.
        lambda e, g: (
            _claim_key(e) == _claim_key(g)
            and any(same_name(e["claimant"], name) for name in (g["claimant"], g["claimant_person"]) if name)
            or _claim_key(e) == _claim_key(g)
            and not e["claimant"]
            and not g["claimant"]
            and not g["claimant_person"]
        ),
    ),
    "statements": (lambda e: e["statements"], lambda p: p["statements"], _statement_match),
    "speakers": (
        lambda e: e["statements"],
        lambda p: p["statements"],
        lambda e, g: (
            _statement_match(e, g) and (same_name(e["speaker"], g["speaker"]) or same_name(e["speaker"], g["body"]))
        ),
    ),
    "stances": (
        lambda e: e["statements"],
        lambda p: p["statements"],
        lambda e, g: _statement_match(e, g) and g["stance"] in e["stance"],
    ),
    "event type": (
        lambda e: _event(e["event_type"]),
        lambda p: _event(p["event_type"]),
        lambda e, g: (e["event_type"], e["sub_event_type"]) == (g["event_type"], g["sub_event_type"]),
    ),
    "perpetrator and target": (
        lambda e: _event(e["event_type"]),
        _event_of,
        lambda e, g: (
            _either(e["perpetrator"], g["perpetrator"], g["perpetrator_text"])
            and _either(e["target"], g["target"], g["target_text"])
        ),
    ),
    "means": (
        lambda e: [{"means": m} for m in e["means"]],
        lambda p: p["means"],
        lambda e, g: e["means"] == g["means"],
    ),
}


def compare(expected: dict, proposal: dict) -> dict[str, tuple[int, int, int]]:
    """Per field: (matched, proposed, expected), each expected item matched to at most one proposed item."""
    counts = {}
    for name, (expected_items, proposed_items, matches) in FIELDS.items():
        wanted, got = expected_items(expected), list(proposed_items(proposal))
        hits = 0
        for item in wanted:
            found = next((g for g in got if matches(item, g)), None)
            if found is not None:
                got.remove(found)
                hits += 1
        counts[name] = (hits, len(proposed_items(proposal)), len(wanted))
    return counts


def measure_reports(
    lexicon: Lexicon, reports: list[tuple[str, str, dict]], prepare=lambda proposal: proposal
) -> tuple[dict[str, tuple[int, int, int]], dict[str, dict]]:
    """Per field, (matched, proposed, expected) summed over the reports; and the counts of each report.

    `prepare` may leave out of a proposal what the expected files do not list."""
    totals: dict[str, list[int]] = {name: [0, 0, 0] for name in FIELDS}
    per_report = {}
    for name, text, expected in reports:
        counts = compare(expected, prepare(extract(text, lexicon).as_dict()))
        per_report[name] = counts
        for field, values in counts.items():
            totals[field] = [a + b for a, b in zip(totals[field], values, strict=True)]
    return {name: tuple(v) for name, v in totals.items()}, per_report


def table(totals: dict[str, tuple[int, int, int]]) -> str:
    lines = ["| field | expected | proposed | matched | precision | recall |", "|---|---:|---:|---:|---:|---:|"]
    for name, (hits, proposed, wanted) in totals.items():
        precision = f"{hits / proposed:.2f}" if proposed else "–"
        recall = f"{hits / wanted:.2f}" if wanted else "–"
        lines.append(f"| {name} | {wanted} | {proposed} | {hits} | {precision} | {recall} |")
    return "\n".join(lines)


def combined(*parts: dict[str, tuple[int, int, int]]) -> dict[str, tuple[int, int, int]]:
    return {name: tuple(sum(values) for values in zip(*(p[name] for p in parts), strict=True)) for name in FIELDS}


def _ratios(counts: tuple[int, int, int]) -> tuple[float, float]:
    hits, proposed, wanted = counts
    return (hits / proposed if proposed else 1.0, hits / wanted if wanted else 1.0)


def check_doc_tables(tables: dict[str, dict[str, tuple[int, int, int]]]):
    """docs/extraction.md holds each table between its markers (<!-- table:NAME -->); with
    UPDATE_EXTRACTION_DOCS set, write them there first."""
    doc = DOCS.read_text(encoding="utf-8")
    for name, totals in tables.items():
        begin, end = f"<!-- table:{name} -->", f"<!-- /table:{name} -->"
        head, _, rest = doc.partition(begin)
        assert rest, f"docs/extraction.md lacks {begin}"
        _, _, tail = rest.partition(end)
        doc = f"{head}{begin}\n{table(totals)}\n{end}{tail}"
    if os.environ.get("UPDATE_EXTRACTION_DOCS"):
        DOCS.write_text(doc, encoding="utf-8")
    assert doc == DOCS.read_text(encoding="utf-8"), "docs/extraction.md is out of date: see the test module's docstring"


def check_spans(lexicon: Lexicon, reports: list[tuple[str, str, dict]]):
    """Every item's text is what its spans point at, and every span lies within its report."""
    for name, text, _ in reports:
        data = extract(text, lexicon).as_dict()
        for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
            for item in data[field]:
                assert item["text"] in {text[s:e] for s, e in item["spans"]}, (name, field, item["text"])
                for start, end in spans_of(item):
                    assert 0 <= start < end <= len(text), (name, field)


def spans_of(item: dict) -> list[list[int]]:
    return [*item.get("spans", []), *item.get("time_spans", []), *item.get("claimant_spans", [])]


def by_name(items, name):
    return next(item for item in items if item.name == name)
