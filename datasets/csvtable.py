"""Reading dataset CSV files: encoding, delimiter, layout, header mapping, line numbers, rejects.

A file is read as a stream (one csv.reader over it), never whole into memory, so any size reads
in constant memory. Columns are found by their header name, never by position; the positions of
each known layout serve only to recognise a row written in another layout than its header.

Everything that makes a file unreadable as a whole (not text, an undecodable byte, no known
header, missing required columns, a quoted field left open at the end, rows that switch layout)
raises `BadFile` with a message for the person who chose the file.
"""

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ENCODINGS = ("utf-8", "cp1252")
_CHUNK = 1 << 20
_DELIMITERS = (",", ";", "\t", "|")

# Magic numbers of files people pick by mistake, and what to tell them.
_NOT_CSV = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx); save the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word file (.xls/.doc); save the sheet as CSV"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"\xff\xfe", "UTF-16 text; save it as UTF-8 CSV"),
    (b"\xfe\xff", "UTF-16 text; save it as UTF-8 CSV"),
]


class BadFile(Exception):
    """The file cannot be imported at all; the message says why."""


def column_list(names: str) -> tuple[str, ...]:
    """A layout's header as the dataset writes it: comma-separated names."""
    return tuple(names.split(","))


@dataclass(frozen=True)
class Layout:
    """One published column layout of a dataset."""

    dataset: str  # "ACLED" or "UCDP GED", as people name them
    name: str  # "current layout", "HDX layout"...
    columns: tuple[str, ...]
    # A few columns whose values identify a row written in this layout, by position.
    signature: dict[str, Callable[[str], bool]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.dataset} {self.name}"

    def row_matches(self, values: list[str]) -> bool:
        if len(values) != len(self.columns) or not self.signature:
            return False
        by_name = dict(zip(self.columns, values, strict=True))
        return all(check(by_name[column].strip()) for column, check in self.signature.items())


@dataclass
class Problem:
    """Why a row, or one of its cells, was refused or needs a look: line in the file, column, reason."""

    line: int
    column: str
    reason: str


@dataclass
class SourceRow:
    line: int
    values: dict[str, str]
    raw: list[str]
    problems: list[Problem] = field(default_factory=list)
    offset: int = 0  # bytes of the file read when the row was (the reader buffers a little ahead)


class RowErrors:
    """Collects the problems of one row so every one is reported, not only the first."""

    def __init__(self, line: int):
        self.line = line
        self.problems: list[Problem] = []

    def add(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.line, column, reason))

    def __bool__(self) -> bool:
        return bool(self.problems)


class ImportErrors(RowErrors):
    """A row's problems (which refuse it) and warnings (which do not)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.warnings: list[Problem] = []

    def warn(self, column: str, reason: str) -> None:
        self.warnings.append(Problem(self.line, column, reason))


class RejectReasons:
    """How many rows each kind of problem rejected: the cell's value left out, so that “abc” is not a
    date and “xyz” is not a date count as one reason."""

    def __init__(self):
        self.rows: Counter[str] = Counter()

    def add(self, problems: list[Problem]) -> None:
        self.rows.update({f"{p.column}: {_QUOTED.sub('“…”', p.reason)}" for p in problems})

    def most_common(self) -> list[tuple[str, int]]:
        return self.rows.most_common()


_QUOTED = re.compile(r"“[^”]*”")


def header_key(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def _sniff_not_text(head: bytes) -> str | None:
    for magic, what in _NOT_CSV:
        if head.startswith(magic):
            return what
    if b"\x00" in head[:8192]:
        return "a binary file"
    return None


def _line_of(path: Path, offset: int) -> int:
    with open(path, "rb") as fh:
        return fh.read(offset).count(b"\n") + 1


def _decodes(path: Path, encoding: str) -> tuple[bool, int]:
    """Whether the whole file decodes; else the offset of the first bad byte. Streams the file."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            if (nul := chunk.find(b"\x00")) >= 0:
                # No text column holds a NUL (PostgreSQL refuses one): the file is binary past its start.
                raise BadFile(f"Line {_line_of(path, offset + nul)} holds a NUL byte: this is a binary file, not CSV.")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return False, offset + error.start
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            return False, offset + error.start
    return True, -1


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte order mark) or Windows-1252, checked over the whole file."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise BadFile("The file is empty.")
    what = _sniff_not_text(head)
    if what:
        raise BadFile(f"This is not a CSV file: it looks like {what}.")
    ok, bad_at = _decodes(path, "utf-8")
    if ok:
        return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    if _decodes(path, "cp1252")[0]:
        return "cp1252"
    with open(path, "rb") as fh:
        fh.seek(bad_at)
        byte = fh.read(1)
    raise BadFile(
        f"The file's encoding is not UTF-8 or Windows-1252: byte 0x{byte.hex()} on line {_line_of(path, bad_at)} "
        "cannot be read. Save it as UTF-8 CSV."
    )


def _split_header(line: str, delimiter: str) -> list[str]:
    return [header_key(cell) for cell in next(csv.reader([line], delimiter=delimiter), [])]


@dataclass
class DatasetColumns:
    """What one dataset needs from a file, and the layouts it comes in."""

    label: str
    required: tuple[str, ...]
    layouts: tuple[Layout, ...]
    importer_hint: str  # how to import this dataset: "import_ucdp" or "the UCDP GED import"

    def known(self) -> set[str]:
        return {column for layout in self.layouts for column in layout.columns}


class _CountedFile(io.RawIOBase):
    """A file read through, counting the bytes read: what `tell()` would say, without its system
    call per row."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        n = self.raw.readinto(buffer)
        self.count += n or 0
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


class CsvTable:
    """A dataset file opened for streaming: its encoding, delimiter, layout and header.

    Raises BadFile when the file as a whole cannot be imported as `dataset`; `others` are the
    datasets whose files people confuse with it (their layouts name the mistake).
    """

    def __init__(self, path: str | Path, dataset: DatasetColumns, others: tuple[DatasetColumns, ...] = ()):
        self.path = Path(path)
        self.dataset = dataset
        self.others = others
        self.total_bytes = self.path.stat().st_size
        self.encoding = detect_encoding(self.path)
        with self._open() as fh:
            first = fh.readline()
        if first.lstrip()[:1] in ("{", "["):
            raise BadFile("This is not a CSV file: it looks like JSON.")
        if first.lstrip()[:1] == "<":
            raise BadFile("This is not a CSV file: it looks like HTML or XML.")
        self._every_known = dataset.known().union(*(other.known() for other in others))
        self.delimiter = max(_DELIMITERS, key=lambda d: len(set(_split_header(first, d)) & self._every_known))
        self.header = _split_header(first, self.delimiter)
        self._check_header()
        self.layout = max(dataset.layouts, key=lambda layout: len(set(layout.columns) & set(self.header)))
        self.ignored_columns = [name for name in self.header if name and name not in dataset.known()]
        self.bytes_read = 0

    def _open(self) -> io.TextIOWrapper:
        """The file as text; `fh.buffer.raw.count` is the bytes read from it so far."""
        counted = _CountedFile(open(self.path, "rb", buffering=0))  # noqa: SIM115 - closed with the wrapper
        return io.TextIOWrapper(io.BufferedReader(counted), encoding=self.encoding, newline="")

    def _check_header(self) -> None:
        header = set(self.header)
        seen = {}
        for position, name in enumerate(self.header, start=1):
            if name and name in seen:
                raise BadFile(f"Column “{name}” appears twice in the header (columns {seen[name]} and {position}).")
            seen[name] = position
        missing = [column for column in self.dataset.required if column not in header]
        if not missing:
            return
        for other in self.others:
            if all(column in header for column in other.required):
                raise BadFile(
                    f"This file holds {other.label} events, not {self.dataset.label} events: "
                    f"import it with {other.importer_hint}."
                )
        if not header & self.dataset.known():
            shown = ", ".join(name for name in self.header[:8] if name) or "nothing"
            raise BadFile(
                f"No {self.dataset.label} header row: the first line holds {shown}. "
                f"Required columns: {', '.join(self.dataset.required)}."
            )
        raise BadFile(f"Missing required columns: {', '.join(missing)}.")

    def _row_layout(self, values: list[str]) -> Layout | None:
        for dataset in (self.dataset, *self.others):
            for layout in dataset.layouts:
                if layout.row_matches(values):
                    return layout
        return None

    def _header_like(self, values: list[str]) -> Layout | None:
        """The layout whose header this row repeats, if it is a header row."""
        if header_key(values[0]) not in self._every_known:
            return None
        keys = [header_key(v) for v in values]
        if keys == self.header:
            return self.layout
        layouts = [layout for dataset in (self.dataset, *self.others) for layout in dataset.layouts]
        best = max(
            layouts, key=lambda layout: len(set(keys) & set(layout.columns)) - len(set(keys) - set(layout.columns))
        )
        if len(set(keys) & set(best.columns)) >= max(3, len(best.columns) // 2):
            return best
        return None

    def rows(self) -> Iterator[SourceRow]:
        """Data rows with the line each starts on (the header is line 1). Blank rows, HXL hashtag
        rows and repeats of the header are skipped; a row with the wrong number of cells comes with
        a problem, unless it is in another layout, which makes the whole file bad."""
        width = len(self.header)
        with self._open() as fh:
            counted = fh.buffer.raw
            reader = csv.reader(fh, delimiter=self.delimiter, strict=True)
            line = 1
            try:
                next(reader)
                line = reader.line_num + 1
                for values in reader:
                    start, line = line, reader.line_num + 1
                    self.bytes_read = counted.count
                    if not any(v.strip() for v in values):
                        continue
                    if all(v.strip().startswith("#") for v in values if v.strip()):
                        continue  # an HXL hashtag row (HDX adds one under the header)
                    repeated = self._header_like(values)
                    if repeated is not None:
                        if repeated is self.layout and [header_key(v) for v in values] == self.header:
                            continue  # files joined end to end repeat their header
                        raise BadFile(
                            f"Line {start} starts another header, in the {repeated.label}: "
                            "the file mixes layouts. Import each part on its own."
                        )
                    row = SourceRow(start, dict(zip(self.header, values, strict=False)), values, offset=self.bytes_read)
                    if len(values) != width:
                        self.check_layout(row)
                        row.problems.append(
                            Problem(start, "", f"has {len(values)} cells; the header has {width} columns")
                        )
                    yield row
            except csv.Error as error:
                if "unexpected end of data" in str(error):
                    raise BadFile(
                        f"The file is truncated: a quoted field opened on or after line {line} never closes."
                    ) from None
                raise BadFile(f"Malformed CSV on line {reader.line_num}: {error}.") from None
            self.bytes_read = self.total_bytes

    def check_layout(self, row: SourceRow) -> None:
        """Raise BadFile when the row is written in another layout than the header's."""
        layout = self._row_layout(row.raw)
        if layout is not None and layout is not self.layout:
            raise BadFile(
                f"Line {row.line} is in the {layout.label} but the header is in the {self.layout.label}: "
                "the rows switch layout. Import each part on its own."
            )


class RejectsWriter:
    """Writes refused rows to a CSV: the original columns (so the file can be fixed and imported
    again) followed by the line, the columns and the reasons. Opened on the first reject only."""

    EXTRA = ("reject_line", "reject_columns", "reject_reasons")

    def __init__(self, path: Path | None, header: list[str]):
        self.path = path
        self.header = header
        self._fh = None
        self._writer = None
        self.count = 0

    def write(self, row: SourceRow, problems: list[Problem]) -> None:
        if self.path is None:
            return
        if self._writer is None:
            self._fh = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
            self._writer = csv.writer(self._fh)
            self._writer.writerow([*self.header, *self.EXTRA])
        cells = list(row.raw[: len(self.header)]) + [""] * max(0, len(self.header) - len(row.raw))
        columns = "; ".join(dict.fromkeys(p.column for p in problems if p.column))
        self._writer.writerow([*cells, row.line, columns, "; ".join(p.reason for p in problems)])
        self.count += 1

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def discard(self) -> None:
        """Remove a half-written file: the import stopped on a bad file, its rejects mean nothing."""
        self.close()
        if self._writer is not None:
            self.path.unlink(missing_ok=True)
            self._writer = None
            self.count = 0
