-- Written out for the migrations that run it, so that later changes to incidents/mapsummary.py or
-- mapfacets.py do not change what they do. Statements are separated by '-- next statement'.
DROP TRIGGER IF EXISTS incidents_mapfacet_on_insert ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapfacet_on_insert()
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_insert ON incidents_incidentgroupkeys
-- next statement
DROP FUNCTION IF EXISTS incidents_groupkeys_on_insert()
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_insert ON incidents_participation
-- next statement
DROP FUNCTION IF EXISTS incidents_participation_keys_on_insert()
-- next statement
DROP TRIGGER IF EXISTS incidents_mapfacet_on_delete ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapfacet_on_delete()
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_delete ON incidents_incidentgroupkeys
-- next statement
DROP FUNCTION IF EXISTS incidents_groupkeys_on_delete()
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_delete ON incidents_participation
-- next statement
DROP FUNCTION IF EXISTS incidents_participation_keys_on_delete()
-- next statement
DROP TRIGGER IF EXISTS incidents_mapfacet_on_update ON incidents_incident
-- next statement
DROP FUNCTION IF EXISTS incidents_mapfacet_on_update()
-- next statement
DROP TRIGGER IF EXISTS incidents_groupkeys_on_update ON incidents_incidentgroupkeys
-- next statement
DROP FUNCTION IF EXISTS incidents_groupkeys_on_update()
-- next statement
DROP TRIGGER IF EXISTS incidents_participation_keys_on_update ON incidents_participation
-- next statement
DROP FUNCTION IF EXISTS incidents_participation_keys_on_update()
-- next statement
DROP TRIGGER IF EXISTS incidents_armedgroup_keys_on_update ON incidents_armedgroup
-- next statement
DROP FUNCTION IF EXISTS incidents_armedgroup_keys_on_update()
-- next statement
DROP FUNCTION IF EXISTS incidents_refresh_group_keys(bigint[])
