"""The report extraction assistant: extraction/ (extract.py and its finders, lexicon.py) and manage.py extract_report.

The corpus under tests/data/reports/ holds wire-style reports, each with the hand-written JSON of
what a careful reader extracts; test_corpus_precision_and_recall measures the extractor against them
field by field. Regenerate the table in docs/extraction.md with

    UPDATE_EXTRACTION_DOCS=1 .venv/bin/python -m pytest tests/extraction/test_extract_report.py -k corpus
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from extraction.dates import resolve_date, resolve_time
from extraction.extract import extract
from extraction.header import decode_report
from extraction.lexicon import GroupEntry, Lexicon, PersonEntry, PlaceEntry, build_lexicon
from extraction.numbers import parse_number
from extraction.proposal import ExtractionError
from extraction.stance import guess_stance
from incidents.demo import REPORT_FILE, load_demo
from incidents.models import ArmedGroup, GroupAlias
from incidents.models.choices import GroupKind
from incidents.text import normalise_name

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "data" / "reports"
DOCS = ROOT / "docs" / "extraction.md"
US, NUJABA = "United States Armed Forces", "Harakat al-Nujaba"

# Groups a researcher would have recorded before these reports came in. Kataib Sayyid al-Shuhada and
# Saraya Awliya al-Dam are left out on purpose: the extractor must propose them as new.
REFERENCE_GROUPS = [
    (
        "Kataib Hezbollah",
        "KH",
        GroupKind.STATE_ALIGNED_MILITIA,
        ["Kata'ib Hizballah", "Kataib Hizbollah", "Kata'ib Hezbollah"],
    ),
    ("Islamic Resistance in Iraq", "", GroupKind.COALITION, ["Islamic Resistance of Iraq"]),
    ("Kurdistan Workers' Party", "PKK", GroupKind.NON_STATE, ["Kurdistan Workers Party"]),
    ("Turkish Armed Forces", "", GroupKind.STATE_FORCE, ["Turkish military", "Turkish army", "Turkish forces"]),
    ("Syrian Democratic Forces", "SDF", GroupKind.NON_STATE, []),
    ("Islamic Revolutionary Guard Corps", "IRGC", GroupKind.STATE_FORCE, ["Revolutionary Guards"]),
    (
        "Iraqi Security Forces",
        "ISF",
        GroupKind.STATE_FORCE,
        ["Iraqi army", "Iraqi forces", "Iraqi troops", "Iraqi military"],
    ),
    (
        "Popular Mobilization Forces",
        "PMF",
        GroupKind.STATE_ALIGNED_MILITIA,
        ["Popular Mobilisation Forces", "Hashd al-Shaabi"],
    ),
    ("Israel Defense Forces", "IDF", GroupKind.STATE_FORCE, ["Israeli military", "Israeli army"]),
    ("Syrian Arab Army", "", GroupKind.STATE_FORCE, ["Syrian army", "Syrian government forces"]),
]
# Other names staff would have added to the demo's groups.
REFERENCE_ALIASES = [
    (
        "Iran-aligned militias (unidentified)",
        ["Iran-backed militants", "Iran-backed militias", "Iran-backed militant groups", "pro-Iran groups"],
    ),
]


def corpus_lexicon() -> Lexicon:
    load_demo()
    for name, abbreviation, kind, aliases in REFERENCE_GROUPS:
        group = ArmedGroup.objects.create(name=name, abbreviation=abbreviation, kind=kind)
        for alias in aliases:
            GroupAlias.objects.create(group=group, name=alias)
    for name, aliases in REFERENCE_ALIASES:
        group = ArmedGroup.objects.get(name=name)
        for alias in aliases:
            GroupAlias.objects.create(group=group, name=alias)
    return build_lexicon()


def corpus(prefix: str = "r") -> list[tuple[str, str, dict]]:
    """The reports written while building the extractor ("r", with the seed) or after it ("h": held out)."""
    reports = []
    if prefix == "r":
        reports.append(
            ("seed", REPORT_FILE.read_text(encoding="utf-8"), json.loads((CORPUS / "seed.json").read_text()))
        )
    for path in sorted(CORPUS.glob(f"{prefix}*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        reports.append((path.stem, path.read_text(encoding="utf-8"), expected))
    return reports


# ---------------------------------------------------------------------------------------------
# Comparing a proposal with what a careful reader extracts
# ---------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return normalise_name(re.sub(r"^(?:the|a|an)\s+", "", text or "", flags=re.IGNORECASE))


def same_name(expected: str, got: str) -> bool:
    """Names and descriptions: equal once normalised, one inside the other, or the same surname."""
    a, b = _key(expected), _key(got)
    if not a or not b:
        return a == b
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
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


def _claim_key(item: dict) -> tuple:
    return (item["outcome"], item["category"], item["min"], item["max"])


def _group_roles(groups: list[dict]) -> list[dict]:
    pairs = {(g["name"], r if isinstance(r, str) else r["role"]) for g in groups for r in g["roles"]}
    return [{"name": name, "role": role} for name, role in sorted(pairs)]


def _event(item) -> list[dict]:
    return [item] if item else []


def _either(expected, got: str) -> bool:
    """The name proposed is one the expected file accepts; an empty list there, like "", accepts none named."""
    options = (expected or [""]) if isinstance(expected, list) else [expected]
    return any(same_name(option, got) if option else not got for option in options)


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
        lambda e, g: same_name(e["name"], g["name"]) and e.get("matched", g["matched"]) == g["matched"],
    ),
    "group roles": (
        lambda e: _group_roles(e["groups"]),
        lambda p: _group_roles(p["groups"]),
        lambda e, g: same_name(e["name"], g["name"]) and e["role"] == g["role"],
    ),
    "people": (lambda e: e["people"], lambda p: p["people"], lambda e, g: same_name(e["name"], g["name"])),
    "people roles": (
        lambda e: e["people"],
        lambda p: p["people"],
        lambda e, g: same_name(e["name"], g["name"]) and e["role_kind"] == g["role_kind"],
    ),
    "casualty claims": (
        lambda e: e["casualty_claims"],
        lambda p: p["casualty_claims"],
        lambda e, g: _claim_key(e) == _claim_key(g),
    ),
    "claimants": (
        lambda e: e["casualty_claims"],
        lambda p: p["casualty_claims"],
        lambda e, g: _claim_key(e) == _claim_key(g) and same_name(e["claimant"], g["claimant"] or g["claimant_person"]),
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
        lambda p: _event(p["event_type"]),
        lambda e, g: _either(e["perpetrator"], g["perpetrator"]) and _either(e["target"], g["target"]),
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


def measure(lexicon: Lexicon, prefix: str = "r") -> tuple[dict[str, tuple[int, int, int]], dict[str, dict]]:
    return measure_reports(lexicon, corpus(prefix))


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


def spans_of(item: dict) -> list[list[int]]:
    return [*item.get("spans", []), *item.get("time_spans", []), *item.get("claimant_spans", [])]


# ---------------------------------------------------------------------------------------------
# The seed report
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def demo_lexicon(db) -> Lexicon:
    load_demo()
    return build_lexicon()


@pytest.fixture
def seed(demo_lexicon):
    text = REPORT_FILE.read_text(encoding="utf-8")
    return text, extract(text, demo_lexicon)


def by_name(items, name):
    return next(item for item in items if item.name == name)


def test_seed_incident_date_and_time(seed):
    text, proposal = seed
    incident = proposal.incident_date
    assert (incident.start, incident.end, incident.precision) == ("2024-01-04", "2024-01-04", "day")
    assert (incident.time_utc, incident.time_approximate) == ("09:00", True)
    assert text[slice(*incident.time_spans[0])] == "about 0900 GMT"
    assert {text[s:e] for s, e in incident.spans} == {"Thursday", "Thursday's"}
    december = next(d for d in proposal.dates if d.start == "2023-12-01")
    assert (december.end, december.precision, december.role) == ("2023-12-31", "month", "earlier")
    assert text[slice(*december.spans[0])] == "Last month"


def test_seed_place_is_eastern_baghdad(seed):
    text, proposal = seed
    baghdad = by_name(proposal.places, "Baghdad")
    assert baghdad.matched and baghdad.kind == "populated_place" and baghdad.qualifier == "eastern"
    assert (baghdad.governorate, baghdad.governorate_code, baghdad.country) == ("Baghdad", "IQ-BG", "Iraq")
    assert baghdad.latitude == pytest.approx(33.34, abs=0.01) and baghdad.longitude == pytest.approx(44.40, abs=0.01)
    assert "eastern Baghdad" in {text[s:e] for s, e in baghdad.spans}
    assert [(p.name, p.kind) for p in proposal.places] == [
        ("Baghdad", "populated_place"),
        ("Iraq", "country"),
        ("Syria", "country"),
        ("Gaza", "populated_place"),  # "Israel's campaign in Gaza"
    ]
    iraq = by_name(proposal.places, "Iraq")
    # "a move condemned by Iraq's government" is the state acting; "in Iraq and Syria" places it.
    assert {text[s:e] for s, e in iraq.spans} == {"Iraq"}
    assert text.index("Iraq's government") not in {s for s, _ in iraq.spans}
    assert text.index("in Iraq and Syria") + 3 in {s for s, _ in iraq.spans}
    assert iraq.country_code == "IQ" and iraq.latitude is None


def test_seed_groups_are_matched_with_their_roles(seed):
    text, proposal = seed
    names = [g.name for g in proposal.groups]
    assert {US, NUJABA, "Islamic State", "Iran-aligned militias (unidentified)"} == set(names)
    assert all(g.matched and g.id for g in proposal.groups)
    us, nujaba = by_name(proposal.groups, US), by_name(proposal.groups, NUJABA)
    assert {text[s:e] for s, e in us.spans} >= {"U.S. military"}
    assert {text[s:e] for s, e in nujaba.spans} >= {"Harakat al Nujaba", "Nujaba militia"}
    assert [(r.role, r.attribution) for r in us.roles] == [("perpetrator", "confirmed")]
    assert [r.role for r in nujaba.roles] == ["target"]
    assert (proposal.event_type.perpetrator, proposal.event_type.target) == (US, NUJABA)
    assert (proposal.event_type.event_type, proposal.event_type.sub_event_type) == (
        "remote_violence",
        "air_drone_strike",
    )


def test_seed_people_with_their_roles(seed):
    _, proposal = seed
    al_jawari = by_name(proposal.people, "Mushtaq Jawad Kazim al-Jawari")
    assert (al_jawari.role_kind, al_jawari.group) == ("leader", NUJABA)
    ryder = by_name(proposal.people, "Patrick Ryder")
    assert (ryder.title, ryder.role, ryder.role_kind, ryder.body) == (
        "Major General",
        "Pentagon spokesperson",
        "spokesperson",
        "Pentagon",
    )
    al_moussawi = by_name(proposal.people, "Abu Aqeel al-Moussawi")
    assert (al_moussawi.role, al_moussawi.role_kind) == ("local Iraqi militia commander", "commander")
    assert all(p.matched for p in proposal.people)


def test_seed_casualty_claims(seed):
    text, proposal = seed
    claims = [(c.outcome, c.category, c.min, c.max, c.claimant) for c in proposal.casualty_claims]
    assert claims == [
        ("killed", "combatants", 2, 2, "the Pentagon"),
        ("harmed", "civilians", 0, 0, "Pentagon"),
        ("killed", "all", 4, 4, "Police and militia sources"),
        ("injured", "security_forces", 3, 3, ""),
    ]
    pentagon = proposal.casualty_claims[0]
    assert pentagon.group == NUJABA and pentagon.claimant_person == "Patrick Ryder"
    assert [text[s:e] for s, e in pentagon.spans] == [
        "killed a militia leader",
        "killed one other Harakat al Nujaba member",
    ]
    assert proposal.casualty_claims[2].confirmed_by == ["Health sources"]
    assert proposal.casualty_claims[3].earlier_event


def test_seed_statements(seed):
    text, proposal = seed
    ryder, spokesperson, al_moussawi = proposal.statements
    assert ryder.quote.startswith(
        "The strike also killed one other Harakat al Nujaba member. No civilians were harmed."
    )
    assert (ryder.speaker, ryder.speaker_is_person, ryder.body) == ("Patrick Ryder", True, "Pentagon")
    assert ryder.stance in ("describes", "confirms") and len(ryder.spans) == 2
    assert spokesperson.quote == "unjustified attack on an Iraqi security entity"
    assert spokesperson.speaker == "military spokesperson for Iraqi Prime Minister Mohammed Shia al-Sudani"
    assert (spokesperson.speaker_is_person, spokesperson.stance) == (False, "condemns")
    assert al_moussawi.quote.startswith("We will retaliate and make the Americans regret")
    assert (al_moussawi.speaker, al_moussawi.stance) == ("Abu Aqeel al-Moussawi", "threatens")
    for statement in proposal.statements:
        assert text[slice(*statement.spans[0])].startswith(("“", '"'))


def test_seed_means(seed):
    _, proposal = seed
    assert [m.means for m in proposal.means] == ["drone", "rocket"]


def test_every_span_points_at_its_text(seed):
    text, proposal = seed
    data = proposal.as_dict()
    for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
        for item in data[field]:
            assert item["text"] in {text[s:e] for s, e in item["spans"]}, (field, item["text"])
            for start, end in spans_of(item):
                assert 0 <= start < end <= len(text)


# ---------------------------------------------------------------------------------------------
# The corpus: precision and recall per field
# ---------------------------------------------------------------------------------------------

# What the extractor reaches on all reports (seed, r*, h*), rounded down; a change that loses ground fails.
FLOORS = {
    "dates": (0.95, 0.95),
    "date roles": (0.95, 0.95),
    "incident date and time": (0.95, 0.95),
    "places": (0.95, 0.95),
    "groups": (0.95, 0.9),
    "group roles": (0.95, 0.8),
    "people": (0.95, 0.95),
    "people roles": (0.9, 0.9),
    "casualty claims": (0.95, 0.95),
    "claimants": (0.95, 0.95),
    "statements": (0.95, 0.95),
    "speakers": (0.95, 0.95),
    "stances": (0.9, 0.9),
    "event type": (0.95, 0.9),
    "perpetrator and target": (0.7, 0.65),
    "means": (0.95, 0.95),
}

DOC_MARKERS = {
    "development": ("<!-- table:development -->", "<!-- /table:development -->"),
    "held-out": ("<!-- table:held-out -->", "<!-- /table:held-out -->"),
    "all": ("<!-- table:all -->", "<!-- /table:all -->"),
}


@pytest.mark.django_db
def test_corpus_precision_and_recall():
    lexicon = corpus_lexicon()
    development, _ = measure(lexicon, "r")
    held_out, _ = measure(lexicon, "h")
    tables = {"development": development, "held-out": held_out, "all": combined(development, held_out)}
    failures = []
    for name, (precision_floor, recall_floor) in FLOORS.items():
        precision, recall = _ratios(tables["all"][name])
        if precision < precision_floor or recall < recall_floor:
            failures.append(
                f"{name}: precision {precision:.2f} (floor {precision_floor}), recall {recall:.2f} (floor {recall_floor})"  # noqa: E501
            )
    assert not failures, failures
    assert all(_ratios(development[name])[1] >= 0.8 for name in FIELDS), table(development)

    doc = DOCS.read_text(encoding="utf-8")
    for name, (begin, end) in DOC_MARKERS.items():
        head, _, rest = doc.partition(begin)
        _, _, tail = rest.partition(end)
        doc = f"{head}{begin}\n{table(tables[name])}\n{end}{tail}"
    if os.environ.get("UPDATE_EXTRACTION_DOCS"):
        DOCS.write_text(doc, encoding="utf-8")
    assert doc == DOCS.read_text(encoding="utf-8"), "docs/extraction.md is out of date: see this module's docstring"


@pytest.mark.django_db
def test_corpus_spans_point_at_their_text():
    lexicon = corpus_lexicon()
    for name, text, _ in corpus("r") + corpus("h"):
        data = extract(text, lexicon).as_dict()
        for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
            for item in data[field]:
                assert item["text"] in {text[s:e] for s, e in item["spans"]}, (name, field, item["text"])
                for start, end in spans_of(item):
                    assert 0 <= start < end <= len(text), (name, field)


# ---------------------------------------------------------------------------------------------
# Without the database: a lexicon built by hand
# ---------------------------------------------------------------------------------------------

HAND_LEXICON = Lexicon(
    places=[
        PlaceEntry(
            1,
            "Erbil",
            "populated_place",
            "IQ",
            "Iraq",
            "IQ-AR",
            "Erbil",
            36.19,
            44.01,
            1_600_000,
            ("Arbil", "Irbil"),
            "أربيل",
        ),
        PlaceEntry(
            2,
            "Al Asad Air Base",
            "military_base",
            "IQ",
            "Iraq",
            "IQ-AN",
            "Al Anbar",
            33.79,
            42.44,
            0,
            ("Ain al-Asad", "Ayn al-Asad"),
            "قاعدة عين الأسد الجوية",
        ),
        PlaceEntry(
            3, "Hīt", "populated_place", "IQ", "Iraq", "IQ-AN", "Al Anbar", 33.64, 42.83, 31_901, ("Hit",), "هيت"
        ),
    ],
    governorates=[
        PlaceEntry(10, "Erbil", "governorate", "IQ", "Iraq", "IQ-AR", "Erbil", alternate_names=("Arbil", "Irbil"))
    ],
    groups=[
        GroupEntry(5, "Kataib Hezbollah", ("Kata'ib Hizballah",), "كتائب حزب الله", "KH"),
        GroupEntry(6, "Islamic State", ("ISIS", "Daesh"), "", "IS"),
    ],
    people=[PersonEntry(7, "Abu Ali al-Askari", ("Abu Ali al Askari",))],
)


def hand(text: str, published: str = "2024-01-05"):
    return extract(f"date {published}\n{text}", HAND_LEXICON)


def test_hand_built_lexicon_matches_transliterations_and_arabic():
    text = "date 2024-01-05\nRockets hit Ayn al-Asad airbase and a drone fell in Irbil province. وقع الهجوم في أربيل"
    proposal = extract(text, HAND_LEXICON)
    names = [(p.name, p.kind) for p in proposal.places]
    assert names == [("Al Asad Air Base", "military_base"), ("Erbil", "governorate"), ("Erbil", "populated_place")]
    assert [text[s:e] for s, e in proposal.places[2].spans] == ["أربيل"]
    assert proposal.places[1].governorate_code == "IQ-AR" and proposal.places[1].latitude is None


def test_site_names_match_with_other_suffixes():
    proposal = hand("A drone attack targeted the Ain al-Asad air base on Tuesday.")
    assert [p.name for p in proposal.places] == ["Al Asad Air Base"]


def test_an_english_word_is_not_a_place():
    proposal = hand("The rockets hit a vehicle. Two were killed in Hit on Monday.")
    hit = [p for p in proposal.places if p.name == "Hīt"]
    assert len(hit) == 1 and len(hit[0].spans) == 1


def test_abbreviations_match_only_in_capitals():
    proposal = hand("This is what IS fighters did, Kata'ib Hizballah said.")
    assert {g.name for g in proposal.groups} == {"Islamic State", "Kataib Hezbollah"}
    assert len(by_name(proposal.groups, "Islamic State").spans) == 1


def test_unknown_group_like_names_are_proposed_as_new():
    proposal = hand("A group calling itself Saraya Awliya al-Dam claimed the drone attack on Erbil on Monday.")
    new = by_name(proposal.groups, "Saraya Awliya al-Dam")
    assert new.new and not new.matched and [r.role for r in new.roles] == ["perpetrator"]
    assert new.roles[0].attribution == "claimed"


def test_group_blamed_is_an_attributed_perpetrator():
    proposal = hand("U.S. officials blamed the attack on Kataib Hezbollah.")
    assert [(r.role, r.attribution) for r in by_name(proposal.groups, "Kataib Hezbollah").roles] == [
        ("perpetrator", "attributed")
    ]


def test_known_person_by_alias_and_surname():
    proposal = hand(
        '"We will respond," Abu Ali al Askari, a Kataib Hezbollah security official, said. Askari added more.'
    )
    person = by_name(proposal.people, "Abu Ali al-Askari")
    assert person.matched and person.id == 7 and person.group == "Kataib Hezbollah" and len(person.spans) == 2
    assert proposal.statements[0].speaker == "Abu Ali al-Askari" and proposal.statements[0].stance == "threatens"


def test_unknown_person_with_title():
    proposal = hand("Iraqi military spokesman Yehia Rasool condemned the strike on Monday.")
    person = by_name(proposal.people, "Yehia Rasool")
    assert not person.matched and person.role_kind == "spokesperson"


def test_dateline_place_and_outlet():
    proposal = hand("ERBIL, Iraq, Jan 5 (Reuters) - A drone was shot down near Erbil airport on Thursday.")
    assert proposal.outlet == "Reuters"
    assert by_name(proposal.places, "Erbil").dateline is False  # mentioned again in the body
    assert proposal.incident_date.start == "2024-01-04"
    assert proposal.warnings == []


def test_datelines_without_an_outlet_or_in_mixed_case_with_one():
    proposal = hand("ERBIL, IRAQ — A drone was shot down near the airport on Thursday.")
    assert by_name(proposal.places, "Erbil").dateline is True and proposal.outlet == ""
    proposal = hand("Erbil, Jan. 5, (dpa/GNA) – A drone was shot down on Thursday.")
    assert proposal.outlet == "dpa/GNA" and by_name(proposal.places, "Erbil").dateline is True
    assert [(d.start, d.role) for d in proposal.dates] == [("2024-01-04", "incident")]
    # A sentence that opens with a name in mixed case and a dash is no dateline.
    assert hand("Erbil - the city - was calm on Thursday.").outlet == ""
    # The agency and the report's own date in brackets: that date is not the incident's.
    proposal = hand("Erbil, (APP - UrduPoint / Pakistan Point News - 5th Jan, 2024) A drone fell on Thursday.")
    assert proposal.outlet == "APP" and by_name(proposal.places, "Erbil").dateline is True
    assert [(d.start, d.role) for d in proposal.dates] == [("2024-01-04", "incident")]


def test_dateline_that_disagrees_with_the_publication_date_is_a_warning():
    proposal = hand("ERBIL, Jan 3 (Reuters) - Rockets hit a base on Thursday.")
    assert any("dateline" in warning for warning in proposal.warnings)


def test_claims_conflicting_tolls_stay_apart():
    proposal = hand(
        "Security sources said four soldiers were killed. A local official gave a higher toll of five soldiers killed."
    )
    assert [(c.min, c.category, c.claimant) for c in proposal.casualty_claims] == [
        (4, "security_forces", "Security sources"),
        (5, "security_forces", "A local official"),
    ]


def test_counts_that_are_not_casualties_are_ignored():
    proposal = hand("U.S. forces were attacked at least 100 times. The United States has 2,500 troops in Iraq.")
    assert proposal.casualty_claims == []


# ---------------------------------------------------------------------------------------------
# Units: numbers, dates, times, stances, header
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("four", 4, 4),
        ("4", 4, 4),
        ("1,200", 1200, 1200),
        ("twenty-five", 25, 25),
        ("a hundred", 100, 100),
        ("two dozen", 24, 24),
        ("at least 100", 100, None),
        ("at least two", 2, None),
        ("more than 40", 41, None),
        ("up to 10", None, 10),
        ("dozens", 24, None),
        ("several", 3, None),
        ("a dozen", 12, 12),
        ("between four and six", 4, 6),
        ("4-6", 4, 6),
        ("no", 0, 0),
        ("a", 1, 1),
    ],
)
def test_parse_number(phrase, low, high):
    count = parse_number(phrase)
    assert (count.min, count.max) == (low, high)


def test_parse_number_marks_additions_and_approximations():
    assert parse_number("one other").additive and parse_number("one other").min == 1
    assert parse_number("two more").additive and parse_number("two more").min == 2
    assert parse_number("about 30").approximate and (parse_number("about 30").min, parse_number("about 30").max) == (
        30,
        30,
    )
    assert parse_number("more than 40").additive is False
    assert parse_number("lots") is None and parse_number("") is None


FRIDAY = datetime.date(2024, 1, 5)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("Thursday", "2024-01-04", "2024-01-04", "day"),
        ("on Friday", "2024-01-05", "2024-01-05", "day"),
        ("last Friday", "2023-12-29", "2023-12-29", "day"),
        ("Wednesday night", "2024-01-03", "2024-01-03", "day"),
        ("on Tuesday", "2024-01-02", "2024-01-02", "day"),
        ("Saturday's attack", "2023-12-30", "2023-12-30", "day"),
        ("yesterday", "2024-01-04", "2024-01-04", "day"),
        ("last month", "2023-12-01", "2023-12-31", "month"),
        ("late January", "2024-01-21", "2024-01-31", "month"),
        ("early December", "2023-12-01", "2023-12-10", "month"),
        ("in October", "2023-10-01", "2023-10-31", "month"),
        ("on Jan. 28", "2023-01-28", "2023-01-28", "day"),
        ("on Jan. 3", "2024-01-03", "2024-01-03", "day"),
        ("January 28, 2024", "2024-01-28", "2024-01-28", "day"),
        ("28 December 2023", "2023-12-28", "2023-12-28", "day"),
        ("last week", "2023-12-25", "2023-12-31", "week"),
        ("two days ago", "2024-01-03", "2024-01-03", "day"),
        ("since 2014", "2014-01-01", "2014-12-31", "year"),
        ("Turkey's January 12th-15th airstrike campaign", "2023-01-12", "2023-01-15", "days"),
        ("on 1-7 December 2023", "2023-12-01", "2023-12-07", "week"),
    ],
)
def test_resolve_date(phrase, start, end, precision):
    resolved = resolve_date(phrase, FRIDAY)
    assert (resolved.start.isoformat(), resolved.end.isoformat(), resolved.precision) == (start, end, precision)


def test_resolve_date_keeps_the_part_of_day_and_refuses_nonsense():
    assert resolve_date("Wednesday night", FRIDAY).part == "night"
    assert resolve_date("late on Monday", FRIDAY).part == "late"
    assert resolve_date("February 30, 2024", FRIDAY) is None
    assert resolve_date("no date here", FRIDAY) is None


@pytest.mark.parametrize(
    ("phrase", "utc", "approximate"),
    [
        ("at about 0900 GMT", "09:00", True),
        ("2130 GMT", "21:30", False),
        ("3 p.m. local time", "12:00", False),
        ("around 11 a.m.", "08:00", True),
        ("at 9:30 p.m. local time", "18:30", False),
        ("14:05 UTC", "14:05", False),
    ],
)
def test_resolve_time(phrase, utc, approximate):
    resolved = resolve_time(phrase)
    assert (resolved.utc.strftime("%H:%M"), resolved.approximate) == (utc, approximate)


def test_resolve_time_past_midnight_local_is_the_previous_utc_day():
    resolved = resolve_time("shortly after 1 a.m. local time")
    assert resolved.utc == datetime.time(22, 0) and resolved.day_offset == -1 and resolved.approximate
    assert resolve_time("13 p.m.") is None


@pytest.mark.parametrize(
    ("quote", "context", "stance"),
    [
        ("We will retaliate and make the Americans regret carrying out this aggression.", "", "threatens"),
        ("unjustified attack on an Iraqi security entity", "denounced the strike, calling it an", "condemns"),
        ("The strike also killed one other member.", "describing it as a self-defense strike", "confirms"),
        ("This precision self-defense strike protects our people.", "Austin said", "justifies"),
        ("We claim responsibility for targeting the occupation base.", "", "claims"),
        ("The claims are false and none of our fighters were hurt.", "", "denies"),
        ("The situation is calm this morning.", "he said", "describes"),
    ],
)
def test_guess_stance(quote, context, stance):
    assert guess_stance(quote, context)[0] == stance


def test_header_date_may_share_the_body_line_and_title_lines_are_read():
    proposal = extract(
        "Title: A strike\nOutlet: Reuters\nURL: https://example.org/a\ndate 2024-01-05 Rockets hit Erbil on Thursday.",
        HAND_LEXICON,
    )
    assert (proposal.title, proposal.outlet, proposal.url) == ("A strike", "Reuters", "https://example.org/a")
    assert proposal.incident_date.start == "2024-01-04"
    assert proposal.dates[0].spans[0][0] > proposal.body_offset - 1


def test_a_given_publication_date_wins_over_none_in_the_text():
    proposal = extract("Rockets hit Erbil on Thursday.", HAND_LEXICON, publication_date=FRIDAY)
    assert proposal.publication_date == "2024-01-05" and proposal.incident_date.start == "2024-01-04"


@pytest.mark.parametrize("text", ["", "Rockets hit Erbil on Thursday.", "Title: only a title\n\nA body."])
def test_no_publication_date_is_a_clear_error(text):
    with pytest.raises(ExtractionError, match="no publication date"):
        extract(text, HAND_LEXICON)


def test_an_impossible_publication_date_is_a_clear_error():
    with pytest.raises(ExtractionError, match="not a valid date"):
        extract("date 2024-02-30 Rockets.", HAND_LEXICON)


def test_garbage_gives_a_proposal_or_a_clear_error():
    import random

    rng = random.Random(20240105)
    seed_text = REPORT_FILE.read_text(encoding="utf-8")
    samples = ["", "date 2024-01-05", "date 2024-01-05 ", "date 2024-01-05\n\n\n", '"“‘’”"', "\x00\x01\x02"]
    samples += ["date 2024-01-05 " + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(2000)) for _ in range(20)]
    samples += [
        "date 2024-01-05 " + bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1") for _ in range(10)
    ]
    samples += ["date 2024-01-05 " + " ".join(rng.choice(seed_text.split()) for _ in range(800)) for _ in range(20)]
    samples += [
        "date 2024-01-05 " + '"' * 5000,
        "date 2024-01-05 " + "killed four " * 3000,
        "date 2024-01-05 " + "A" * 150_000,
    ]
    samples += [seed_text[:n] for n in range(0, len(seed_text), 97)]
    for text in samples:
        try:
            proposal = extract(text, HAND_LEXICON)
        except ExtractionError as exc:
            assert str(exc)
            continue
        json.dumps(proposal.as_dict())
    with pytest.raises(ExtractionError, match="characters long"):
        extract("date 2024-01-05 " + "x" * 300_000, HAND_LEXICON)
    with pytest.raises(ExtractionError, match="must be text"):
        extract(b"date 2024-01-05", HAND_LEXICON)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("date 2024-01-05 “Hit”".encode(), "date 2024-01-05 “Hit”"),
        (b"\xef\xbb\xbfdate 2024-01-05 x", "date 2024-01-05 x"),
        (b"date 2024-01-05 \x93Hit\x94 caf\xe9", "date 2024-01-05 “Hit” café"),
    ],
)
def test_decode_report_accepts_utf8_bom_and_windows_1252(data, expected):
    assert decode_report(data) == expected


@pytest.mark.parametrize("data", [b"date 2024-01-05 \x81\x8d", b"date 2024-01-05 \x00\x01"])
def test_decode_report_refuses_other_bytes(data):
    with pytest.raises(ExtractionError):
        decode_report(data)


# ---------------------------------------------------------------------------------------------
# The lexicon builder and the command
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_build_lexicon_reads_everything_in_few_queries(django_assert_max_num_queries):
    load_demo()
    with django_assert_max_num_queries(6):
        lexicon = build_lexicon()
    assert {c.name for c in lexicon.countries} >= {"Iraq", "Syria", "Jordan", "Turkey"}
    assert any(p.name == "Baghdad" and p.governorate_code == "IQ-BG" for p in lexicon.places)
    assert any(g.name == NUJABA and "Nujaba militia" in g.aliases for g in lexicon.groups)
    assert any(p.name == "Patrick Ryder" and "Major General Patrick Ryder" in p.aliases for p in lexicon.people)
    assert len(lexicon.governorates) == 32


@pytest.fixture
def report_file(tmp_path):
    def write(data: bytes, name: str = "report.txt") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("extract_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_prints_json_with_the_documented_keys():
    load_demo()
    data = json.loads(run(str(REPORT_FILE), "--json"))
    for key in (
        "publication_date",
        "title",
        "dates",
        "places",
        "groups",
        "people",
        "casualty_claims",
        "statements",
        "event_type",
        "means",
    ):
        assert key in data
    assert data["publication_date"] == "2024-01-05"
    for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
        assert all("text" in item and "spans" in item for item in data[field])


@pytest.mark.django_db
def test_command_prints_a_summary_by_default():
    load_demo()
    out = run(str(REPORT_FILE))
    assert "2024-01-04 (day precision, incident)" in out and "about 09:00 UTC" in out
    assert "Baghdad [populated_place] in Baghdad (IQ-BG), Iraq" in out
    assert "killed 4 (all) per Police and militia sources" in out
    assert "threatens: Abu Aqeel al-Moussawi" in out


@pytest.mark.django_db
def test_command_reads_windows_1252_and_bom(report_file):
    assert "Erbil" in run(str(report_file(b"date 2024-01-05 \x93Rockets\x94 hit Erbil on Thursday.")))
    assert "2024-01-04" in run(str(report_file(b"\xef\xbb\xbfdate 2024-01-05 Rockets hit Erbil on Thursday.")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Rockets hit Erbil on Thursday.", "no publication date"),
        (b"date 2024-01-05 \x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"date 2024-01-05 \x00binary", "binary"),
    ],
)
def test_command_refuses_with_a_clear_message(report_file, data, message):
    with pytest.raises(CommandError, match=message):
        run(str(report_file(data)))


@pytest.mark.django_db
def test_command_refuses_unreadable_paths(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path))
