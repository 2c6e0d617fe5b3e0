"""The Data Package descriptors of the ACLED and UCDP GED layouts (incidents.exports.package builds
them): each column typed as the dataset's codebook defines it, its code lists as enums, and the
dataset's event id as the key (an incident that did not come from the dataset has its own,
`datasets.writing.own_acled_event_id` and `own_ucdp_id`)."""

from datasets.layouts import ACLED_LAYOUT_CURRENT, UCDP_LAYOUT_HDX, UCDP_LAYOUT_STANDARD
from incidents.exports.layout import EVENT_TYPES, SUB_EVENT_TYPES
from incidents.exports.package import descriptor, field

_LATITUDE = {"minimum": -90, "maximum": 90}
_LONGITUDE = {"minimum": -180, "maximum": 180}
_COUNT = {"minimum": 0}

ACLED_FIELDS = {
    "event_id_cnty": field(
        "event_id_cnty", required=True, pattern=r"[A-Z]{2,4}\d+",
        description="ACLED's event id; for an incident not from ACLED, its country's ISO code, 'T', its number here.",
    ),
    "event_date": field("event_date", "date"),
    "year": field("year", "integer"),
    "time_precision": field("time_precision", "integer", enum=[1, 2, 3]),
    "disorder_type": field(
        "disorder_type",
        enum=["Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"],
    ),
    "event_type": field("event_type", enum=EVENT_TYPES.values()),
    "sub_event_type": field("sub_event_type", enum=SUB_EVENT_TYPES.values()),
    "iso": field("iso", "integer", description="ISO 3166 numeric country code."),
    "latitude": field("latitude", "number", constraints=_LATITUDE),
    "longitude": field("longitude", "number", constraints=_LONGITUDE),
    "geo_precision": field("geo_precision", "integer", enum=[1, 2, 3]),
    "fatalities": field("fatalities", "integer", constraints=_COUNT),
    "timestamp": field("timestamp", "integer", description="When the row last changed, in seconds since 1970 (UTC)."),
}  # fmt: skip

_UCDP_INTEGERS = (
    "year", "conflict_new_id", "dyad_new_id", "side_a_new_id", "side_b_new_id", "number_of_sources",
    "priogrid_gid", "country_id", "start_year", "end_year",
)  # fmt: skip
_UCDP_COUNTS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low")
UCDP_FIELDS = {
    "id": field(
        "id", "integer", required=True,
        description="UCDP's event id; for an incident not from UCDP, 900,000,000 and its number here.",
    ),
    "active_year": field("active_year", "integer", enum=[0, 1]),
    "type_of_violence": field(
        "type_of_violence", "integer", enum=[1, 2, 3], description="1 state-based, 2 non-state, 3 one-sided."
    ),
    "where_prec": field("where_prec", "integer", enum=[1, 2, 3, 4, 5, 6, 7]),
    "latitude": field("latitude", "number", constraints=_LATITUDE),
    "longitude": field("longitude", "number", constraints=_LONGITUDE),
    "event_clarity": field("event_clarity", "integer", enum=[1, 2]),
    "date_prec": field("date_prec", "integer", enum=[1, 2, 3, 4, 5]),
    "date_start": field("date_start", "date"),
    "date_end": field("date_end", "date"),
    "gwnoa": field("gwnoa", "number", description="Gleditsch-Ward country code of side A."),
    "gwnob": field("gwnob", "number", description="Gleditsch-Ward country code of side B."),
    **{name: field(name, "integer") for name in _UCDP_INTEGERS},
    **{name: field(name, "integer", constraints=_COUNT) for name in _UCDP_COUNTS},
}  # fmt: skip

# Layout name (datasets.exports.EXPORTS) -> title, columns, typed columns, key, rows under the header.
LAYOUTS = {
    "acled": ("ACLED's current layout", ACLED_LAYOUT_CURRENT.columns, ACLED_FIELDS, "event_id_cnty", ()),
    "ucdp": ("UCDP GED's standard layout", UCDP_LAYOUT_STANDARD.columns, UCDP_FIELDS, "id", ()),
    # HDX writes a row of HXL hashtags under the header.
    "ucdp-hdx": ("UCDP GED's layout on HDX", UCDP_LAYOUT_HDX.columns, UCDP_FIELDS, "id", (2,)),
}
_NOTE = field("tracker_note", description="Where the row is not the source's as imported, and why.")


def layout_package(layout: str, *, path: str, notes: bool, source_url: str) -> dict:
    """The package of an export in a dataset's layout (`notes`: with the tracker_note column)."""
    title, columns, typed, key, comment_rows = LAYOUTS[layout]
    fields = [typed.get(column) or field(column) for column in columns] + ([_NOTE] if notes else [])
    return descriptor(
        name=f"incidents-{layout}",
        title=f"Incidents in Iraq and Syria, in {title}",
        description="One row per incident, in the dataset's own columns: a row imported from the dataset "
        f"as it came in, any other derived from the incident. The same filters give the file: {source_url}",
        path=path,
        fields=fields,
        primary_key=key,
        comment_rows=comment_rows,
    )
