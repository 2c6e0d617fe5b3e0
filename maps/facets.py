"""The map's clusters for the filters the main summary has no dimension for, on PostgreSQL.

`maps.summary` answers dates, event types, countries and governorates. A researcher also
asks for one armed group (as perpetrator, as target, in any role), for incidents where the sources
disagree, where civilians were killed, for at least so many killed, or for one means. Counting
those from the incidents reads every match: an armed group of 67,000 incidents took 250 ms, and
under load such requests queued the rest behind them.

`incidents_mapfacet` (models.MapFacet) sums the published incidents per facet, event type and grid
cell of one fine level, for all time (the event types give the clusters their mix); a coarser view
sums the cells it holds (a cell of level k holds exactly 4**(LEVEL - k) of them). Each incident
counts once per facet it has:

- "contested", "civilian_harm" (civilians killed per any source), "means:<code>" for each means;
- "killed:<bound>", the largest of KILLED_BOUNDS its best count reaches, so that "at least N
  killed" is the sum of the facets from N up when N is one of the bounds;
- "group:<id>:any" and "group:<id>:perpetrator" or ":target" for each group taking part and every
  umbrella above it, deduplicated per incident: an umbrella with two members in one incident
  counts it once, as the filter does.

The group facets come from the participations, and a group's umbrellas from the groups, so they
are kept per incident in `incidents_incidentgroupkeys` (models.IncidentGroupKeys), refreshed by
triggers on participations and on a group's umbrella changing. Statement-level triggers on the
incidents and on that table add what each write changes, in the same transaction, as maps.summary's
do. A view with exactly one such filter and nothing else is answered from here; anything else is
counted from the incidents, or from maps.summary.
"""

from decimal import Decimal

from django.db import connection

from incidents.models.choices import ParticipationRole
from incidents.models.incident import sees_unpublished
from maps.summary import SUM_COLUMNS, SUMS, SUMS_CHANGED, Plan, deferrable, given, sums_update

# The grid level of the rows (360 / 2**12 degrees, about 10 km); coarser levels sum them, finer
# views count the incidents, which their coordinate index finds quickly.
LEVEL = 12
# "Killed at least N" is answered for these N.
KILLED_BOUNDS = (0, 1, 2, 3, 4, 5, 10, 15, 20, 25, 50, 75, 100, 200, 250, 500, 1000)
ROLE_SIDES = {
    ParticipationRole.PERPETRATOR: "perpetrator",
    ParticipationRole.ASSOCIATED_PERPETRATOR: "perpetrator",
    ParticipationRole.TARGET: "target",
    ParticipationRole.ASSOCIATED_TARGET: "target",
}


def _killed_bucket(column: str) -> str:
    branches = " ".join(f"WHEN {column} >= {bound} THEN {bound}" for bound in reversed(KILLED_BOUNDS))
    return f"CASE {branches} END"


def _own_facets(row: str) -> str:
    """The facets an incident row has from its own columns, one per row of the answer."""
    return f"""
        SELECT 'contested'::text WHERE {row}.contested
        UNION ALL SELECT 'civilian_harm' WHERE {row}.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || {_killed_bucket(f"{row}.killed_best")} WHERE {row}.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{{}}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof({row}.means) = 'array' THEN {row}.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    """


def add_facets(source: str) -> str:
    """The INSERT that adds `source`'s rows (sign, latitude, longitude, killed_best, event_type,
    facet) to the facet summary, grouped and in key order as summary.add_cells does."""
    side = f"{360 / 2**LEVEL!r}::float8"
    return f"""
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, {SUM_COLUMNS})
    SELECT c.facet, c.event_type, floor(c.latitude / {side})::int, floor(c.longitude / {side})::int,
           {SUMS}
    FROM ({source}) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    {SUMS_CHANGED}
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET {sums_update("f")}
    """


def _incident_facets(rows: str, sign: str) -> str:
    """Every facet of the incidents in `rows` (a transition table or the incident table), own and
    group facets alike, with `sign`."""
    return f"""
        SELECT {sign} AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM {rows} AS i
        CROSS JOIN LATERAL (
            {_own_facets("i")}
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    """


def _key_facets(rows: str, sign: str) -> str:
    """The group facets of the incident group keys in `rows`, at their incidents' current place."""
    return f"""
        SELECT {sign} AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM {rows} AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    """


def _role_side() -> str:
    branches = " ".join(f"WHEN '{role}' THEN '{side}'" for role, side in ROLE_SIDES.items())
    return f"CASE p.role {branches} END"


# The group keys of the incidents whose ids are given, rewritten where they changed: every group
# taking part, and every umbrella above it (UNION ends the climb even if umbrellas form a loop).
_REFRESH_KEYS = f"""
CREATE OR REPLACE FUNCTION incidents_refresh_group_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE up(group_id, ancestor_id) AS (
        SELECT id, id FROM incidents_armedgroup
        UNION
        SELECT up.group_id, g.parent_id FROM up JOIN incidents_armedgroup AS g ON g.id = up.ancestor_id
        WHERE g.parent_id IS NOT NULL
    ),
    wanted AS (
        SELECT x.id AS incident_id,
               coalesce(array_agg(DISTINCT v.key ORDER BY v.key) FILTER (WHERE v.key IS NOT NULL), '{{}}') AS keys
        FROM (SELECT DISTINCT unnest(ids) AS id) AS x
        LEFT JOIN incidents_participation AS p ON p.incident_id = x.id
        LEFT JOIN up ON up.group_id = p.group_id
        LEFT JOIN LATERAL (
            VALUES ('group:' || up.ancestor_id || ':any'), ('group:' || up.ancestor_id || ':' || {_role_side()})
        ) AS v(key) ON TRUE
        GROUP BY x.id
    ),
    gone AS (
        DELETE FROM incidents_incidentgroupkeys AS g USING wanted AS w
        WHERE g.incident_id = w.incident_id AND w.keys = '{{}}'
    )
    INSERT INTO incidents_incidentgroupkeys AS g (incident_id, keys)
    SELECT incident_id, keys FROM wanted WHERE keys <> '{{}}' ORDER BY incident_id
    ON CONFLICT (incident_id) DO UPDATE SET keys = EXCLUDED.keys WHERE g.keys IS DISTINCT FROM EXCLUDED.keys
$$
"""

_TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def _signed(op: str, facets) -> str:
    """The signed facet rows of a trigger's transition tables."""
    parts = {"insert": [facets("new_rows", "1")], "delete": [facets("old_rows", "-1")]}
    parts["update"] = parts["insert"] + parts["delete"]
    return " UNION ALL ".join(parts[op])


def _changed_incidents(op: str) -> str:
    tables = {"insert": ["new_rows"], "delete": ["old_rows"], "update": ["new_rows", "old_rows"]}[op]
    return "ARRAY(" + " UNION ".join(f"SELECT incident_id FROM {table}" for table in tables) + ")"


# The groups whose umbrellas changed, and every group under them: their incidents' keys change.
_MOVED_GROUPS_INCIDENTS = """ARRAY(
    WITH RECURSIVE moved(id) AS (
        SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE n.parent_id IS DISTINCT FROM o.parent_id
        UNION
        SELECT g.id FROM incidents_armedgroup AS g JOIN moved ON g.parent_id = moved.id
    )
    SELECT DISTINCT p.incident_id FROM incidents_participation AS p WHERE p.group_id IN (SELECT id FROM moved)
)"""


# Inside maps.deferral.deferred(), the triggers add their facet rows to this temporary table
# of the transaction instead, and the summary takes them when the block ends.
FACET_DELTA = "pg_temp.incidents_facet_delta"


def _adding(source: str) -> str:
    return deferrable(
        f"INSERT INTO {FACET_DELTA} (sign, latitude, longitude, killed_best, event_type, facet) {source}",
        add_facets(source),
    )


def _trigger(name: str, table: str, op: str, body: str) -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body}; RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {op.upper()} ON {table} {_TRANSITIONS[op]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _triggers() -> list[tuple[str, str, str, str]]:
    """(function and trigger name, table, operation, body) of every trigger."""
    found = []
    for op in _TRANSITIONS:
        found += [
            (f"incidents_mapfacet_on_{op}", "incidents_incident", op, _adding(_signed(op, _incident_facets))),
            (f"incidents_groupkeys_on_{op}", "incidents_incidentgroupkeys", op, _adding(_signed(op, _key_facets))),
            (
                f"incidents_participation_keys_on_{op}",
                "incidents_participation",
                op,
                f"PERFORM incidents_refresh_group_keys({_changed_incidents(op)})",
            ),
        ]
    found.append(
        (
            "incidents_armedgroup_keys_on_update",
            "incidents_armedgroup",
            "update",
            f"PERFORM incidents_refresh_group_keys({_MOVED_GROUPS_INCIDENTS})",
        )
    )
    return found


def install_sql() -> list[str]:
    """The key function, trigger functions and triggers; each statement can be run again."""
    statements = [_REFRESH_KEYS]
    for name, table, op, body in _triggers():
        statements += _trigger(name, table, op, body)
    return statements


def uninstall_sql() -> list[str]:
    statements = []
    for name, table, _, _ in _triggers():
        statements += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [*statements, "DROP FUNCTION IF EXISTS incidents_refresh_group_keys(bigint[])"]


def rebuild(cursor) -> None:
    """Every incident's group keys and facets afresh (summary.rebuild's companion)."""
    cursor.execute("LOCK TABLE incidents_incident, incidents_participation, incidents_armedgroup IN SHARE MODE")
    # Emptied without the triggers: the facets are summed again from nothing below.
    cursor.execute("TRUNCATE incidents_incidentgroupkeys, incidents_mapfacet")
    cursor.execute("ALTER TABLE incidents_incidentgroupkeys DISABLE TRIGGER USER")
    cursor.execute(
        "SELECT incidents_refresh_group_keys(ARRAY(SELECT DISTINCT incident_id FROM incidents_participation))"
    )
    cursor.execute("ALTER TABLE incidents_incidentgroupkeys ENABLE TRIGGER USER")
    cursor.execute(add_facets(_incident_facets("incidents_incident", "1")))


# Reading ---------------------------------------------------------------------------------------


def facets(data: dict, user) -> list[str] | None:
    """The facets whose rows add up to the filters' incidents, or None when the filters are not
    exactly one the facets answer (see the module's docstring)."""
    if connection.vendor != "postgresql":
        return None
    if sees_unpublished(user):
        return None  # staff maps include drafts and incidents in review
    filters = {name for name, value in data.items() if given(value) and name not in {"bbox", "sort", "role"}}
    if len(filters) != 1:
        return None
    name = filters.pop()
    value = data[name]
    if name == "group":
        role = data.get("role") or "any"
        return [f"group:{value.pk}:{role}"] if role in {"any", "perpetrator", "target"} else None
    if name in {"contested", "civilian_harm"}:
        return [name] if value is True else None
    if name == "means":
        return [f"means:{value[0]}"] if len(value) == 1 else None
    if name == "killed_min":
        killed = Decimal(value)
        if killed != killed.to_integral_value() or int(killed) not in KILLED_BOUNDS:
            return None
        return [f"killed:{bound}" for bound in KILLED_BOUNDS if bound >= killed]
    return None


def plan(data: dict, user, level: int) -> Plan | None:
    """How the facet summary answers the filters' view at `level`, or None."""
    if level > LEVEL:
        return None
    found = facets(data, user)
    if found is None:
        return None
    return Plan((found, level), None, cell_sums)


def cell_sums(rows: tuple[list[str], int], cells: tuple[int, int, int, int]) -> dict:
    """{(cell y, cell x, event type): row of counting.CELL_SUMS} at `level` from the facet rows of
    the cells the view touches, `cells` being (first y, first x, last y, last x) at that level,
    inclusive: the shape maps.summary gives, so the clusters show their mix of event types."""
    found, level = rows
    scale = 2 ** (LEVEL - level)
    y0, x0, y1, x1 = cells
    query = """
        SELECT floor(cell_y::float8 / %(scale)s)::int, floor(cell_x::float8 / %(scale)s)::int, event_type,
               sum(count), sum(killed), sum(lat_sum), sum(lng_sum), min(south), min(west), max(north), max(east)
        FROM incidents_mapfacet
        WHERE facet = ANY(%(facets)s)
          AND (cell_y IS NULL OR (cell_y BETWEEN %(y0)s AND %(y1)s AND cell_x BETWEEN %(x0)s AND %(x1)s))
        GROUP BY 1, 2, 3
        HAVING sum(count) > 0
    """
    params = {
        "scale": scale,
        "facets": found,
        "y0": y0 * scale,
        "y1": (y1 + 1) * scale - 1,
        "x0": x0 * scale,
        "x1": (x1 + 1) * scale - 1,
    }
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        answer = cursor.fetchall()
    # PostgreSQL sums a bigint column as numeric: back to whole numbers for JSON.
    return {(row[0], row[1], row[2]): (int(row[3]), int(row[4]), *row[5:]) for row in answer}
