-- Written out for the migration that runs it (maps 0003), so that later changes to maps/facets.py
-- do not change what it does. Statements are separated by '-- next statement'.
LOCK TABLE incidents_incident, incidents_participation, incidents_armedgroup IN SHARE MODE
-- next statement
TRUNCATE incidents_incidentgroupkeys, incidents_mapfacet
-- next statement
ALTER TABLE incidents_incidentgroupkeys DISABLE TRIGGER USER
-- next statement
SELECT incidents_refresh_group_keys(ARRAY(SELECT DISTINCT incident_id FROM incidents_participation))
-- next statement
ALTER TABLE incidents_incidentgroupkeys ENABLE TRIGGER USER
-- next statement
INSERT INTO incidents_mapfacet AS f (facet, event_type, cell_y, cell_x, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT c.facet, c.event_type, floor(c.latitude / 0.087890625::float8)::int, floor(c.longitude / 0.087890625::float8)::int,
           sum(c.sign), sum(c.sign * coalesce(c.killed_best, 0)), coalesce(sum(c.sign * c.latitude), 0), coalesce(sum(c.sign * c.longitude), 0), min(c.latitude) FILTER (WHERE c.sign > 0), min(c.longitude) FILTER (WHERE c.sign > 0), max(c.latitude) FILTER (WHERE c.sign > 0), max(c.longitude) FILTER (WHERE c.sign > 0)
    FROM (
        SELECT 1 AS sign, i.latitude, i.longitude, i.killed_best, i.event_type, f.facet
        FROM incidents_incident AS i
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
