"""Frictionless Data Package descriptors (`datapackage.json`) of the exports: what each column holds
(its type, its code list, whether it may be empty), the key rows are told apart by, the licence and
the sources, so that data tools read an export without our documentation
(https://specs.frictionlessdata.io/data-package/).

The descriptor of a download names the file as the download does (`path`, relative): saved side by
side, the two make a package that `frictionless validate datapackage.json` checks. `fields` here
builds the columns of the site's CSV; `datasets.packages` those of the ACLED and UCDP layouts.
"""

from django.urls import reverse

from incidents.exports.layout import COLUMNS, EVENT_TYPES, SUB_EVENT_TYPES
from incidents.models.choices import DatePrecision, LocationPrecision, Status

# This tracker's own records; rows imported from a dataset stay under that dataset's terms (SOURCES).
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
SOURCES = [
    {
        "title": "UCDP Georeferenced Event Dataset (GED): rows imported from it, CC BY 4.0 "
        "(Sundberg and Melander 2013, Journal of Peace Research 50(4))",
        "path": "https://ucdp.uu.se/downloads/",
    },
    {
        "title": "ACLED: rows imported from it, under ACLED's terms of use (cite ACLED)",
        "path": "https://acleddata.com/terms-of-use/",
    },
    {
        "title": "News reports and official statements, each cited in the row's sources and on the incident's page",
    },
    {"title": "Place and governorate names: GeoNames, CC BY 4.0", "path": "https://www.geonames.org/"},
]


def field(name: str, kind: str = "string", description: str = "", *, enum=None, required=False, **extra) -> dict:
    """One column: `kind` is a Table Schema type (string, integer, number, date, time, datetime,
    boolean); `enum` its code list (an empty cell is always allowed unless `required`)."""
    described = {"name": name, "type": kind, **extra}
    if description:
        described["description"] = description
    constraints = {}
    if required:
        constraints["required"] = True
    if enum is not None:
        constraints["enum"] = [str(value) for value in enum] if kind == "string" else list(enum)
    if constraints:
        described["constraints"] = constraints
    return described


def descriptor(
    *, name: str, title: str, path: str, fields: list[dict], primary_key: str, description: str,
    encoding: str = "utf-8", comment_rows: tuple[int, ...] = (), homepage: str = "",
) -> dict:  # fmt: skip
    """A Data Package of one CSV resource."""
    resource = {
        "name": name,
        "title": title,
        "description": description,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "schema": {"fields": fields, "primaryKey": [primary_key], "missingValues": [""]},
    }
    if comment_rows:
        resource["dialect"] = {"commentRows": list(comment_rows)}
    package = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "licenses": LICENSES,
        "sources": SOURCES,
        "resources": [resource],
    }
    if homepage:
        package["homepage"] = homepage
    return package


_COUNT = {"minimum": 0}
_TEXT = {
    "url": "The incident's page, with every source's account.",
    "means": "Means of attack, separated by '; '.",
    "perpetrators": "Armed groups, separated by '; '; likewise the other actor columns.",
    "sources": "Each report as 'source, date, title', separated by ' | '.",
    "contested": "Whether the sources' figures disagree.",
    "killed_best": "The best estimate of the killed; killed_low and killed_high span the sources' figures.",
    "changed_at": "When the incident last changed (UTC).",
}
_TYPED = {
    "public_id": field("public_id", required=True, description="The incident's id here.", pattern=r"INC-[0-9A-Z]{8}"),
    "start_date": field("start_date", "date"),
    "end_date": field("end_date", "date"),
    "date_precision": field("date_precision", enum=DatePrecision.values),
    "time_utc": field("time_utc", "time"),
    "event_type": field("event_type", enum=EVENT_TYPES.values(), description="ACLED's event type."),
    "sub_event_type": field("sub_event_type", enum=SUB_EVENT_TYPES.values(), description="ACLED's sub-event type."),
    "latitude": field("latitude", "number", constraints={"minimum": -90, "maximum": 90}),
    "longitude": field("longitude", "number", constraints={"minimum": -180, "maximum": 180}),
    "location_precision": field("location_precision", enum=LocationPrecision.values),
    "contested": field("contested", "boolean", trueValues=["true"], falseValues=["false"]),
    "status": field("status", enum=Status.values),
    "ucdp_id": field("ucdp_id", "integer"),
    "changed_at": field("changed_at", "datetime"),
}
_COUNTS = {c for c in COLUMNS if c.startswith(("killed_", "injured_", "civilians_killed_"))}


def site_fields() -> list[dict]:
    """The columns of the incident list's CSV (incidents.exports.layout.COLUMNS)."""
    fields = []
    for column in COLUMNS:
        if column in _COUNTS:
            described = field(column, "integer", constraints=_COUNT)
        else:
            described = dict(_TYPED.get(column) or field(column))
        if column in _TEXT:
            described["description"] = _TEXT[column]
        fields.append(described)
    return fields


def site_package(request, csv_filename: str) -> dict:
    """The package of the incident list's CSV as the request filters it."""
    query = request.GET.urlencode()
    return descriptor(
        name="incidents",
        title="Incidents in Iraq and Syria, as filtered",
        description="One row per incident: when, where, who, and the toll as the sources report it. "
        f"The same filters give the file: {request.build_absolute_uri(reverse('incidents:export-csv'))}?{query}",
        path=csv_filename,
        fields=site_fields(),
        primary_key="public_id",
        encoding="utf-8-sig",
        homepage=request.build_absolute_uri(reverse("incidents:about")),
    )
