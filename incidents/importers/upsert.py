"""Writing dataset events (ACLED, UCDP GED): upsert by external id, in batches, in one transaction.

Each event becomes an incident keyed on its dataset id (`acled_event_id`, `ucdp_id`) with one
report from the dataset's source, the casualty claims and participations citing that report.
The import owns those: the incident fields listed in the dataset's `managed` tuple, the report,
and the claims and participations citing it. Anything staff added (other reports' claims,
statements, links, other participations, the status) is left alone.

A row whose values match what is stored is "unchanged" and costs no write at all. Lookups (groups,
their aliases and dataset names, countries, governorates) are read once; each batch of rows costs
a handful of queries to read what is stored and bulk writes for what changed.
"""

import gc
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history, get_history_manager_for_model

from geo import geometry
from geo.models import AdminArea, Country
from incidents import toll
from incidents.cache import data_changed
from incidents.importers import pgcopy
from incidents.importers.csvfiles import (
    BadFile,
    CsvTable,
    DatasetColumns,
    Problem,
    RejectReasons,
    RejectsWriter,
    RowErrors,
    SourceRow,
    cell,
    parse_date,
    read_ahead,
)
from incidents.models import (
    ArmedGroup,
    CasualtyClaim,
    ExternalName,
    GroupAlias,
    Incident,
    Participation,
    Report,
    Source,
)
from incidents.models.choices import Attribution, LocationPrecision, ParticipationRole, SourceKind, Status
from incidents.models.incident import date_out_of_range, new_public_ids
from incidents.text import fold, normalise_name
from incidents.toll import TOLL_FIELDS
from maps import deferral
from maps.models import MapCell, MapFacet, MapWeek

BATCH_SIZE = 1000
# Rows per batch on the COPY path: each batch's statements fire the summary triggers once (which,
# the summaries being deferred, only set their rows aside) and the group-key refresh once.
COPY_BATCH_SIZE = 10_000
# An import that wrote this many new incidents refreshes the planner's statistics of the tables
# it wrote (as autovacuum would, later), so the queries that follow plan for their new size.
ANALYZE_AFTER = 5_000
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
# On PostgreSQL, the models whose rows an import writes by COPY (pgcopy); False: the ORM everywhere.
COPY_WRITES = True
# A first import of a dataset (on the COPY path) expected to bring at least this many rows, and
# at least as many as the incident table holds, is a bulk load: the secondary indexes of the
# tables it fills are dropped for it and built once at its end (pgcopy.indexes_set_aside), and
# their foreign keys checked once at its end by adding them again (pgcopy.foreign_keys_set_aside),
# which costs less than keeping them up row by row; meanwhile those tables, and those their keys
# refer to (but the users), are locked against readers.
BULK_LOAD_ROWS = 20_000
# How many problems and changes a result keeps to show; the counts are always complete.
KEEP = 1000
# Coordinates this precise say which governorate an event was in; coarser ones are centroids.
_LOCATING_PRECISIONS = {
    LocationPrecision.EXACT,
    LocationPrecision.TOWN,
    LocationPrecision.NEAR,
    LocationPrecision.DISTRICT,
}
_AREA_WORDS = ("province", "governorate", "muhafazat", "muhafazah", "mohafazat")
# Names datasets use for countries besides ours (ISO numeric codes are ACLED's `iso`, GW codes UCDP's).
COUNTRY_CODES = {
    # iso2: (ISO 3166 numeric, Gleditsch-Ward number, UCDP region)
    "IQ": (368, 645, "Middle East"),
    "SY": (760, 652, "Middle East"),
    "IR": (364, 630, "Middle East"),
    "TR": (792, 640, "Europe"),
    "JO": (400, 663, "Middle East"),
    "LB": (422, 660, "Middle East"),
    "IL": (376, 666, "Middle East"),
    "SA": (682, 670, "Middle East"),
    "KW": (414, 690, "Middle East"),
    "PS": (275, None, "Middle East"),
}
_COUNTRY_ALIASES = {
    "syrian arab republic": "SY",
    "iran islamic republic of": "IR",
    "iran (islamic republic of)": "IR",
    "turkiye": "TR",
    "state of palestine": "PS",
    "palestinian territories": "PS",
}


def area_key(name: str) -> str:
    """Governorate names as datasets spell them meet ours: "Al Başrah  province" -> "basrah"."""
    words = [word for word in fold(name).split() if word not in _AREA_WORDS]
    return normalise_name(" ".join(words))


class GeoLookups:
    """Countries and governorates, read once, matched by name, code or point."""

    def __init__(self):
        self.countries = {row["id"]: row for row in Country.objects.values("id", "iso2", "iso3", "name_en")}
        self._country_keys = {}
        for row in self.countries.values():
            iso_numeric, gw, _ = COUNTRY_CODES.get(row["iso2"], (None, None, None))
            keys = [row["iso2"], row["iso3"], row["name_en"]]
            keys += [str(iso_numeric)] if iso_numeric else []
            keys += [f"gw{gw}"] if gw else []
            for key in keys:
                self._country_keys[fold(key)] = row["id"]
        for alias, iso2 in _COUNTRY_ALIASES.items():
            match = [pk for pk, row in self.countries.items() if row["iso2"] == iso2]
            if match:
                self._country_keys[alias] = match[0]
        self._areas = {}
        self.area_names = {}
        for row in AdminArea.objects.values("id", "country_id", "name_en", "name_ar", "alt_names"):
            self.area_names[row["id"]] = row["name_en"]
            for name in [row["name_en"], row["name_ar"], *(row["alt_names"] or [])]:
                if name:
                    self._areas.setdefault((row["country_id"], area_key(name)), row["id"])
        self._shapes = None

    def country(self, *candidates: str) -> int | None:
        for candidate in candidates:
            if candidate and (found := self._country_keys.get(fold(candidate.strip()))):
                return found
        return None

    def area(self, country_id: int, name: str) -> int | None:
        return self._areas.get((country_id, area_key(name))) if name else None

    def load_shapes(self) -> None:
        """Read the governorates' geometries (before parsing starts in another thread: `locate`
        must then not query)."""
        if self._shapes is None:
            self._shapes = list(
                AdminArea.objects.values_list(
                    "id", "country_id", "min_lat", "max_lat", "min_lon", "max_lon", "geometry"
                )
            )

    def locate(self, country_id: int, latitude: float, longitude: float) -> int | None:
        """The governorate of the country whose boundary holds the point."""
        self.load_shapes()
        for pk, area_country, min_lat, max_lat, min_lon, max_lon, shape in self._shapes:
            if area_country != country_id or not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
                continue
            if geometry.contains(shape, longitude, latitude):
                return pk
        return None

    def place(
        self, errors: "ImportErrors", *, country_id: int, area_column: str, area_name: str, lat, lon, precision
    ) -> int | None:
        """The governorate named in the row, else the one holding a precise point; a name that
        matches nothing is noted (as a warning) rather than refused."""
        area_id = self.area(country_id, area_name)
        if area_id is None and lat is not None and precision in _LOCATING_PRECISIONS:
            area_id = self.locate(country_id, lat, lon)
            if area_name:
                found = self.area_names.get(area_id, "none")
                errors.warn(area_column, f"“{area_name}” matches no governorate; located by coordinates: {found}")
        elif area_id is None and area_name:
            errors.warn(area_column, f"“{area_name}” matches no governorate; left empty")
        return area_id


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
    build: Callable[[SourceRow, GeoLookups, "ImportErrors"], EventRecord | None]


class ImportErrors(RowErrors):
    """A row's problems (which refuse it) and warnings (which do not)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.warnings: list[Problem] = []

    def warn(self, column: str, reason: str) -> None:
        self.warnings.append(Problem(self.line, column, reason))


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
    # Why the first rows were rejected, most common first: (reason, rows); see csvfiles.RejectReasons.
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
    """An incident's date from a cell (csvfiles.parse_date), refused outside the dates incidents
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


def toll_values(claims: list[toll.ClaimFigures], best: int | None, pinned: bool) -> dict:
    """The derived toll columns, as Incident.refresh_toll stores them (a pinned best is kept
    within low–high)."""
    derived = toll.derive_toll(claims)
    killed_best = derived.killed_best
    if pinned and best is not None:
        killed_best = best
        if derived.killed_low is not None:
            killed_best = min(max(best, derived.killed_low), derived.killed_high)
    values = {name: getattr(derived, name) for name in TOLL_FIELDS}
    values["killed_best"] = killed_best
    return values


class ActorResolver:
    """Finds the armed group an actor string names: by the dataset's id for it, by the string as
    the dataset's external name, or by group name, abbreviation or alias (folded); else plans a new
    group. The string (and id) are kept as the group's external names either way."""

    def __init__(self, dataset: str):
        groups = {group.pk: group for group in ArmedGroup.objects.all()}
        self.by_external = {
            value: groups[group_id]
            for value, group_id in ExternalName.objects.filter(dataset=dataset).values_list("value", "group_id")
        }
        self.by_key = {}
        for group_id, alias in GroupAlias.objects.values_list("group_id", "normalised"):
            self.by_key.setdefault(alias, groups[group_id])
        for group in groups.values():
            if group.abbreviation:
                self.by_key[normalise_name(group.abbreviation)] = group
        for group in groups.values():
            self.by_key[normalise_name(group.name)] = group
        self.new_groups: list[ArmedGroup] = []
        self.new_names: list[tuple[ArmedGroup, str]] = []

    def resolve(self, ref: ActorRef) -> ArmedGroup:
        group = self.by_external.get(ref.external_id) if ref.external_id else None
        group = group or self.by_external.get(ref.value)
        key = normalise_name(ref.value) or fold(ref.value)
        if group is None:
            group = self.by_key.get(key)
        if group is None:
            group = ArmedGroup(name=ref.value, kind=ref.kind)
            self.new_groups.append(group)
            self.by_key[key] = group
        for value in (ref.external_id, ref.value):
            if value and value not in self.by_external:
                self.by_external[value] = group
                self.new_names.append((group, value))
        return group


def make_title(record: EventRecord) -> str:
    """ "Air/drone strike: Harakat al-Nujaba → U.S. forces, Baghdad"."""
    names = {ParticipationRole.PERPETRATOR: [], ParticipationRole.TARGET: []}
    for ref, group in zip(record.actors, record.groups, strict=True):
        if ref.role in names and group.name not in names[ref.role]:
            names[ref.role].append(group.name)
    if record.civilian_target:
        names[ParticipationRole.TARGET].append("Civilians")
    title = f"{record.what}: {' & '.join(names[ParticipationRole.PERPETRATOR]) or 'unidentified'}"
    if names[ParticipationRole.TARGET]:
        title += f" → {' & '.join(names[ParticipationRole.TARGET])}"
    if record.place:
        title += f", {record.place}"
    return title if len(title) <= 300 else title[:299] + "…"


class Writer:
    """Plans each batch's writes against what is stored, and makes them unless planning only.

    Writes go through django-simple-history's bulk helpers for models that keep a history, so an
    import leaves the same per-record trail as an edit in the admin, naming the importing user.
    """

    def __init__(self, spec: DatasetSpec, result: ImportResult, *, status: str, user, writing: bool):
        self.spec = spec
        self.result = result
        self.status = status
        self.user = user
        self.writing = writing
        self.reason = f"{spec.columns.label} import"
        # New rows by COPY, history rows set-based in SQL (incidents.importers.pgcopy).
        self.copy = pgcopy.enabled() and COPY_WRITES
        self.geo = GeoLookups()
        self.actors = ActorResolver(spec.dataset)
        self.source = Source.objects.filter(name=spec.source_name).first() or Source(
            name=spec.source_name, kind=SourceKind.DATASET, url=spec.source_url, notes=spec.source_notes
        )
        # A first import of the dataset finds nothing stored for any row (a file repeating an id
        # has the repeat rejected), so it reads nothing back batch after batch.
        self.first_import = not Incident.objects.filter(**{f"{spec.id_field}__isnull": False}).exists()
        self._new_tolls: dict[tuple, dict] = {}
        self._reset()

    def _reset(self):
        self.new_incidents: list[Incident] = []
        self.new_reports: list[Report] = []
        self.new_claims: list[CasualtyClaim] = []
        self.new_participations: list[Participation] = []
        # Primary key -> the values to set, applied to full instances when written.
        self.incident_updates: dict[int, dict] = {}
        self.report_updates: dict[int, dict] = {}
        self.claim_updates: dict[int, dict] = {}
        self.deleted_claims: list[int] = []
        self.deleted_participations: list[int] = []

    # Reading what is stored -----------------------------------------------------------------

    def _stored(self, ids: list[str]) -> dict[str, dict]:
        # Read in chunks of BATCH_SIZE ids whatever the batch: much longer IN lists cost more to
        # compile and plan per id than they save in round trips.
        stored = {}
        for start in range(0, len(ids), BATCH_SIZE):
            stored.update(self._stored_chunk(ids[start : start + BATCH_SIZE]))
        return stored

    def _stored_chunk(self, ids: list[str]) -> dict[str, dict]:
        id_field = self.spec.id_field
        rows = Incident.objects.filter(**{f"{id_field}__in": ids}).values(
            "id", "public_id", id_field, "title", *self.spec.managed, *TOLL_FIELDS, "killed_best_pinned"
        )
        stored = {row[id_field]: row for row in rows}
        by_pk = {row["id"]: row for row in stored.values()}
        for row in by_pk.values():
            row.update(participations=[], claims=[], report=None, report_id=None)
        source_id = self.source.pk
        owned = defaultdict(set)
        for part in Participation.objects.filter(incident_id__in=list(by_pk)).values(
            "id", "incident_id", "group_id", "role", "report_id", "report__source_id"
        ):
            by_pk[part["incident_id"]]["participations"].append(part)
            if source_id is not None and part["report__source_id"] == source_id:
                owned[part["incident_id"]].add(part["report_id"])
        for claim in CasualtyClaim.objects.filter(incident_id__in=list(by_pk)).values(
            "id",
            "incident_id",
            "report_id",
            "report__source_id",
            "claimant",
            "claimant_person_id",
            "category",
            "group_id",
            "killed_min",
            "killed_max",
            "injured_min",
            "injured_max",
        ):
            by_pk[claim["incident_id"]]["claims"].append(claim)
            if source_id is not None and claim["report__source_id"] == source_id:
                owned[claim["incident_id"]].add(claim["report_id"])
        # Should staff have cited the dataset twice, the first report is the import's.
        report_ids = {pk: min(ids) for pk, ids in owned.items()}
        reports = Report.objects.filter(id__in=report_ids.values()).values("id", "title", "text", "published_on")
        reports = {report["id"]: report for report in reports}
        for pk, report_id in report_ids.items():
            by_pk[pk]["report_id"] = report_id
            by_pk[pk]["report"] = reports[report_id]
        return stored

    # Planning ---------------------------------------------------------------------------------

    def process(self, records: list[EventRecord]) -> None:
        for record in records:
            record.groups = [self.actors.resolve(ref) for ref in record.actors]
            record.fields["title"] = make_title(record)
        stored = self._stored([record.external_id for record in records]) if records and not self.first_import else {}
        public_ids = iter(new_public_ids(sum(record.external_id not in stored for record in records)))
        for record in records:
            current = stored.get(record.external_id)
            if current is None:
                self._plan_new(record, next(public_ids))
                self.result.new += 1
                continue
            changed = self._plan_update(record, current)
            if changed:
                self.result.updated += 1
                if len(self.result.changes) < KEEP:
                    self.result.changes.append(Change(record.external_id, current["public_id"], changed))
            else:
                self.result.unchanged += 1
        if self.writing:
            self._flush()
        self._reset()

    def _new(self, model, **fields):
        """A planned row: on the COPY path without Model.__init__'s per-field work (pgcopy.new)."""
        return pgcopy.new(model, **fields) if self.copy else model(**fields)

    def _claim(self, record: EventRecord, spec: ClaimSpec, **links) -> CasualtyClaim:
        group = None
        if spec.actor:
            group = next(g for ref, g in zip(record.actors, record.groups, strict=True) if ref.value == spec.actor)
        return self._new(
            CasualtyClaim,
            claimant=self.spec.source_name,
            category=spec.category,
            group=group,
            killed_min=spec.killed_min,
            killed_max=spec.killed_max,
            **links,
        )

    def _report(self, record: EventRecord) -> Report:
        return self._new(
            Report,
            source=self.source,
            url="",
            language="en",
            retrieved_at=timezone.now(),
            ingested_by=self.user,
            **record.report,
        )

    def _participations(self, record: EventRecord) -> list[tuple[ArmedGroup, str]]:
        wanted = []
        for ref, group in zip(record.actors, record.groups, strict=True):
            if (group, ref.role) not in wanted:
                wanted.append((group, ref.role))
        return wanted

    @staticmethod
    def _toll(record: EventRecord, others: list[dict], best, pinned) -> dict:
        """The toll from the record's claims (one account) and the claims other reports make."""
        figures = [
            toll.ClaimFigures(("import",), c.category, c.killed_min, c.killed_max, None, None) for c in record.claims
        ]
        figures += [
            toll.ClaimFigures(
                (c["report_id"], c["claimant_person_id"], c["claimant"].strip().lower()),
                c["category"],
                c["killed_min"],
                c["killed_max"],
                c["injured_min"],
                c["injured_max"],
            )
            for c in others
        ]
        return toll_values(figures, best, pinned)

    def _new_toll(self, record: EventRecord, best, pinned) -> dict:
        """The toll of a new incident, which only its record's figures make: the same figures
        (a dataset gives a few hundred different ones) give the same toll."""
        key = (tuple((c.category, c.killed_min, c.killed_max) for c in record.claims), best, pinned)
        found = self._new_tolls.get(key)
        if found is None:
            found = self._new_tolls[key] = self._toll(record, [], best, pinned)
        return found

    def _plan_new(self, record: EventRecord, public_id: str) -> None:
        incident = self._new(
            Incident,
            **record.fields,
            public_id=public_id,
            status=self.status,
            created_by=self.user,
            changed_by=self.user,
        )
        if record.pinned_best is not None:
            incident.killed_best, incident.killed_best_pinned = record.pinned_best, True
        for name, value in self._new_toll(record, incident.killed_best, incident.killed_best_pinned).items():
            setattr(incident, name, value)
        report = self._report(record)
        self.new_incidents.append(incident)
        self.new_reports.append(report)
        self.new_claims += [self._claim(record, spec, incident=incident, report=report) for spec in record.claims]
        self.new_participations += [
            self._new(
                Participation,
                incident=incident,
                group=group,
                role=role,
                attribution=Attribution.ATTRIBUTED,
                report=report,
            )
            for group, role in self._participations(record)
        ]

    def _plan_update(self, record: EventRecord, current: dict) -> list[str]:
        wanted = dict(record.fields)
        if record.pinned_best is not None:
            wanted.update(killed_best=record.pinned_best, killed_best_pinned=True)
        changed = [name for name, value in wanted.items() if current[name] != value]
        report_id = current["report_id"]
        if report_id is None:
            report = self._report(record)
            self.new_reports.append(report)
            links = {"incident_id": current["id"], "report": report}
            report_changed = ["report"]
        else:
            links = {"incident_id": current["id"], "report_id": report_id}
            report_changed = [name for name, value in record.report.items() if current["report"][name] != value]
            if report_changed:
                self.report_updates[report_id] = dict(record.report)
                report_changed = [f"report {name.replace('_', ' ')}" for name in report_changed]
        claims_changed = self._plan_claims(record, current, links)
        parts_changed = self._plan_participations(record, current, links)
        if not (changed or report_changed or claims_changed or parts_changed):
            return []

        if claims_changed or {"killed_best", "killed_best_pinned"} & set(changed):
            others = [c for c in current["claims"] if c["report_id"] != report_id]
            best = wanted.get("killed_best", current["killed_best"])
            pinned = wanted.get("killed_best_pinned", current["killed_best_pinned"])
            wanted.update(self._toll(record, others, best, pinned))
        self.incident_updates[current["id"]] = wanted
        return (
            [name.removesuffix("_id") for name in changed]
            + report_changed
            + ["casualty claims"] * claims_changed
            + ["participants"] * parts_changed
        )

    def _plan_claims(self, record: EventRecord, current: dict, links: dict) -> bool:
        report_id = current["report_id"]
        owned = defaultdict(list)
        for claim in current["claims"]:
            if report_id is not None and claim["report_id"] == report_id:
                owned[(claim["category"], claim["group_id"])].append(claim)
        changed = False
        for spec in record.claims:
            claim = self._claim(record, spec, **links)
            key = (claim.category, claim.group.pk if claim.group else None)
            if (claim.group is not None and claim.group.pk is None) or not owned.get(key):
                self.new_claims.append(claim)
                changed = True
                continue
            stored = owned[key].pop(0)
            figures = {name: getattr(claim, name) for name in _CLAIM_FIGURES}
            if any(stored[name] != value for name, value in figures.items()):
                self.claim_updates[stored["id"]] = figures
                changed = True
        left = [claim["id"] for claims in owned.values() for claim in claims]
        self.deleted_claims += left
        return changed or bool(left)

    def _plan_participations(self, record: EventRecord, current: dict, links: dict) -> bool:
        report_id = current["report_id"]
        stored = {(part["group_id"], part["role"]): part for part in current["participations"]}
        wanted = self._participations(record)
        wanted_keys = {(group.pk, role) for group, role in wanted if group.pk is not None}
        changed = False
        for group, role in wanted:
            if group.pk is None or (group.pk, role) not in stored:
                self.new_participations.append(
                    self._new(Participation, group=group, role=role, attribution=Attribution.ATTRIBUTED, **links)
                )
                changed = True
        for key, part in stored.items():
            if report_id is not None and part["report_id"] == report_id and key not in wanted_keys:
                self.deleted_participations.append(part["id"])
                changed = True
        return changed

    # Writing ----------------------------------------------------------------------------------

    def _create(self, model, objs: list) -> None:
        if not objs:
            return
        if self.copy and model in COPIED:
            pgcopy.create(model, objs, user=self.user, reason=self.reason)
        elif _has_history(model):
            created = bulk_create_with_history(
                objs, model, batch_size=BATCH_SIZE, default_user=self.user, default_change_reason=self.reason
            )
            if created is not objs:
                for obj, saved in zip(objs, created, strict=True):
                    obj.pk = saved.pk
        else:
            model.objects.bulk_create(objs, batch_size=BATCH_SIZE)

    def _update(self, model, changes: dict[int, dict], extra: Callable[[object], None] | None = None) -> None:
        if not changes:
            return
        objs = list(model.objects.filter(pk__in=list(changes)))
        fields = set()
        for obj in objs:
            for name, value in changes[obj.pk].items():
                setattr(obj, name, value)
            fields.update(changes[obj.pk])
            if extra:
                fields.update(extra(obj))
        fields = sorted(fields)
        if self.copy and model in COPIED:
            model.objects.bulk_update(objs, fields, batch_size=BATCH_SIZE)
            pgcopy.write_history(
                model, [obj.pk for obj in objs], "~", user=self.user, reason=self.reason, sample=objs[0]
            )
        elif _has_history(model):
            bulk_update_with_history(
                objs, model, fields, batch_size=BATCH_SIZE, default_user=self.user, default_change_reason=self.reason
            )
        else:
            model.objects.bulk_update(objs, fields, batch_size=BATCH_SIZE)

    def _stamp(self, incident: Incident) -> list[str]:
        # bulk_update skips auto_now; the version bump makes an admin form opened before the
        # import refuse to save over it.
        incident.changed_at = timezone.now()
        incident.changed_by = self.user
        incident.version += 1
        return ["changed_at", "changed_by", "version"]

    def _flush(self) -> None:
        if self.source.pk is None:
            self.source.save()
        self._create(ArmedGroup, [group for group in self.actors.new_groups if group.pk is None])
        names = [ExternalName(group=g, dataset=self.spec.dataset, value=v) for g, v in self.actors.new_names]
        self._create(ExternalName, names)
        self.actors.new_names = []
        self._create(Incident, self.new_incidents)
        self._create(Report, self.new_reports)
        if self.deleted_claims:
            CasualtyClaim.objects.filter(pk__in=self.deleted_claims).delete()
        if self.deleted_participations:
            Participation.objects.filter(pk__in=self.deleted_participations).delete()
        self._create(CasualtyClaim, self.new_claims)
        self._create(Participation, self.new_participations)
        self._update(CasualtyClaim, self.claim_updates)
        self._update(Report, self.report_updates)
        # Last, so the toll written here wins over what deleting a claim recomputed.
        self._update(Incident, self.incident_updates, self._stamp)

    def missing_upstream(self, seen: dict[str, int], countries: set[int]) -> list[tuple[str, str]]:
        id_field = self.spec.id_field
        held = Incident.objects.filter(**{f"{id_field}__isnull": False}, country_id__in=countries)
        return sorted(
            (external_id, public_id)
            for external_id, public_id in held.values_list(id_field, "public_id").iterator(chunk_size=BATCH_SIZE)
            if external_id not in seen
        )


COPIED = (Incident, Report, CasualtyClaim, Participation)
_CLAIM_FIGURES = ("killed_min", "killed_max", "injured_min", "injured_max", "claimant")


def _has_history(model) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def default_rejects_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.rejects.csv")


def run_import(
    spec: DatasetSpec,
    path: str | Path,
    *,
    others: tuple[DatasetColumns, ...] = (),
    dry_run: bool = False,
    skip_invalid: bool = False,
    complete: bool = False,
    status: str = Status.PUBLISHED,
    rejects_path: str | Path | None = None,
    user=None,
    progress: Callable[[int, int, int], None] | None = None,
    file_name: str = "",
    batch_size: int | None = None,
    give_up_after: int = 0,
) -> ImportResult:
    """Import a dataset file in one transaction. Raises BadFile when the file cannot be read as
    the dataset at all; otherwise returns what happened. With a rejected row and no
    `skip_invalid`, or with `dry_run`, everything is rolled back. With `give_up_after`, reading
    stops once that many rows have been read and every one was rejected (`result.gave_up`)."""
    started = time.monotonic()
    path = Path(path)
    table = CsvTable(path, spec.columns, others)
    result = ImportResult(
        dataset=spec.columns.label,
        file_name=file_name or path.name,
        layout=table.layout.name,
        encoding=table.encoding,
        dry_run=dry_run,
        complete=complete,
        ignored_columns=table.ignored_columns,
    )
    if skip_invalid and rejects_path is None:
        rejects_path = default_rejects_path(path)
    rejects = RejectsWriter(Path(rejects_path) if rejects_path else None, table.header)
    seen: dict[str, int] = {}
    countries: set[int] = set()
    reasons = RejectReasons()
    try:
        with transaction.atomic():
            # The map summaries take the whole file at the end, not each batch (maps.deferral).
            with deferral.deferred(), collector_paused(), ExitStack() as bulk_load:
                writer = Writer(spec, result, status=status, user=user, writing=not dry_run)
                batch_size = batch_size or (COPY_BATCH_SIZE if writer.copy else BATCH_SIZE)
                batch: list[EventRecord] = []
                first_batch = True
                reported = None
                writer.geo.load_shapes()
                with closing(read_ahead(_parse(spec, table, writer.geo, seen))) as parsed:
                    for row, errors, record in parsed:
                        result.rows += 1
                        _keep(result, errors.warnings)
                        if record is None:
                            result.rejected += 1
                            result.rejects += errors.problems[: max(0, KEEP - len(result.rejects))]
                            rejects.write(row, errors.problems)
                            writer.writing = writer.writing and skip_invalid
                            if result.rows <= max(give_up_after, KEEP):
                                reasons.add(errors.problems)
                            if result.rows == result.rejected == give_up_after:
                                result.gave_up = True
                                break
                            continue
                        countries.add(record.fields["country_id"])
                        batch.append(record)
                        if len(batch) >= batch_size:
                            if first_batch and _bulk_load(writer, table.total_bytes / max(row.offset, 1) * result.rows):
                                bulk_load.enter_context(
                                    pgcopy.foreign_keys_set_aside(
                                        pgcopy.tables_and_histories(COPIED), [get_user_model()._meta.db_table]
                                    )
                                )
                                bulk_load.enter_context(pgcopy.indexes_set_aside(_bulk_load_tables()))
                                result.bulk_load = True
                            first_batch = False
                            writer.process(batch)
                            batch = []
                            collect_batch()
                        if progress and result.rows % batch_size == 0:
                            # How far the file had been read at this row, not how far the
                            # reader thread, some thousand rows ahead, has read it by now.
                            progress(result.rows, row.offset, table.total_bytes)
                            reported = (result.rows, row.offset)
                writer.process(batch)
                if progress and reported != (result.rows, table.total_bytes):
                    progress(result.rows, table.total_bytes, table.total_bytes)
                if result.rows == 0:
                    raise BadFile("The file has a header row but no data rows.")
                if complete:
                    result.missing = writer.missing_upstream(seen, countries)
                result.new_groups = [group.name for group in writer.actors.new_groups]
                result.written = not dry_run and (skip_invalid or not result.rejected)
                if not result.written:
                    # Marked now, so that what the block set aside (indexes, keys) or put off (the
                    # summaries) is not built for nothing on its way out. The block's last
                    # statement: Django runs no query in a transaction marked for rollback.
                    transaction.set_rollback(True)
            if result.written:
                # Bulk writes send no model signals: say so for the cached map answers.
                data_changed()
                if writer.copy and result.new >= ANALYZE_AFTER:
                    pgcopy.analyze([*COPIED, MapCell, MapWeek, MapFacet])
            else:
                transaction.set_rollback(True)
    except BadFile:
        rejects.discard()
        raise
    finally:
        rejects.close()
    if rejects.count:
        result.rejects_path = str(rejects.path)
    result.reasons = reasons.most_common()
    result.seconds = time.monotonic() - started
    return result


class _Collector:
    lock = threading.Lock()
    pauses = 0
    was_enabled = True
    freezes = True


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector held off while an import plans and writes: an import
    makes half a million model instances per 100,000 rows, and each collection the allocations set
    off walks every object the process holds (Django's, the governorates' shapes, the batch's),
    which took a sixth of a large import's time. What was there before is frozen (left out of
    collections) and the caller collects after each batch (`collect_batch`), so cycles made by a
    batch are still freed. For the whole process while any import runs; the last to end restores it."""
    with _Collector.lock:
        _Collector.pauses += 1
        if _Collector.pauses == 1:
            _Collector.was_enabled = gc.isenabled()
            # Objects frozen by someone else (a server freezing what it preloaded) stay frozen:
            # then nothing is frozen or unfrozen here.
            _Collector.freezes = gc.get_freeze_count() == 0
            gc.disable()
            if _Collector.freezes:
                gc.freeze()
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.pauses -= 1
            if _Collector.pauses == 0:
                if _Collector.freezes:
                    gc.unfreeze()
                if _Collector.was_enabled:
                    gc.enable()


def collect_batch() -> None:
    """The cycles among the objects made since the collector was paused, freed: those made since
    the last batch (the youngest generation) and those that outlived an earlier batch (the middle
    one: records read ahead, the writer's caches), never what was frozen."""
    gc.collect(1)


def _bulk_load_tables() -> list[str]:
    """The tables whose indexes a bulk load sets aside: those it fills and their histories. The
    participations' unique index (incident, group, role) stays, like every unique one, and finds
    each batch's groups for the map's group keys (maps.facets)."""
    return pgcopy.tables_and_histories(COPIED)


def _bulk_load(writer: Writer, expected_rows: float) -> bool:
    """Whether an import expected to bring `expected_rows` rows is a bulk load (BULK_LOAD_ROWS)."""
    if not (writer.copy and writer.writing and writer.first_import):
        return False
    return expected_rows >= BULK_LOAD_ROWS and expected_rows >= Incident.objects.count()


def _parse(spec: DatasetSpec, table: CsvTable, geo: GeoLookups, seen: dict[str, int]):
    """Each row with its problems and its record (None when rejected); run by `read_ahead` in a
    second thread, so it touches no database (`geo` has its shapes loaded)."""
    for row in table.rows():
        errors = ImportErrors(row.line)
        errors.problems += row.problems
        external_id = cell(row.values, spec.id_column)
        if external_id in seen:
            errors.add(spec.id_column, f"repeats event {external_id} of line {seen[external_id]}")
        elif external_id:
            seen[external_id] = row.line
        record = None if errors else spec.build(row, geo, errors)
        if errors or record is None:
            table.check_layout(row)
            record = None
        yield row, errors, record


def _keep(result: ImportResult, warnings: list[Problem]) -> None:
    result.warning_count += len(warnings)
    result.warnings += warnings[: max(0, KEEP - len(result.warnings))]


class ImportCommand(BaseCommand):
    """`manage.py import_acled FILE` / `import_ucdp FILE`: the import, its report, and progress on stderr."""

    importer: Callable[..., ImportResult]
    dataset_label = ""
    # How many of each kind of line the report prints; the counts are always complete.
    SHOWN = 200

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"A {self.dataset_label} CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and write the rejected ones to a CSV (see --rejects). "
            "Without it, any rejected row means nothing is written.",
        )
        parser.add_argument(
            "--rejects",
            metavar="FILE",
            help="Where to write rejected rows (default: FILE.rejects.csv next to the input).",
        )
        parser.add_argument(
            "--complete",
            action="store_true",
            help="The file is the whole dataset for the countries it covers: list events held but absent from it.",
        )
        parser.add_argument(
            "--status",
            choices=[Status.PUBLISHED, Status.DRAFT],
            default=Status.PUBLISHED,
            help="Status of new incidents (default: published).",
        )
        parser.add_argument("--user", help="Username recorded as the importer (creator and history).")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user “{options['user']}”.")
        try:
            result = self.importer(
                options["file"],
                dry_run=options["dry_run"],
                skip_invalid=options["skip_invalid"],
                complete=options["complete"],
                status=options["status"],
                rejects_path=options["rejects"],
                user=user,
                progress=self._progress,
            )
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}") from None
        except BadFile as error:
            raise CommandError(f"{options['file']}: {error} Nothing was written.") from None
        self._report(result)
        if result.rejected and not options["skip_invalid"]:
            raise CommandError(
                f"{result.rejected:,} rows rejected: nothing was written. "
                "Fix them, or import the valid rows with --skip-invalid."
            )

    def _progress(self, rows: int, done: int, total: int) -> None:
        percent = 100 * done / total if total else 100
        self.stderr.write(f"{rows:,} rows read ({percent:.0f}%)")

    def _lines(self, title: str, lines: list[str], total: int) -> None:
        if not total:
            return
        self.stdout.write(title)
        for line in lines[: self.SHOWN]:
            self.stdout.write(f"  {line}")
        if total > min(len(lines), self.SHOWN):
            self.stdout.write(f"  … and {total - min(len(lines), self.SHOWN):,} more")

    def _report(self, result: ImportResult) -> None:
        self.stdout.write(result.summary())
        if result.bulk_load:
            self.stdout.write("A bulk load: the tables' indexes were set aside and built again at the end.")
        if result.ignored_columns:
            self.stdout.write(f"Columns not imported: {', '.join(result.ignored_columns)}")
        self._lines(
            "Updated:",
            [f"{c.external_id} ({c.public_id}): {', '.join(c.fields)}" for c in result.changes],
            result.updated,
        )
        self._lines(
            "Rejected rows:",
            [f"line {p.line}{', ' + p.column if p.column else ''}: {p.reason}" for p in result.rejects],
            len(result.rejects),
        )
        if result.rejects_path:
            self.stdout.write(f"Rejected rows written to {result.rejects_path}")
        self._lines(
            "Warnings:", [f"line {p.line}, {p.column}: {p.reason}" for p in result.warnings], result.warning_count
        )
        self._lines(
            "Held but absent from this complete file (deleted upstream?), kept as they are:",
            [f"{external_id} ({public_id})" for external_id, public_id in result.missing],
            len(result.missing),
        )
