"""The exports written by PostgreSQL: each keyset batch is one query whose answer is the batch's
text, formatted in SQL exactly as `records` formats it in Python (the tests
compare the two byte for byte), so Python only passes the text on.

The rows are still chosen by the queryset: the ORM compiles its batch query (the queryset's WHERE,
ORDER BY and LIMIT, with the keyset condition) with its own parameters, and this module wraps it.
Each batch is one short transaction (its settings, its query), so no cursor or transaction stays
open across a slow download.

Where the SQL must take care to agree with Python:
- floats: PostgreSQL writes 44.0 as `44`, Python as `44.0` (the check constraints keep latitude
  and longitude within ±180, where both otherwise write the same shortest digits);
- dates in the ISO DateStyle the batch sets for itself; times with microseconds as six digits;
  the last change in UTC through to_char;
- JSON text through to_json, which escapes exactly the characters json.dumps escapes;
- group names sorted by Python's casefold, which no collation reproduces: the order comes from a
  ranking of every group made in Python (redone when a batch meets a group newer than it);
- empty text and NULL are both an empty CSV cell, and quoting follows csv.writer's rule.
"""

import json
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future

from django.db import connections, transaction
from django.db.models import QuerySet

from incidents.exports.layout import (
    BATCH_SIZE,
    COLUMNS,
    EVENT_TYPES,
    FIELDS,
    FORMULA_TRIGGERS,
    GEOJSON_CLOSING,
    GEOJSON_OPENING,
    LIST_SEPARATOR,
    SOURCE_SEPARATOR,
    SUB_EVENT_TYPES,
    csv_opening,
    detail_url_parts,
)
from incidents.keyset import SortKey, batches, id_set, sort_keys
from incidents.models import ArmedGroup
from incidents.models.choices import ParticipationRole
from incidents.toll import COUNT_FIELDS


def csv_chunks(
    queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE, moment=None
) -> Iterator[str]:
    """The same text as `records.csv_chunks(records.iter_records(...))`, in one chunk per batch
    after the header, which comes before any query."""
    yield csv_opening()
    for text in _batches(queryset, absolute, batch_size, _CSV, moment):
        yield text + "\r\n"


def geojson_chunks(
    queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE, moment=None
) -> Iterator[str]:
    """The same text as `records.geojson_chunks(records.iter_records(...))`."""
    yield GEOJSON_OPENING
    separator = "\n"
    for text in _batches(queryset, absolute, batch_size, _GEOJSON, moment):
        yield separator + text
        separator = ",\n"
    yield GEOJSON_CLOSING


# Batches written at once, each over its own connection, so that PostgreSQL writes them on as many
# cores; the rows of each are chosen beforehand, in order, over the request's connection.
PARALLEL = 2


def _batches(queryset: QuerySet, absolute: Callable[[str], str], batch_size: int, layout, moment) -> Iterator[str]:
    writer = _BatchWriter(queryset, absolute, layout, moment)
    batches = _batch_ids(queryset, writer.keys, batch_size)
    if PARALLEL < 2 or connections[queryset.db].in_atomic_block:
        # Inside a transaction, other connections could not see what it has written but not committed.
        yield from filter(None, map(writer.text, batches))
        return
    pending = deque()
    with _Workers(PARALLEL, queryset.db) as workers:
        try:
            for ids in batches:
                pending.append(workers.submit(writer.text, ids))
                if len(pending) == PARALLEL and (text := pending.popleft().result()):
                    yield text
            while pending:
                if text := pending.popleft().result():
                    yield text
        finally:
            # A reader that stopped early: the batches not begun are not written.
            for future in pending:
                future.cancel()


def _batch_ids(queryset: QuerySet, keys: list[SortKey], batch_size: int) -> Iterator[list[int]]:
    """The ids of each batch in export order (the sort keys end with the id)."""
    rows = queryset.values(*{"id": None, **{key.path: None for key in keys}})
    for batch in batches(rows, keys, batch_size):
        yield [row["id"] for row in batch]


class _BatchWriter:
    """The text of a batch of incidents, given their ids, in one query and one short transaction
    of whichever thread's connection asks."""

    def __init__(self, queryset: QuerySet, absolute: Callable[[str], str], layout, moment=None):
        self.keys = sort_keys(queryset)
        key_paths = ["id", *[key.path for key in self.keys if key.path != "id"]]
        # The batch query reads every value the text needs, so no row is looked up again.
        self.paths = [*key_paths, *[path for path in FIELDS if path not in key_paths]]
        self.query = _query(self.paths, self.keys, layout, moment)
        # The rows as stored now; or, at a moment, the history row of each incident standing then.
        self.rows = queryset.model._base_manager if moment is None else queryset
        self.using = queryset.db
        head, tail = detail_url_parts(absolute)
        # The query's arguments before the ranking and the batch's own.
        self.constants = [head, tail, json.dumps(EVENT_TYPES), json.dumps(SUB_EVENT_TYPES)]
        self.ranks = None

    def text(self, ids: list[int]) -> str | None:
        """None when none of the rows is there any more (deleted since their ids were read)."""
        batch = self.rows.using(self.using).filter(id__in=id_set(ids, self.using))
        sql, params = batch.values_list(*self.paths).order_by().query.get_compiler(using=self.using).as_sql()
        while True:
            ranks = self.ranks or _group_ranks()
            self.ranks = ranks
            arguments = [*self.constants, ranks, *params]
            with (
                transaction.atomic(using=self.using, savepoint=False),
                connections[self.using].cursor() as cursor,
            ):
                cursor.execute(_SETTINGS)
                cursor.execute(self.query.replace(_BATCH_ROWS, sql), arguments)
                text, unranked = cursor.fetchone()
            if not unranked:
                return text
            # A group made since the ranking: rank again, and write this batch again.
            self.ranks = None


class _Workers:
    """Threads that run functions in turn, each thread over its own database connection, closed
    when the threads stop (on leaving the block, also when the consumer stops reading early)."""

    def __init__(self, count: int, using: str):
        self.using = using
        self.tasks: queue.SimpleQueue = queue.SimpleQueue()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        for _ in self.threads:
            self.tasks.put(None)
        for thread in self.threads:
            thread.join()

    def submit(self, function, *args) -> Future:
        future = Future()
        self.tasks.put((future, function, args))
        return future

    def _run(self) -> None:
        try:
            while (task := self.tasks.get()) is not None:
                future, function, args = task
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(function(*args))
                    except BaseException as error:  # handed to the thread that waits for it
                        future.set_exception(error)
        finally:
            connections[self.using].close()


# For the batch's transaction only. Dates and numbers are written by the output functions these
# settings fix; compiling the query to machine code (its estimated cost asks for it) takes longer
# than running it for a batch.
_SETTINGS = (
    "SELECT set_config('datestyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true),"
    " set_config('jit', 'off', true)"
)


def _group_ranks() -> str:
    """Every group's place in the order the Python path sorts names within a role, as a JSON object
    by id (PostgreSQL finds a key of a jsonb object by binary search)."""
    groups = sorted(ArmedGroup.objects.values_list("id", "name").order_by(), key=lambda g: (g[1].casefold(), g[1]))
    return json.dumps({str(pk): rank for rank, (pk, _) in enumerate(groups)})


# The query ----------------------------------------------------------------------------------------

_BATCH_ROWS = "/* the batch's rows */"


def _query(paths: list[str], keys: list[SortKey], layout, moment=None) -> str:
    """One batch: its text and how many of its group names the ranking lacks. _BATCH_ROWS stands
    for the query of the batch's rows (the values of `paths`). With a `moment`, the incidents'
    participations, claims and statements are those standing then (`_part`)."""

    def _part(table: str, key: str, value: str, columns: str) -> str:
        if moment is None:
            return _row(f"incidents_{table}", key, value, columns)
        return _row_as_of(f"incidents_historical{table}", key, value, columns, moment)

    columns = [f"c{index}" for index in range(len(paths))]
    by_path = dict(zip(paths, columns, strict=True))
    order = ", ".join(key.sql(by_path[key.path]) for key in keys)
    return f"""
WITH args AS (
    SELECT %s::text AS head, %s::text AS tail, %s::jsonb AS event_types, %s::jsonb AS sub_event_types,
        %s::jsonb AS ranks
),
batch AS MATERIALIZED (SELECT * FROM ({_BATCH_ROWS}) AS s({", ".join(columns)})),
parts AS (
    SELECT b.c0 AS incident_id, p.role, g.name, (args.ranks ->> p.group_id::text)::bigint AS pos
    FROM batch b
    CROSS JOIN args
    CROSS JOIN LATERAL ({_part("participation", "incident_id", "b.c0", "role, group_id")}) p
    CROSS JOIN LATERAL ({_row("incidents_armedgroup", "id", "p.group_id", "name")}) g
),
groups AS (
    SELECT incident_id, {_group_lists(layout)}, count(*) FILTER (WHERE pos IS NULL) AS unranked
    FROM parts GROUP BY incident_id
),
cited_reports AS (
    SELECT b.c0 AS incident_id, cc.report_id
    FROM batch b
    CROSS JOIN LATERAL ({_part("casualtyclaim", "incident_id", "b.c0", "report_id")}) cc
    UNION
    SELECT b.c0, st.report_id
    FROM batch b
    CROSS JOIN LATERAL ({_row("incidents_statement_incidents", "incident_id", "b.c0", "statement_id")}) si
    CROSS JOIN LATERAL ({_part("statement", "id", "si.statement_id", "report_id")}) st
),
cited AS (
    SELECT DISTINCT x.incident_id, r.published_on, s.name AS source, r.title, r.url
    FROM cited_reports x
    CROSS JOIN LATERAL ({_row("incidents_report", "id", "x.report_id", "published_on, title, url, source_id")}) r
    CROSS JOIN LATERAL ({_row("incidents_source", "id", "r.source_id", "name")}) s
),
sources AS (
    SELECT incident_id, {layout.aggregate(_SOURCE_LINE, SOURCE_SEPARATOR, _SOURCE_ORDER)} AS sources
    FROM cited GROUP BY incident_id
),
vals AS (
    SELECT b.*, coalesce(grp.unranked, 0) AS unranked, {_values(layout)}
    FROM batch b
    CROSS JOIN args
    CROSS JOIN LATERAL (SELECT {_columns(by_path, "", "__")}) i
    CROSS JOIN LATERAL (SELECT {_columns(by_path, "admin_area__")}) a
    CROSS JOIN LATERAL (SELECT {_columns(by_path, "country__")}) c
    LEFT JOIN groups grp ON grp.incident_id = b.c0
    LEFT JOIN sources src ON src.incident_id = b.c0
    OFFSET 0
),
lines AS (SELECT vals.*, {layout.line()} FROM vals OFFSET 0)
SELECT string_agg({layout.finish()}, {layout.separator} ORDER BY {order}), sum(unranked) FROM lines
"""


def _columns(by_path: dict[str, str], prefix: str, exclude: str = "") -> str:
    """The batch's columns for the fields under `prefix` (not those whose path holds `exclude`),
    named as the fields: `i.title`, `a.name_en`."""
    names = [
        f"b.{column} AS {path.removeprefix(prefix)}"
        for path, column in by_path.items()
        if path.startswith(prefix) and not (exclude and exclude in path.removeprefix(prefix)) and path != "id"
    ]
    return ", ".join(names)


def _row(table: str, key: str, value: str, columns: str) -> str:
    """The rows of `table` whose `key` is `value`, found through its index: OFFSET 0 keeps the
    planner from turning the lookups of a batch into a scan of the whole table (it misjudges how
    many rows a batch holds)."""
    return f"SELECT {columns} FROM {table} WHERE {key} = {value} OFFSET 0"


def _row_as_of(history: str, key: str, value: str, columns: str, moment) -> str:
    """`_row` of a history table as it stood at `moment`: of each record whose `key` is `value`,
    its latest row written by then, unless that records its deletion (as releases.asof reads it)."""
    at = f"{_literal(moment.isoformat())}::timestamptz"
    return (
        f"SELECT {columns} FROM {history} h WHERE h.{key} = {value} AND h.history_date <= {at} "
        f"AND h.history_type <> '-' AND NOT EXISTS (SELECT 1 FROM {history} n WHERE n.id = h.id "
        f"AND n.history_date <= {at} AND n.history_id > h.history_id) OFFSET 0"
    )


def _literal(text: str) -> str:
    """A string constant in SQL; control characters through chr(), so no escape syntax is involved
    (PostgreSQL folds the concatenation into a constant when it plans the query)."""
    parts = [f"chr({ord(char)})" if ord(char) < 32 else "'" + char.replace("'", "''") + "'" for char in text]
    return "(" + " || ".join(parts) + ")" if parts else "''"


def _regex_class(chars: str) -> str:
    """A regular expression bracket matching any of `chars`, as an SQL expression."""
    ordered = sorted(chars, key=lambda char: (char != "-", char))  # a leading hyphen is literal
    return f"('[' || {_literal(''.join(ordered))} || ']')"


# Per-column values, as text (NULL where the Python record holds None) -----------------------------

_ROLE_COLUMNS = {
    "perpetrators": ParticipationRole.PERPETRATOR,
    "associated_perpetrators": ParticipationRole.ASSOCIATED_PERPETRATOR,
    "targets": ParticipationRole.TARGET,
    "associated_targets": ParticipationRole.ASSOCIATED_TARGET,
    "side_a": ParticipationRole.SIDE_A,
    "side_b": ParticipationRole.SIDE_B,
}
_SOURCE_URL = "CASE WHEN url <> '' THEN ' <' || url || '>' ELSE '' END"
_SOURCE_LINE = f"source || ', ' || published_on::text || ', ' || title || {_SOURCE_URL}"
# Python sorts the (date, source, title, url) tuples by code point: "C" compares UTF-8 bytes, the same order.
_SOURCE_ORDER = 'published_on, source COLLATE "C", title COLLATE "C", url COLLATE "C"'
# Python writes str(code) for each item of the JSON list.
_MEANS_ITEM = (
    "CASE jsonb_typeof(m.item) WHEN 'string' THEN m.item #>> '{}' WHEN 'boolean' THEN initcap(m.item::text)"
    " WHEN 'null' THEN 'None' ELSE m.item::text END"
)
_MEANS_ITEMS = (
    "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END)"
    " WITH ORDINALITY AS m(item, n)"
)
# quote(public_id, safe=""): unreserved ASCII as is, every other character as its UTF-8 bytes, %XX each.
_UNRESERVED = "'^[A-Za-z0-9_.~-]*$'"
_URL_ID = (
    f"CASE WHEN i.public_id ~ {_UNRESERVED} THEN i.public_id ELSE ("
    f"SELECT string_agg(CASE WHEN ch ~ {_UNRESERVED} THEN ch"
    " ELSE regexp_replace(upper(encode(convert_to(ch, 'UTF8'), 'hex')), '(..)', '%%\\1', 'g') END, '' ORDER BY n)"
    " FROM unnest(regexp_split_to_array(i.public_id, '')) WITH ORDINALITY AS chars(ch, n)) END"
)


def _float(column: str) -> str:
    # repr(): the shortest digits that read back the same, as PostgreSQL writes them with
    # extra_float_digits 1, except that a whole number keeps ".0".
    return f"CASE WHEN {column} = trunc({column}) THEN {column}::text || '.0' ELSE {column}::text END"


_TEXTFIELDS = {
    "public_id": "i.public_id",
    "url": f"args.head || {_URL_ID} || args.tail",
    "title": "i.title",
    "start_date": "i.start_date::text",
    "end_date": "i.end_date::text",
    "date_precision": "i.date_precision",
    # time.isoformat(): microseconds, when there are any, as six digits.
    "time_utc": "CASE WHEN length(i.time_utc::text) > 8 THEN rpad(i.time_utc::text, 15, '0') ELSE i.time_utc::text END",
    "event_type": "coalesce(args.event_types ->> i.event_type, i.event_type)",
    "sub_event_type": "coalesce(args.sub_event_types ->> i.sub_event_type, i.sub_event_type)",
    "place_name": "i.place_name",
    "district": "i.district",
    "governorate": "a.name_en",
    "governorate_code": "a.iso_code",
    "country": "c.name_en",
    "country_code": "c.iso2",
    "location_precision": "i.location_precision",
    "status": "i.status",
    "acled_event_id": "i.acled_event_id",
    "ucdp_id": "i.ucdp_id",
    "changed_at": "to_char(i.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
}
_NUMBERFIELDS = {
    "latitude": _float("i.latitude"),
    "longitude": _float("i.longitude"),
    **{column: f"i.{column}::text" for column in COUNT_FIELDS},
    "contested": "CASE WHEN i.contested THEN 'true' WHEN NOT i.contested THEN 'false' END",
}
_LISTS = {"means", *_ROLE_COLUMNS, "sources"}


def _group_lists(layout) -> str:
    return ", ".join(
        f"{layout.aggregate('name', LIST_SEPARATOR, 'pos', where=f'role = {_literal(role)}')} AS {column}"
        for column, role in _ROLE_COLUMNS.items()
    )


def _values(layout) -> str:
    values = {
        **_TEXTFIELDS,
        **_NUMBERFIELDS,
        "means": f"(SELECT {layout.aggregate(_MEANS_ITEM, LIST_SEPARATOR, 'n')} {_MEANS_ITEMS})",
        **{column: f"grp.{column}" for column in _ROLE_COLUMNS},
        "sources": "src.sources",
    }
    return ", ".join(f"{values[column]} AS v_{column}" for column in COLUMNS)


_QUOTE_CR_LF = '"\r\n'
_QUOTED = _regex_class("," + _QUOTE_CR_LF)
_TRIGGERS = ", ".join(_literal(char) for char in FORMULA_TRIGGERS)


class _CSV:
    """A CSV line per incident: lists joined, text guarded against formulas, quoted as csv.writer
    does (a cell holding the delimiter, the quote character, CR or LF)."""

    separator = "chr(13) || chr(10)"
    # The sources cell nearly always holds a comma, so it is written on its own; the others are
    # joined as they are, which is the line itself unless one needs quoting or guarding.
    _SOURCES = COLUMNS.index("sources")
    # A quote, CR or LF anywhere, or a formula character after a comma (which, when the commas are
    # only the cells' boundaries, starts a cell).
    _SPECIAL = f"({_regex_class(_QUOTE_CR_LF)} || '|,' || {_regex_class(''.join(FORMULA_TRIGGERS))})"

    @staticmethod
    def aggregate(item: str, separator: str, order: str, where: str = "TRUE") -> str:
        return f"string_agg({item}, {_literal(separator)} ORDER BY {order}) FILTER (WHERE {where})"

    @classmethod
    def line(cls) -> str:
        head = ", ".join(f"v_{column}" for column in COLUMNS[: cls._SOURCES])
        tail = ", ".join(f"v_{column}" for column in COLUMNS[cls._SOURCES + 1 :])
        return f"array_to_string(ARRAY[{head}], ',', '') AS head, array_to_string(ARRAY[{tail}], ',', '') AS tail"

    @classmethod
    def finish(cls) -> str:
        cells = ", ".join(cls._cell(column) for column in COLUMNS)
        plain = f"{cls._plain('head', cls._SOURCES)} AND {cls._plain('tail', len(COLUMNS) - cls._SOURCES - 1)}"
        return (
            f"CASE WHEN {plain} THEN head || ',' || coalesce({cls._cell('sources')}, '') || ',' || tail"
            f" ELSE array_to_string(ARRAY[{cells}], ',', '') END"
        )

    @classmethod
    def _plain(cls, joined: str, cells: int) -> str:
        """Whether `cells` cells joined with commas need no quoting or guarding: the commas are
        only their boundaries, no quote, CR or LF, and none starts with a formula character."""
        commas = f"length({joined}) - length(replace({joined}, ',', ''))"
        return f"({commas} = {cells - 1} AND {joined} !~ {cls._SPECIAL} AND left({joined}, 1) NOT IN ({_TRIGGERS}))"

    @staticmethod
    def _cell(column: str) -> str:
        value = f"v_{column}"
        if column in _NUMBERFIELDS:
            return value
        guarded = f"CASE WHEN left({value}, 1) IN ({_TRIGGERS}) THEN '''' || {value} ELSE {value} END"
        quoted = f"'\"' || replace({guarded}, '\"', '\"\"') || '\"'"
        return f"CASE WHEN {value} ~ {_QUOTED} THEN {quoted} ELSE {guarded} END"


class _GEOJSON:
    """A feature per incident, written as json.dumps writes it (compact, keys in COLUMNS order)."""

    separator = "',' || chr(10)"

    @staticmethod
    def aggregate(item: str, separator: str, order: str, where: str = "TRUE") -> str:
        items = f"string_agg(to_json({item})::text, ',' ORDER BY {order}) FILTER (WHERE {where})"
        return f"'[' || coalesce({items}, '') || ']'"

    @staticmethod
    def finish() -> str:
        return "line"

    @staticmethod
    def line() -> str:
        """Every piece is text that is never NULL: a NULL piece would make the whole feature NULL."""
        pieces = []
        for index, column in enumerate(COLUMNS):
            value = f"v_{column}"
            if column in _LISTS:
                json_value = f"coalesce({value}, '[]')"
            elif column in _NUMBERFIELDS:
                json_value = f"coalesce({value}, 'null')"
            else:
                json_value = f"coalesce(to_json({value})::text, 'null')"
            pieces.append(f"'{',' if index else ''}\"{column}\":'")
            pieces.append(json_value)
        geometry = (
            "CASE WHEN v_latitude IS NOT NULL AND v_longitude IS NOT NULL"
            " THEN '{\"type\":\"Point\",\"coordinates\":[' || v_longitude || ',' || v_latitude || ']}'"
            " ELSE 'null' END"
        )
        return (
            f'\'{{"type":"Feature","id":\' || to_json(v_public_id)::text || \',"geometry":\' || {geometry}'
            f" || ',\"properties\":{{' || {' || '.join(pieces)} || '}}}}' AS line"
        )
