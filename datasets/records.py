"""What an import makes of a dataset's row (an EventRecord), what it needs to know of the dataset
(a DatasetSpec), and what it reports (an ImportResult): the shapes datasets.acled and datasets.ucdp
fill and datasets.importing writes."""

from collections.abc import Callable
from dataclasses import dataclass, field

from datasets.cells import parse_date
from datasets.csvtable import DatasetColumns, ImportErrors, Problem, SourceRow
from datasets.places import GeoLookups
from incidents.models.incident import date_out_of_range

# The incident fields every dataset's rows set (each adds its id column, ACLED its notes as summary).
EVENT_FIELDS = (
    "start_date",
    "end_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "place_name",
    "country_id",
    "admin_area_id",
    "district",
    "latitude",
    "longitude",
    "location_precision",
)
# How many problems and changes a result keeps to show; the counts are always complete.
KEEP = 1000


@dataclass
class ActorRef:
    value: str  # the actor exactly as the dataset writes it
    role: str  # a ParticipationRole
    external_id: str = ""  # the dataset's actor id, when it has one
    kind: str = ""  # the GroupKind to give the group if it has to be created


@dataclass
class ClaimSpec:
    category: str
    killed_min: int | None
    killed_max: int | None
    actor: str = ""  # whose members they were: an ActorRef value of the same record


@dataclass
class EventRecord:
    external_id: str
    fields: dict  # incident fields the dataset manages, except the title
    actors: list[ActorRef]
    claims: list[ClaimSpec]
    report: dict  # title, text, published_on
    what: str  # the kind of event, for the title: "Air/drone strike"
    place: str
    civilian_target: bool = False
    pinned_best: int | None = None  # a best estimate the dataset gives, kept by the toll
    groups: list = field(default_factory=list)  # ArmedGroup per actor, filled when resolved
    kept: dict = field(default_factory=dict)  # the row's cells, kept as read (datasets.keeping)


@dataclass(frozen=True)
class DatasetSpec:
    dataset: str  # a Dataset value
    columns: DatasetColumns
    id_column: str
    id_field: str  # the Incident field holding the dataset's id
    source_name: str
    source_url: str
    source_notes: str
    managed: tuple[str, ...]  # Incident fields the import owns (besides the title and the toll)
    build: Callable[[SourceRow, GeoLookups, ImportErrors], EventRecord | None]


@dataclass
class Change:
    external_id: str
    public_id: str
    fields: list[str]


@dataclass
class ImportResult:
    dataset: str
    file_name: str
    layout: str = ""
    encoding: str = ""
    dry_run: bool = False
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    changes: list[Change] = field(default_factory=list)
    rejects: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (dataset id, public id) absent upstream
    complete: bool = False
    new_groups: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rejects_path: str = ""
    written: bool = False
    bulk_load: bool = False  # whether the indexes were set aside (BULK_LOAD_ROWS)
    seconds: float = 0.0
    gave_up: bool = False  # the first `give_up_after` rows were all rejected: the rest was not read
    # Why the first rows were rejected, most common first: (reason, rows); see csvtable.RejectReasons.
    reasons: list[tuple[str, int]] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what was read and what happened to it."""
        if self.written:
            outcome = "written"
        elif self.dry_run:
            outcome = "dry run: nothing written"
        else:
            outcome = "nothing written"
        text = (
            f"{self.dataset} ({self.layout}), {self.rows:,} rows: {self.new:,} new, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged, {self.rejected:,} rejected"
        )
        if self.new_groups:
            text += f"; {len(self.new_groups):,} new armed groups"
        if self.complete:
            text += f"; {len(self.missing):,} held but absent from the file"
        return f"{text} ({outcome}, {self.seconds:.1f} s)."


def parse_incident_date(values: dict[str, str], column: str, errors, formats: tuple[str, ...]):
    """An incident's date from a cell (cells.parse_date), refused outside the dates incidents
    can have (a year such as 2204 or 0224 is a slip, and no filter could find it)."""
    found = parse_date(values, column, errors, formats)
    if found is not None and (problem := date_out_of_range(found)):
        errors.add(column, problem)
        return None
    return found


def compose_text(body: str, fields: list[tuple[str, str]]) -> str:
    """A dataset record as a report's text: its prose (ACLED notes, UCDP source_article), a blank
    line, then one "Label: value" line per field, every label always present so `parse_text`
    finds each one from the end, whatever the prose holds."""
    lines = "\n".join(f"{label}: {value}" for label, value in fields)
    return f"{body}\n\n{lines}" if body else lines


def parse_text(text: str, labels: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """The prose and the labelled fields of a text written by `compose_text`; a label not found
    gives an empty value (and then the whole text, or what precedes later labels, is prose)."""
    text = "\n" + text
    end = len(text)
    found = {}
    for label in reversed(labels):
        marker = f"\n{label}: "
        start = text.rfind(marker, 0, end)
        if start < 0:
            found[label] = ""
            continue
        found[label] = text[start + len(marker) : end]
        end = start
    body = text[1:end]
    return body.removesuffix("\n"), found
