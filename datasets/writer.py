"""Writing a dataset's events: each batch of records planned against what is stored, then written.

Each event becomes an incident keyed on its dataset id (`acled_event_id`, `ucdp_id`) with one
report from the dataset's source, the casualty claims and participations citing that report.
The import owns those: the incident fields listed in the dataset's `managed` tuple, the report,
and the claims and participations citing it. Anything staff added (other reports' claims,
statements, links, other participations, the status) is left alone.

A row whose values match what is stored is "unchanged" and costs no write at all. Lookups (groups,
their aliases and dataset names, countries, governorates) are read once; each batch of rows costs
a handful of queries to read what is stored and bulk writes for what changed.
"""

from collections import defaultdict
from collections.abc import Callable

from django.utils import timezone

from datasets import pgcopy, saving
from datasets.actors import ActorResolver
from datasets.keeping import PARTICIPANTS, imported_fields, participants_key
from datasets.models import DatasetRow
from datasets.places import GeoLookups
from datasets.records import KEEP, Change, ClaimSpec, DatasetSpec, EventRecord, ImportResult
from incidents import toll
from incidents.models import (
    ArmedGroup,
    CasualtyClaim,
    ExternalName,
    Incident,
    Participation,
    Report,
    Source,
)
from incidents.models.choices import Attribution, ParticipationRole, SourceKind
from incidents.toll import TOLL_FIELDS

BATCH_SIZE = saving.BATCH_SIZE
_CLAIM_FIGURES = ("killed_min", "killed_max", "injured_min", "injured_max", "claimant")


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


def make_title(record: EventRecord) -> str:
    """ "Air/drone strike: Harakat al-Nujaba → U.S. forces, Baghdad"; parties with no direction
    (UCDP's sides) "State-based violence: Government of Iraq vs IS, Al Fallūjah town"."""
    roles = ParticipationRole
    names = {roles.PERPETRATOR: [], roles.TARGET: [], roles.SIDE_A: [], roles.SIDE_B: []}
    for ref, group in zip(record.actors, record.groups, strict=True):
        if ref.role in names and group.name not in names[ref.role]:
            names[ref.role].append(group.name)
    if record.civilian_target:
        names[roles.TARGET].append("Civilians")
    if names[roles.SIDE_A] or names[roles.SIDE_B]:
        title = f"{record.what}: {' vs '.join(' & '.join(names[side]) for side in (roles.SIDE_A, roles.SIDE_B))}"
    else:
        title = f"{record.what}: {' & '.join(names[roles.PERPETRATOR]) or 'unidentified'}"
    if names[roles.TARGET]:
        title += f" → {' & '.join(names[roles.TARGET])}"
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
        # New rows by COPY (datasets.saving).
        self.copy = saving.copies()
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
        # The rows kept (DatasetRow), new and changed, with their records.
        self.new_rows: list[tuple[DatasetRow, EventRecord]] = []
        self.row_updates: dict[int, tuple[dict, EventRecord]] = {}

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
            row.update(participations=[], claims=[], report=None, report_id=None, kept=None)
        for kept in DatasetRow.objects.filter(incident_id__in=list(by_pk), dataset=self.spec.dataset).values(
            "id", "incident_id", "layout", "values", "imported"
        ):
            by_pk[kept["incident_id"]]["kept"] = kept
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
        for record in records:
            current = stored.get(record.external_id)
            if current is None:
                self._plan_new(record)
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

    def _plan_new(self, record: EventRecord) -> None:
        incident = self._new(
            Incident,
            **record.fields,
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
        self.new_rows.append((self._kept_row(record, incident=incident), record))

    def _kept_row(self, record: EventRecord, **incident) -> DatasetRow:
        dataset, layout = self.spec.dataset, self.result.layout
        return self._new(DatasetRow, **incident, dataset=dataset, layout=layout, values=record.kept, imported={})

    def _imported(self, record: EventRecord) -> dict | None:
        """What DatasetRow.imported keeps of the record: None while a group of it is not saved."""
        parts = self._participations(record)
        if any(group.pk is None for group, _ in parts):
            return None
        key = participants_key((group.pk, role) for group, role in parts)
        return imported_fields(record.fields, self.spec.managed) | {PARTICIPANTS: key}

    def _plan_kept(self, record: EventRecord, current: dict) -> bool:
        """The kept row planned: whether it is new or changed."""
        kept = current["kept"]
        if kept is None:
            self.new_rows.append((self._kept_row(record, incident_id=current["id"]), record))
            return True
        wanted = {"values": record.kept, "layout": self.result.layout}
        if all(kept[name] == value for name, value in wanted.items()) and kept["imported"] == self._imported(record):
            return False
        self.row_updates[kept["id"]] = (wanted, record)
        return True

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
        # The kept row alone changed (a column the tracker holds nothing of): the incident is as it was.
        kept_changed = ["dataset row"] * self._plan_kept(record, current)
        if not (changed or report_changed or claims_changed or parts_changed):
            return kept_changed

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
            + kept_changed
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
        saving.create(model, objs, user=self.user, reason=self.reason)

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
        saving.update(model, objs, sorted(fields), user=self.user, reason=self.reason)

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
        for row, record in self.new_rows:
            row.imported = self._imported(record)
        self._create(DatasetRow, [row for row, _ in self.new_rows])
        updates = {pk: {**wanted, "imported": self._imported(rec)} for pk, (wanted, rec) in self.row_updates.items()}
        self._update(DatasetRow, updates)
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
