-- Written out for the migrations that run it, so that later changes to incidents/mapsummary.py or
-- mapfacets.py do not change what they do. Statements are separated by '-- next statement'.
DROP TRIGGER IF EXISTS incidents_mapcell_on_insert ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapcell_on_insert()
-- next statement
DROP TRIGGER IF EXISTS incidents_mapcell_on_delete ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapcell_on_delete()
-- next statement
DROP TRIGGER IF EXISTS incidents_mapcell_on_update ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapcell_on_update()
