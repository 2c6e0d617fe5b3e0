-- Written out for the migration that runs it (maps 0003), so that later changes to maps/facets.py
-- do not change what it does. Statements are separated by '-- next statement'.
CREATE OR REPLACE FUNCTION incidents_refresh_group_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE up(group_id, ancestor_id) AS (
        SELECT id, id FROM incidents_armedgroup
        UNION
        SELECT up.group_id, g.parent_id FROM up JOIN incidents_armedgroup AS g ON g.id = up.ancestor_id
        WHERE g.parent_id IS NOT NULL
    ),
    wanted AS (
        SELECT x.id AS incident_id,
               coalesce(array_agg(DISTINCT v.key ORDER BY v.key) FILTER (WHERE v.key IS NOT NULL), '{}') AS keys
        FROM (SELECT DISTINCT unnest(ids) AS id) AS x
        LEFT JOIN incidents_participation AS p ON p.incident_id = x.id
        LEFT JOIN up ON up.group_id = p.group_id
        LEFT JOIN LATERAL (
            VALUES ('group:' || up.ancestor_id || ':any'), ('group:' || up.ancestor_id || ':' || CASE p.role WHEN 'perpetrator' THEN 'perpetrator' WHEN 'associated_perpetrator' THEN 'perpetrator' WHEN 'target' THEN 'target' WHEN 'associated_target' THEN 'target' END)
        ) AS v(key) ON TRUE
        GROUP BY x.id
    ),
    gone AS (
        DELETE FROM incidents_incidentgroupkeys AS g USING wanted AS w
        WHERE g.incident_id = w.incident_id AND w.keys = '{}'
    )
    INSERT INTO incidents_incidentgroupkeys AS g (incident_id, keys)
    SELECT incident_id, keys FROM wanted WHERE keys <> '{}' ORDER BY incident_id
    ON CONFLICT (incident_id) DO UPDATE SET keys = EXCLUDED.keys WHERE g.keys IS DISTINCT FROM EXCLUDED.keys
$$
-- next statement
CREATE OR REPLACE FUNCTION incidents_mapfacet_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM new_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM new_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_mapfacet_on_insert ON incidents_incident
-- next statement
CREATE TRIGGER incidents_mapfacet_on_insert AFTER INSERT ON incidents_incident REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_mapfacet_on_insert()
-- next statement
CREATE OR REPLACE FUNCTION incidents_groupkeys_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM new_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM new_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_insert ON incidents_incidentgroupkeys
-- next statement
CREATE TRIGGER incidents_groupkeys_on_insert AFTER INSERT ON incidents_incidentgroupkeys REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_groupkeys_on_insert()
-- next statement
CREATE OR REPLACE FUNCTION incidents_participation_keys_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM incidents_refresh_group_keys(ARRAY(SELECT incident_id FROM new_rows)); RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_insert ON incidents_participation
-- next statement
CREATE TRIGGER incidents_participation_keys_on_insert AFTER INSERT ON incidents_participation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_participation_keys_on_insert()
-- next statement
CREATE OR REPLACE FUNCTION incidents_mapfacet_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM old_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM old_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_mapfacet_on_delete ON incidents_incident
-- next statement
CREATE TRIGGER incidents_mapfacet_on_delete AFTER DELETE ON incidents_incident REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_mapfacet_on_delete()
-- next statement
CREATE OR REPLACE FUNCTION incidents_groupkeys_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM old_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM old_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_delete ON incidents_incidentgroupkeys
-- next statement
CREATE TRIGGER incidents_groupkeys_on_delete AFTER DELETE ON incidents_incidentgroupkeys REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_groupkeys_on_delete()
-- next statement
CREATE OR REPLACE FUNCTION incidents_participation_keys_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM incidents_refresh_group_keys(ARRAY(SELECT incident_id FROM old_rows)); RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_delete ON incidents_participation
-- next statement
CREATE TRIGGER incidents_participation_keys_on_delete AFTER DELETE ON incidents_participation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_participation_keys_on_delete()
-- next statement
CREATE OR REPLACE FUNCTION incidents_mapfacet_on_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM new_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
     UNION ALL 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM old_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM new_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
     UNION ALL 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM old_rows AS i
        CROSS JOIN LATERAL (
            
        SELECT 'contested'::text WHERE i.contested
        UNION ALL SELECT 'civilian_harm' WHERE i.civilians_killed_high > 0
        UNION ALL SELECT 'killed:' || CASE WHEN i.killed_best >= 1000 THEN 1000 WHEN i.killed_best >= 500 THEN 500 WHEN i.killed_best >= 250 THEN 250 WHEN i.killed_best >= 200 THEN 200 WHEN i.killed_best >= 100 THEN 100 WHEN i.killed_best >= 75 THEN 75 WHEN i.killed_best >= 50 THEN 50 WHEN i.killed_best >= 25 THEN 25 WHEN i.killed_best >= 20 THEN 20 WHEN i.killed_best >= 15 THEN 15 WHEN i.killed_best >= 10 THEN 10 WHEN i.killed_best >= 5 THEN 5 WHEN i.killed_best >= 4 THEN 4 WHEN i.killed_best >= 3 THEN 3 WHEN i.killed_best >= 2 THEN 2 WHEN i.killed_best >= 1 THEN 1 WHEN i.killed_best >= 0 THEN 0 END WHERE i.killed_best >= 0
        UNION ALL SELECT DISTINCT 'means:' || lower(m.item #>> '{}')
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i.means) = 'array' THEN i.means END) AS m(item)
            WHERE jsonb_typeof(m.item) = 'string'
    
            UNION ALL SELECT k FROM incidents_incidentgroupkeys AS g, unnest(g.keys) AS k WHERE g.incident_id = i.id
        ) AS f(facet)
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_mapfacet_on_update ON incidents_incident
-- next statement
CREATE TRIGGER incidents_mapfacet_on_update AFTER UPDATE ON incidents_incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_mapfacet_on_update()
-- next statement
CREATE OR REPLACE FUNCTION incidents_groupkeys_on_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('incidents.defer_summaries', true) = 'on' THEN INSERT INTO pg_temp.incidents_facet_delta (sign, latitude, longitude, killed_best, event_type, facet) 
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM new_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
     UNION ALL 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM old_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ; ELSE 
    INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM new_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
     UNION ALL 
        SELECT -1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, k AS facet
        FROM old_rows AS g
        JOIN incidents_incident AS i ON i.id = g.incident_id
        CROSS JOIN unnest(g.keys) AS k
        WHERE i.status = 'published' AND i.merged_into_id IS NULL
    ) AS c
    WHERE c.facet IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT inc_mapfacet_key DO UPDATE SET count = f.count + EXCLUDED.count, killed = f.killed + EXCLUDED.killed, lat_sum = f.lat_sum + EXCLUDED.lat_sum, lng_sum = f.lng_sum + EXCLUDED.lng_sum, south = LEAST(f.south, EXCLUDED.south), west = LEAST(f.west, EXCLUDED.west), north = GREATEST(f.north, EXCLUDED.north), east = GREATEST(f.east, EXCLUDED.east)
    ; END IF; RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_update ON incidents_incidentgroupkeys
-- next statement
CREATE TRIGGER incidents_groupkeys_on_update AFTER UPDATE ON incidents_incidentgroupkeys REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_groupkeys_on_update()
-- next statement
CREATE OR REPLACE FUNCTION incidents_participation_keys_on_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM incidents_refresh_group_keys(ARRAY(SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows)); RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_update ON incidents_participation
-- next statement
CREATE TRIGGER incidents_participation_keys_on_update AFTER UPDATE ON incidents_participation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_participation_keys_on_update()
-- next statement
CREATE OR REPLACE FUNCTION incidents_armedgroup_keys_on_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM incidents_refresh_group_keys(ARRAY(
    WITH RECURSIVE moved(id) AS (
        SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE n.parent_id IS DISTINCT FROM o.parent_id
        UNION
        SELECT g.id FROM incidents_armedgroup AS g JOIN moved ON g.parent_id = moved.id
    )
    SELECT DISTINCT p.incident_id FROM incidents_participation AS p WHERE p.group_id IN (SELECT id FROM moved)
)); RETURN NULL; END $$
-- next statement
DROP TRIGGER IF EXISTS incidents_armedgroup_keys_on_update ON incidents_armedgroup
-- next statement
CREATE TRIGGER incidents_armedgroup_keys_on_update AFTER UPDATE ON incidents_armedgroup REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_armedgroup_keys_on_update()
