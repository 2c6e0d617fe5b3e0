"""The records as they stood at a moment, read from the history tables.

django-simple-history writes a row to a record's history table on every save and delete (imports
write theirs in bulk, datasets.pgcopy), each with its `history_date`. A record as it stood at a
moment is its latest history row written by then, unless that row records its deletion; a record
whose first row is later did not exist yet. Nothing is copied: a release is only a named moment.

What history does not keep is read as it is now: the link between a statement and its incidents
(a many-to-many without history: a statement is public at a moment when one of the incidents it is
linked to now was published then), a group's countries, the names of countries and governorates,
and the places an incident reads its names from. The incident's search key, not kept by history
either, is the current one: a search as of a moment finds incidents by their names today.
"""

from django.db.models import Exists, F, OuterRef, Prefetch, Subquery, prefetch_related_objects

from geo.models import AdminArea, Country
from incidents.models import Casualty, CasualtyClaim, Incident, IncidentLink, Participation, Statement
from incidents.models.choices import Status
from incidents.models.periods import PeriodEnd, PeriodStart

STATEMENT_INCIDENTS = Statement.incidents.through


def current_rows(model):
    """The rows of `model` as they stand: what callers read where no moment is asked for, in place
    of `rows_as_of`."""
    return model.objects.all()


def rows_as_of(model, moment):
    """The history rows of `model` that hold its records as they stood at `moment`, one per record."""
    history = model.history.model
    written = history.objects.filter(history_date__lte=moment)
    later = written.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    return written.filter(~Exists(later)).exclude(history_type="-")


def rows_at(model, moment=None):
    """The records of `model` as they stand (moment None) or their history rows of `moment`: both
    hold the record's id as `id` and each foreign key as `<name>_id`, so one query serves either."""
    return current_rows(model) if moment is None else rows_as_of(model, moment)


def records(rows, moment=None) -> list:
    """The records `rows_at(model, moment)` (or a narrowing of it) holds, as model instances."""
    return list(rows) if moment is None else instances(rows)


def incident_rows(moment, statuses=(Status.PUBLISHED,)):
    """The incidents with one of `statuses` at `moment` (published ones by default), as history
    rows carrying the columns the filters and sorts read: the period at the date precision then,
    the governorate's name and the current search key."""
    current = Incident.objects.filter(pk=OuterRef("id"))
    return (
        rows_as_of(Incident, moment)
        .filter(status__in=statuses, merged_into__isnull=True)
        .annotate(
            period_start=PeriodStart(),
            period_end=PeriodEnd(),
            admin_area_name=F("admin_area__name_en"),
            search_text=Subquery(current.values("search_text")[:1]),
        )
    )


def _instance(row):
    """The model instance a history row holds, without a query (simple-history's own reads the
    fields history leaves out, once per row)."""
    model = row.instance_type
    values = {field.attname: getattr(row, field.attname) for field in row.tracked_fields}
    instance = model(**values)
    instance._state.adding = False
    instance._state.db = row._state.db
    return instance


def instances(rows) -> list:
    return [_instance(row) for row in rows]


def related_as_of(records: list, moment, *fields: str) -> None:
    """Point each record's foreign keys `fields` (a group, a person) at the records as they stand
    (moment None: `prefetch_related_objects`) or as they stood at `moment`, so that a name reads as it
    then did; a record history lacks is read as it is."""
    if moment is None:
        prefetch_related_objects(records, *fields)
        return
    for field in fields:
        keys = {getattr(record, f"{field}_id") for record in records} - {None}
        if not keys:
            continue
        model = records[0]._meta.get_field(field).related_model
        found = {row.pk: row for row in instances(rows_as_of(model, moment).filter(id__in=keys))}
        found.update(model.objects.in_bulk(keys - found.keys()))
        for record in records:
            key = getattr(record, f"{field}_id")
            if key is not None:
                # Deleted since (a SET_NULL writes no history row): none, as the record now reads.
                setattr(record, field, found.get(key))


def _attach(records: list, name: str, rows_by_record: dict) -> None:
    # The reverse managers read what is attached under their name as already fetched: the
    # templates and serializers written for the current records read these unchanged.
    for record in records:
        record._prefetched_objects_cache = getattr(record, "_prefetched_objects_cache", {})
        record._prefetched_objects_cache[name] = rows_by_record.get(record.pk, [])


def _grouped(rows, key: str) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def incidents_with_parts(rows, moment) -> list[Incident]:
    """Incidents from their history rows, with their countries and governorates, and their
    participations, claims, casualties, statements and links as they stood at `moment`, attached
    where the incident's own managers (`incident.claims.all()`) find them."""
    incidents = instances(rows)
    if not incidents:
        return incidents
    ids = [incident.pk for incident in incidents]
    prefetch_related_objects(
        incidents,
        Prefetch("country", queryset=Country.objects.defer("geometry")),
        Prefetch("admin_area", queryset=AdminArea.objects.defer("geometry", "alt_names")),
        "place",
    )
    # Each part, what it reads beside it as it is now, and the groups and people it names as they were.
    parts = {
        "participations": (Participation, ["report__source"], ["group"]),
        "claims": (CasualtyClaim, ["report__source"], ["claimant_person", "group"]),
        "casualties": (Casualty, ["claim__claimant_person", "report__source"], ["person"]),
    }
    for name, (model, related, named) in parts.items():
        found = instances(rows_as_of(model, moment).filter(incident_id__in=ids).order_by("id"))
        prefetch_related_objects(found, *related)
        related_as_of(found, moment, *named)
        _attach(incidents, name, _grouped(found, "incident_id"))
    _attach(incidents, "statements", _statements(ids, moment))
    published = incident_rows(moment, (Status.PUBLISHED, Status.RETRACTED)).values("id")
    links = rows_as_of(IncidentLink, moment)
    out = instances(links.filter(from_incident_id__in=ids, to_incident_id__in=published).order_by("id"))
    into = instances(links.filter(to_incident_id__in=ids, from_incident_id__in=published).order_by("id"))
    prefetch_related_objects(out, "to_incident", "report")
    prefetch_related_objects(into, "from_incident", "report")
    _attach(incidents, "links_out", _grouped(out, "from_incident_id"))
    _attach(incidents, "links_in", _grouped(into, "to_incident_id"))
    return incidents


def _statements(ids: list[int], moment) -> dict[int, list]:
    pairs = list(STATEMENT_INCIDENTS.objects.filter(incident_id__in=ids).values_list("incident_id", "statement_id"))
    rows = rows_as_of(Statement, moment).filter(id__in=[statement for _, statement in pairs])
    statements = {statement.pk: statement for statement in instances(rows.order_by("said_on", "id"))}
    prefetch_related_objects(list(statements.values()), "report__source")
    related_as_of(list(statements.values()), moment, "speaker", "body_group")
    incidents_of = _grouped_pairs(pairs)
    found: dict[int, list] = {}
    for statement in statements.values():  # in the order they were said
        for incident_id in incidents_of[statement.pk]:
            found.setdefault(incident_id, []).append(statement)
    return found


def _grouped_pairs(pairs) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for incident_id, statement_id in pairs:
        grouped.setdefault(statement_id, []).append(incident_id)
    return grouped


def statements_with_incidents(rows, moment, statuses=(Status.PUBLISHED,)) -> list[Statement]:
    """Statements from their history rows, with their speakers, bodies and reports, and the incidents
    they concern that had one of `statuses` at `moment`, as they then stood (`statement.incidents.all()`)."""
    statements = instances(rows)
    prefetch_related_objects(statements, "report__source")
    related_as_of(statements, moment, "speaker", "body_group")
    pairs = list(
        STATEMENT_INCIDENTS.objects.filter(statement_id__in=[s.pk for s in statements]).values_list(
            "incident_id", "statement_id"
        )
    )
    found = incident_rows(moment, statuses).filter(id__in=[incident for incident, _ in pairs]).order_by("start_date")
    incidents = {incident.pk: incident for incident in instances(found)}
    about = {}
    for statement_id, incident_ids in _grouped_pairs(pairs).items():
        about[statement_id] = [incidents[i] for i in incidents if i in set(incident_ids)]
    _attach(statements, "incidents", about)
    return statements
