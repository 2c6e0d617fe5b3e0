from django.contrib.postgres.fields import ArrayField
from django.db import models

# The tables were made when these models were part of incidents; they kept their names (and the
# SQL of the triggers that keep them) when the models moved here.


class CellSums(models.Model):
    """What a summary row keeps of the incidents it sums (maps.summary.SUM_COLUMNS): how
    many, their killed, their coordinates' sums (for the cluster's centre) and their extent."""

    count = models.IntegerField()
    killed = models.BigIntegerField()
    lat_sum = models.FloatField()
    lng_sum = models.FloatField()
    # The extent of the incidents added; a removal leaves it as it was (see summary.rebuild).
    south = models.FloatField(null=True)
    west = models.FloatField(null=True)
    north = models.FloatField(null=True)
    east = models.FloatField(null=True)

    class Meta:
        abstract = True


class MapCell(CellSums):
    """The published incidents of one grid cell, summed: what the map's clusters are drawn from.

    One row per grid level, cell, event type, country and governorate, and either per pair of
    months (the months the incidents' periods start and end in) or for all time (both months
    empty). A cell of level k is 360 / 2**k degrees wide (maps.counting.cell_size); a cell
    with no coordinates holds the incidents that have none. PostgreSQL triggers keep the rows in
    step with every write to the incidents (maps.summary); the table exists only there.
    """

    level = models.PositiveSmallIntegerField()
    cell_y = models.IntegerField(null=True)
    cell_x = models.IntegerField(null=True)
    month_first = models.DateField(null=True)
    month_last = models.DateField(null=True)
    event_type = models.CharField(max_length=40)
    country = models.ForeignKey(
        "geo.Country", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    admin_area = models.ForeignKey(
        "geo.AdminArea", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        db_table = "incidents_mapcell"
        required_db_vendor = "postgresql"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "level",
                    "cell_y",
                    "cell_x",
                    "month_first",
                    "month_last",
                    "event_type",
                    "country",
                    "admin_area",
                ],
                nulls_distinct=False,
                name="inc_mapcell_key",
            )
        ]
        indexes = [models.Index(fields=["level", "month_first", "cell_y", "cell_x"], name="inc_mapcell_view_idx")]

    def __str__(self):
        return f"level {self.level} cell ({self.cell_y}, {self.cell_x}): {self.count}"


class MapWeek(models.Model):
    """The published incidents of one ISO week (that their periods start in), summed: the map's
    timeline and the trends page.

    One row per week, event type, country, governorate, pair of months the incidents' periods
    start and end in, and whether they have coordinates (a view holds only those that do). Kept by
    the same triggers as MapCell; `imprecise` counts those dated only to the month or the year.
    """

    week = models.DateField()
    located = models.BooleanField()
    month_first = models.DateField()
    month_last = models.DateField()
    event_type = models.CharField(max_length=40)
    country = models.ForeignKey(
        "geo.Country", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    admin_area = models.ForeignKey(
        "geo.AdminArea", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    count = models.IntegerField()
    imprecise = models.IntegerField()
    # The fatalities of the derived toll (a missing low or high counted as the best) and how many
    # are contested: the trends page's figures.
    killed_low = models.BigIntegerField(default=0)
    killed_best = models.BigIntegerField(default=0)
    killed_high = models.BigIntegerField(default=0)
    contested = models.IntegerField(default=0)

    class Meta:
        db_table = "incidents_mapweek"
        required_db_vendor = "postgresql"
        constraints = [
            models.UniqueConstraint(
                fields=["week", "located", "month_first", "month_last", "event_type", "country", "admin_area"],
                nulls_distinct=False,
                name="inc_mapweek_key",
            )
        ]

    def __str__(self):
        return f"week of {self.week}: {self.count}"


class MapFacet(CellSums):
    """The published incidents of one fine grid cell that share a facet, summed: the map's clusters
    for a filter the main summary has no dimension for (maps.facets).

    A facet is a condition an incident meets or not: "contested", "civilian_harm", "means:drone",
    "killed:10" (the best count is at least 10 and below the next bound), or
    "group:<id>:<any|perpetrator|target>" (the group or one of its members takes part, in that
    role). One row per facet, event type and cell of level facets.LEVEL, for all time; a coarser
    view sums the cells it contains. Kept by PostgreSQL triggers, like MapCell.
    """

    facet = models.CharField(max_length=60)
    event_type = models.CharField(max_length=40, default="")
    cell_y = models.IntegerField(null=True)
    cell_x = models.IntegerField(null=True)

    class Meta:
        db_table = "incidents_mapfacet"
        required_db_vendor = "postgresql"
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "event_type", "cell_y", "cell_x"], nulls_distinct=False, name="inc_mapfacet_key"
            )
        ]

    def __str__(self):
        return f"{self.facet} in cell ({self.cell_y}, {self.cell_x}): {self.count}"


class IncidentGroupKeys(models.Model):
    """The group facets of one incident (MapFacet): for every group taking part and every umbrella
    above it, "group:<id>:any" and the side of its role. Kept by PostgreSQL triggers on
    participations and on groups' umbrellas; an incident with no groups has no row."""

    incident_id = models.BigIntegerField(primary_key=True)
    keys = ArrayField(models.CharField(max_length=60))

    class Meta:
        db_table = "incidents_incidentgroupkeys"
        required_db_vendor = "postgresql"
        verbose_name_plural = "incident group keys"

    def __str__(self):
        return f"incident {self.incident_id}: {', '.join(self.keys)}"


# Derived from the incidents, participations and groups by PostgreSQL triggers: backups leave them
# out, and a restore rebuilds them as it loads what they derive from.
SUMMARY_MODELS = (MapCell, MapWeek, MapFacet, IncidentGroupKeys)
