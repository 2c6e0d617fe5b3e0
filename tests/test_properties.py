"""Property tests (hypothesis): whatever text or bytes come in, the report extractor and the dataset
importers give a result or their own clear error, never another exception, and a failed import
leaves the database as it was.

Each property is bounded (max_examples, no deadline) and derandomized, so CI runs the same
examples every time; HYPOTHESIS_PROFILE=thorough runs ten times as many, drawn at random.
"""

import csv
import datetime
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from datasets import acled, ucdp
from datasets.csvtable import BadFile
from datasets.layouts import ACLED_LAYOUT_2020, ACLED_LAYOUT_CURRENT, UCDP_LAYOUT_HDX, UCDP_LAYOUT_STANDARD
from datasets.records import ImportResult
from extraction.extract import extract
from extraction.header import decode_report
from extraction.lexicon import build_lexicon
from extraction.proposal import ExtractionError, Proposal
from incidents.demo import REPORT_FILE, load_demo

pytestmark = pytest.mark.django_db

# The fixtures here are set up once per test and only read by its examples, so function scope is right.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
PROFILES = {
    "ci": settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=_QUIET),
    "thorough": settings(max_examples=1500, deadline=None, suppress_health_check=_QUIET),
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "ci")]
DATASETS = Path(__file__).resolve().parent / "data" / "datasets"

REPORT = REPORT_FILE.read_text(encoding="utf-8")
REPORT_WORDS = sorted(set(re.findall(r"\S+", REPORT)))


@pytest.fixture
def lexicon():
    load_demo()
    return build_lexicon()


# The report extractor

# Text made of the seed report's own words, numbers and punctuation reaches the extractor's deeper
# rules (claims, quotes, dates); arbitrary Unicode tries everything else.
report_words = st.sampled_from(REPORT_WORDS)
noise = st.text(max_size=12)
numbers = st.integers(min_value=-5, max_value=10**12).map(str)
glue = st.sampled_from(
    [" ", "\n", "\n\n", ", ", ". ", '"', "'", "\u201c", "\u201d", "(", ")", "-", "\u2013", "\r\n", "\t"]
)
report_like = st.lists(st.one_of(report_words, report_words, noise, numbers, glue), max_size=160).map(" ".join)
headers = st.one_of(
    st.just("date 2024-01-05\n"),
    st.just("Date: 2024-01-05\nTitle: t\nOutlet: Reuters\n\n"),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: f"date {d.isoformat()} "),
    st.from_regex(r"\A[Dd]ate:? ?\d{4}-\d\d-\d\d\s", fullmatch=True),
    st.just(""),
)


def _check_proposal(text: str, proposal: Proposal):
    assert isinstance(proposal, Proposal)
    data = proposal.as_dict()
    json.dumps(data)  # the JSON the admin and the command give
    for group in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
        for item in data[group]:
            for start, end in item.get("spans", []):
                assert 0 <= start <= end <= len(text), (group, start, end)


def _extract_or_refuse(text: str, lexicon, publication_date=None) -> str:
    """Extract, and check the proposal; the refusal's message when there is one."""
    try:
        proposal = extract(text, lexicon, publication_date=publication_date)
    except ExtractionError as error:
        assert str(error)
        return str(error)
    _check_proposal(text, proposal)
    return ""


@given(header=headers, body=report_like)
@example(header="date 2024-01-05\n", body=REPORT)
@example(header="date 2024-02-30\n", body="Two people were killed.")
@example(header="", body="")
@PROFILE
def test_extract_gives_a_proposal_or_a_clear_error_on_report_like_text(lexicon, header, body):
    _extract_or_refuse(header + body, lexicon)


@given(text=st.text(max_size=600))
@example(text="date 2024-01-05 " + "killed " * 2000)
@example(text="date 2024-01-05\n\x00\ufeff\u202e" + '"' * 300)
@PROFILE
def test_extract_gives_a_proposal_or_a_clear_error_on_any_text(lexicon, text):
    _extract_or_refuse(text, lexicon)
    refusal = _extract_or_refuse(text, lexicon, publication_date=datetime.date(2024, 1, 5))
    # A caller that knows the date gets a proposal, unless the text's own header gives a bad one.
    assert not refusal or "publication date" in refusal, refusal


@given(data=st.binary(max_size=2000))
@example(data=b"\xef\xbb\xbfdate 2024-01-05\nIt was \x93quoted\x94.")
@example(data=b"\x81\x8d\x8f\x90\x9d")
@example(data="date 2024-01-05\nالنجباء قتل".encode("utf-16"))
@PROFILE
def test_decode_report_gives_text_or_a_clear_error_on_any_bytes(lexicon, data):
    try:
        text = decode_report(data)
    except ExtractionError as error:
        assert str(error)
        return
    assert isinstance(text, str) and "\x00" not in text
    _extract_or_refuse(text, lexicon)


# The dataset importers


def _row_counts() -> dict[str, int]:
    """Every table the import could touch (records, their history, the gazetteer's)."""
    models = [*apps.get_app_config("incidents").get_models(), *apps.get_app_config("geo").get_models()]
    # The map summaries' tables exist on PostgreSQL only.
    tables = set(connection.introspection.table_names())
    return {model._meta.label: model._base_manager.count() for model in models if model._meta.db_table in tables}


def _note(outcome: str):
    # --hypothesis-show-statistics tallies these: how many files got past the header to the writes.
    if currently_in_test_context():
        event(outcome)


def _run(importer, data: bytes, **options):
    """Import `data` from a file; return the result, or None when the file is refused as a whole."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(data)
        before = _row_counts()
        try:
            result = importer(path, **options)
        except BadFile as error:
            assert str(error)
            assert _row_counts() == before, "a refused file wrote rows"
            _note("refused: " + re.sub(r"\d+|“.*?”", "#", str(error))[:70])
            return None
        assert isinstance(result, ImportResult)
        _note(f"read: {'written' if result.written else 'nothing written'}, {'some' if result.new else 'no'} new")
        if not result.written:
            assert _row_counts() == before, "an import that wrote nothing changed rows"
        return result


IMPORTERS = [pytest.param(acled.import_acled, id="acled"), pytest.param(ucdp.import_ucdp, id="ucdp")]


@pytest.fixture
def demo():
    load_demo()


@pytest.mark.parametrize("importer", IMPORTERS)
@given(data=st.binary(max_size=1500), dry_run=st.booleans())
@example(data=b"", dry_run=False)
@example(data=b"\xef\xbb\xbf\r\n", dry_run=False)
@example(data=b"%PDF-1.7\n", dry_run=False)
@example(data=b'{"events": []}', dry_run=False)
@example(data=b"\xff\xfeid\x00", dry_run=False)
@PROFILE
def test_importers_take_any_bytes_as_a_result_or_a_bad_file(demo, importer, data, dry_run):
    _run(importer, data, dry_run=dry_run)


def _sample_rows(path: Path, skip_hxl: bool) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for row in reader:
            if skip_hxl and row and row[1].startswith("#"):
                continue
            rows.append(row)
            if len(rows) == 40:
                break
    return header, rows


ACLED_SAMPLES = [_sample_rows(DATASETS / name, False) for name in ("acled-current.csv", "acled-2020.csv")]
UCDP_SAMPLE = _sample_rows(ucdp.DEMO_FILE, True)
# Real rows by column name (the shipped UCDP sample, the hand-written ACLED test rows): generated
# files start from one and spoil some of its cells, so many rows reach the database writes.
REAL_ROWS = {
    "ACLED": [dict(zip(header, row, strict=False)) for header, rows in ACLED_SAMPLES for row in rows],
    "UCDP GED": [dict(zip(UCDP_SAMPLE[0], row, strict=False)) for row in UCDP_SAMPLE[1]],
}
HOSTILE_CELLS = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "nan",
    "-inf",
    "99999999999999999999",
    "1.5",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "31-Dec-99",
    '=HYPERLINK("http://x")',
    "'=1+1",
    "\u202eevil",
    "Civilians (Iraq)",
    "Iraq",
    "Syria",
    "x" * 250,
    '"',
    "a;b;;c",
    "#hashtag",
]


odd_cells = st.one_of(
    st.sampled_from(HOSTILE_CELLS),
    st.text(alphabet=st.characters(exclude_characters="\x00"), max_size=15),
)


def _sometimes(draw, tenths: int) -> bool:
    return draw(st.integers(0, 9)) < tenths


@st.composite
def dataset_files(draw, layouts) -> bytes:
    """A CSV-ish file: a known layout's header (now and then with columns dropped, shuffled, added
    or repeated), a few rows of real, hostile and random cells, written with any delimiter,
    quoting and encoding, now and then cut short."""
    layout = draw(st.sampled_from(layouts))
    columns = list(layout.columns)
    if _sometimes(draw, 3):
        columns = draw(st.permutations(columns))
    if _sometimes(draw, 2):
        dropped = draw(st.sets(st.sampled_from(columns), min_size=1, max_size=3))
        columns = [c for c in columns if c not in dropped]
    if _sometimes(draw, 2):
        columns += draw(st.lists(st.sampled_from(["notes2", "extra", "", "notes2", "extra", "ID"]), max_size=2))
    odd_percent = draw(st.sampled_from([0, 0, 2, 10, 40]))
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        real = draw(st.sampled_from(REAL_ROWS[layout.dataset]))
        rows.append([draw(odd_cells) if draw(st.integers(0, 99)) < odd_percent else real.get(c, "") for c in columns])
    if _sometimes(draw, 1):
        rows[draw(st.integers(0, len(rows) - 1))].pop()
    delimiter = draw(st.sampled_from([",", ",", ",", ";", "\t", "|"]))
    buffer = io.StringIO()
    if _sometimes(draw, 8):
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
        writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        # Written without quoting at all, as a careless script would.
        newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        buffer.write(newline.join(delimiter.join(row) for row in [columns, *rows]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252"]))
    data = buffer.getvalue().encode(encoding, errors="replace")
    if _sometimes(draw, 1):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@given(
    file=st.one_of(
        st.tuples(dataset_files([ACLED_LAYOUT_CURRENT, ACLED_LAYOUT_2020]), st.just(acled.import_acled)),
        st.tuples(dataset_files([UCDP_LAYOUT_HDX, UCDP_LAYOUT_STANDARD]), st.just(ucdp.import_ucdp)),
    ),
    other_importer=st.integers(0, 9).map(lambda n: n == 0),
    dry_run=st.booleans(),
    skip_invalid=st.booleans(),
)
@PROFILE
def test_importers_take_any_dataset_like_file_as_a_result_or_a_bad_file(
    demo, file, other_importer, dry_run, skip_invalid
):
    data, importer = file
    if other_importer:
        importer = ucdp.import_ucdp if importer is acled.import_acled else acled.import_acled
    result = _run(importer, data, dry_run=dry_run, skip_invalid=skip_invalid)
    if result is not None:
        assert result.rows == result.new + result.updated + result.unchanged + result.rejected
        assert not (dry_run and result.written)


@pytest.mark.parametrize(
    ("importer", "dataset", "id_column", "text_column"),
    [
        pytest.param(acled.import_acled, "ACLED", "event_id_cnty", "notes", id="acled"),
        pytest.param(ucdp.import_ucdp, "UCDP GED", "id", "source_headline", id="ucdp"),
    ],
)
def test_a_nul_byte_past_the_sniffed_start_is_refused_not_a_crash(
    demo, tmp_path, importer, dataset, id_column, text_column
):
    # The first 8 KB are checked for binary content; PostgreSQL refuses NUL in text columns.
    real = REAL_ROWS[dataset][0]
    columns = list(real)
    rows = []
    for number in range(60):
        row = {**real, id_column: f"IRQ{80000 + number}" if dataset == "ACLED" else str(900000 + number)}
        rows.append(row)
    rows[-1][text_column] = "before\x00after"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns)
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    assert data.index(b"\x00") > 8192
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    before = _row_counts()
    with pytest.raises(BadFile, match="NUL|binary"):
        importer(path)
    assert _row_counts() == before
