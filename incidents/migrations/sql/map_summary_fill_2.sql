-- Written out for the migration that runs it (maps 0002), so that later changes to maps/summary.py
-- do not change what it does. Statements are separated by '-- next statement'.
LOCK TABLE incidents_incident IN SHARE MODE
-- next statement
DELETE FROM incidents_mapcell
-- next statement
DELETE FROM incidents_mapweek
-- next statement
WITH f AS (
        SELECT floor(c.latitude / 0.087890625::float8)::int AS y, floor(c.longitude / 0.087890625::float8)::int AS x,
               date_trunc('month', c.period_start)::date AS month_first,
               date_trunc('month', c.period_end)::date AS month_last,
               c.event_type, c.country_id, c.admin_area_id,
               sum(c.sign) AS count, sum(c.sign * coalesce(c.killed_best, 0)) AS killed, coalesce(sum(c.sign * c.latitude), 0) AS lat_sum, coalesce(sum(c.sign * c.longitude), 0) AS lng_sum, min(c.latitude) FILTER (WHERE c.sign > 0) AS south, min(c.longitude) FILTER (WHERE c.sign > 0) AS west, max(c.latitude) FILTER (WHERE c.sign > 0) AS north, max(c.longitude) FILTER (WHERE c.sign > 0) AS east
        FROM (SELECT 1 AS sign, latitude, longitude, killed_best, event_type, country_id, admin_area_id, status, merged_into_id, period_start, period_end, start_date, date_precision, killed_low, killed_high, contested FROM incidents_incident) AS c
        WHERE c.status = 'published' AND c.merged_into_id IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    )
    INSERT INTO incidents_mapcell AS cell (level, cell_y, cell_x, month_first, month_last, event_type, country_id, admin_area_id, count, killed, lat_sum, lng_sum, south, west, north, east)
    SELECT l.level, f.y >> l.shift, f.x >> l.shift,
           CASE WHEN l.monthly THEN f.month_first END, CASE WHEN l.monthly THEN f.month_last END, f.event_type, f.country_id, f.admin_area_id,
           sum(f.count), sum(f.killed), sum(f.lat_sum), sum(f.lng_sum), min(f.south), min(f.west), max(f.north), max(f.east)
    FROM f CROSS JOIN (VALUES (0, 12, false), (1, 11, false), (2, 10, false), (3, 9, false), (4, 8, false), (5, 7, false), (6, 6, false), (7, 5, false), (8, 4, false), (9, 3, false), (10, 2, false), (11, 1, false), (12, 0, false), (0, 12, true), (1, 11, true), (2, 10, true), (3, 9, true), (4, 8, true), (5, 7, true), (6, 6, true), (7, 5, true), (8, 4, true), (9, 3, true), (10, 2, true)) AS l(level, shift, monthly)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(f.count) <> 0 OR sum(f.killed) <> 0 OR sum(f.lat_sum) <> 0 OR sum(f.lng_sum) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT inc_mapcell_key DO UPDATE SET
        count = cell.count + EXCLUDED.count, killed = cell.killed + EXCLUDED.killed, lat_sum = cell.lat_sum + EXCLUDED.lat_sum, lng_sum = cell.lng_sum + EXCLUDED.lng_sum, south = LEAST(cell.south, EXCLUDED.south), west = LEAST(cell.west, EXCLUDED.west), north = GREATEST(cell.north, EXCLUDED.north), east = GREATEST(cell.east, EXCLUDED.east)
-- next statement
INSERT INTO incidents_mapweek AS w (week, located, month_first, month_last, event_type, country_id,
                                        admin_area_id, count, imprecise, killed_low, killed_best, killed_high, contested)
    SELECT date_trunc('week', c.period_start::timestamp)::date, c.latitude IS NOT NULL,
           date_trunc('month', c.period_start)::date, date_trunc('month', c.period_end)::date,
           c.event_type, c.country_id, c.admin_area_id,
           sum(c.sign), coalesce(sum(c.sign) FILTER (WHERE c.date_precision IN ('month', 'year')), 0),
           coalesce(sum(c.sign * coalesce(c.killed_low, c.killed_best, 0)), 0), coalesce(sum(c.sign * coalesce(c.killed_best, 0)), 0), coalesce(sum(c.sign * coalesce(c.killed_high, c.killed_best, 0)), 0), coalesce(sum(c.sign * CASE WHEN c.contested THEN 1 ELSE 0 END), 0)
    FROM (SELECT 1 AS sign, latitude, longitude, killed_best, event_type, country_id, admin_area_id, status, merged_into_id, period_start, period_end, start_date, date_precision, killed_low, killed_high, contested FROM incidents_incident) AS c
    WHERE c.status = 'published' AND c.merged_into_id IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_low, c.killed_best, 0)) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0 OR sum(c.sign * coalesce(c.killed_high, c.killed_best, 0)) <> 0 OR sum(c.sign * CASE WHEN c.contested THEN 1 ELSE 0 END) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT inc_mapweek_key DO UPDATE SET
        count = w.count + EXCLUDED.count,
        imprecise = w.imprecise + EXCLUDED.imprecise,
        killed_low = w.killed_low + EXCLUDED.killed_low, killed_best = w.killed_best + EXCLUDED.killed_best, killed_high = w.killed_high + EXCLUDED.killed_high, contested = w.contested + EXCLUDED.contested
