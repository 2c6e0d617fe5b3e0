"""What is measured: each case is a request to the site and, where one exists, the same request
to its baseline (benchmarks/urls.py mounts the baselines under /bench/)."""

from dataclasses import dataclass
from urllib.parse import urlencode

# The map's first view of Iraq and Syria on a 1280 x 800 window, and a city view of Baghdad.
REGION = "33.0,28.5,51.2,38.0"
BAGHDAD = "44.25,33.20,44.55,33.45"
NINEVEH = "41.19,34.95,44.30,37.06"
WORLD = "-180,-85,180,85"
SEARCH = "Mosul"
# A spelling no name or text has: read by its spelling skeleton as Tall Afar (incidents.search).
MISSPELT = "Telafar"
LIST_SORTS = ["-date", "date", "-killed", "killed", "place", "governorate"]
DEEP_PAGE = 1000
DEMO_INCIDENT = "INC-SEED0001"
EXPORT_LABELS = {"csv": "CSV", "geojson": "GeoJSON", "csv-as-of": "CSV as of a past moment"}
# Medians and p95s in seconds, at 1,000,000 incidents (the targets).
TARGETS = {
    "map": {"median": 0.150, "p95": 0.400, "ratio": 10},
    "list": {"median": 0.150},
    "incident": {"median": 0.050},
    "api": {"median": 0.150},
    "trends": {"median": 0.300},
}
# The filters of the load scenarios (benchmarks/wrk/common.lua); GROUP is the busiest group's id.
LOAD_FILTERS = [
    ("unfiltered", ""),
    ("remote violence", "event_type=remote_violence"),
    ("battles + violence against civilians", "event_type=battles&event_type=violence_against_civilians"),
    ("Oct 2016 - Jul 2017", "date_from=2016-10-17&date_to=2017-07-20"),
    ("since 2024", "date_from=2024-01-01"),
    ("Baghdad", "governorate=IQ-BG"),
    ("Nineveh 2016-2017", "governorate=IQ-NI&date_from=2016-01-01&date_to=2017-12-31"),
    ("Syria", "country=SY"),
    ("killed >= 10", "killed_min=10"),
    ("contested", "contested=true"),
    ("civilian harm", "civilian_harm=true"),
    ("drones", "means=drone"),
    ("armed group", "group=GROUP"),
    ("armed group as perpetrator", "group=GROUP&role=perpetrator"),
    (f"text '{SEARCH}'", f"q={SEARCH}"),
]


@dataclass
class Case:
    group: str  # map, list, incident, group, api, export-csv, ...
    name: str
    url: str
    baseline: str | None = None  # the baseline's URL, if there is one
    target: str | None = None  # a key of TARGETS
    # The map keeps answers in Django's cache; measured without it unless this says otherwise, as
    # a view that pans or a filter that changes asks for an answer nobody has asked for yet.
    map_cache: bool = False

    def as_dict(self) -> dict:
        return {
            "group": self.group,
            "name": self.name,
            "url": self.url,
            "baseline": self.baseline,
            "map_cache": self.map_cache,
        }


def _q(**params) -> str:
    return urlencode({key: value for key, value in params.items() if value is not None})


@dataclass
class Context:
    """Values read from the database so the cases fit the data: the busiest group, a synthetic
    incident, the date from which about 100,000 incidents follow."""

    group_id: int
    synthetic_incident: str
    export_from: str | None
    # The moment the incidents' history was last written: the data as it then stood is today's.
    as_of: str | None = None


def map_cases(ctx: Context) -> list[Case]:
    views = [
        ("whole region, zoom 6", _q(bbox=REGION, zoom=6)),
        ("Baghdad, zoom 12", _q(bbox=BAGHDAD, zoom=12)),
        (
            "Nineveh, Oct 2016 - Jul 2017, zoom 8",
            _q(governorate="IQ-NI", date_from="2016-10-17", date_to="2017-07-20", bbox=NINEVEH, zoom=8),
        ),
        ("one armed group, region, zoom 6", _q(group=ctx.group_id, bbox=REGION, zoom=6)),
        (f"text search '{SEARCH}', region, zoom 6", _q(q=SEARCH, bbox=REGION, zoom=6)),
        (f"text search spelled otherwise '{MISSPELT}', region, zoom 6", _q(q=MISSPELT, bbox=REGION, zoom=6)),
        ("unfiltered world, zoom 2", _q(bbox=WORLD, zoom=2)),
    ]
    cases = [Case("map", name, f"/map/data/?{query}", f"/bench/map/data/?{query}", "map") for name, query in views]
    cases.append(Case("map", "weekly histogram, unfiltered (no target)", "/map/histogram/"))
    # What a visitor gets once someone has asked the same: the home view, from the cache.
    cases.append(Case("map", "whole region, zoom 6, cached (no target)", f"/map/data/?{views[0][1]}", map_cache=True))
    return cases


def list_cases(ctx: Context) -> list[Case]:
    cases = []
    for sort in LIST_SORTS:
        for page in (1, DEEP_PAGE):
            query = _q(sort=sort, page=page)
            cases.append(
                Case("list", f"sort {sort}, page {page}", f"/incidents/?{query}", f"/bench/incidents/?{query}", "list")
            )
    for text in (SEARCH, MISSPELT):
        query = _q(q=text)
        name = f"text search '{text}'" + (", spelled otherwise" if text == MISSPELT else "")
        cases.append(Case("list", name, f"/incidents/?{query}", f"/bench/incidents/?{query}", "list"))
    return cases


def page_cases(ctx: Context) -> list[Case]:
    return [
        Case(
            "incident",
            f"{DEMO_INCIDENT} (demo: claims, statements, links)",
            f"/incidents/{DEMO_INCIDENT}/",
            f"/bench/incidents/{DEMO_INCIDENT}/",
            "incident",
        ),
        Case(
            "incident",
            "a synthetic incident",
            f"/incidents/{ctx.synthetic_incident}/",
            f"/bench/incidents/{ctx.synthetic_incident}/",
            "incident",
        ),
        Case("group", "busiest armed group (no target)", f"/groups/{ctx.group_id}/", f"/bench/groups/{ctx.group_id}/"),
        # The same page as it stood at the last write, read from the history tables.
        Case(
            "group",
            "busiest armed group, as of a past moment (no target)",
            f"/groups/{ctx.group_id}/?{_q(as_of=ctx.as_of)}",
        ),
    ]


def api_cases(ctx: Context) -> list[Case]:
    queries = [
        ("unfiltered", ""),
        ("governorate + year", _q(governorate="IQ-BG", date_from="2016-01-01", date_to="2016-12-31")),
        ("event type + killed >= 5", _q(event_type="remote_violence", killed_min=5)),
        ("armed group, page 2", _q(group=ctx.group_id, page=2)),
    ]
    return [
        Case("api", name, f"/api/v1/incidents/?{query}", f"/bench/api/incidents/?{query}", "api")
        for name, query in queries
    ]


def export_cases(ctx: Context, kind: str) -> list[Case]:
    """The export of about 100,000 incidents; "csv-as-of" the same rows as they stood at a past
    moment (releases.asof), read from the history tables."""
    fmt, _, moment = kind.partition("-")
    query = _q(date_from=ctx.export_from, as_of=ctx.as_of if moment else None)
    return [
        Case(
            f"export-{kind}",
            f"{EXPORT_LABELS[kind]} export",
            f"/incidents/export.{fmt}?{query}",
            f"/bench/incidents/export.{fmt}?{query}",
        )
    ]


def trends_cases(ctx: Context) -> list[Case]:
    cases = []
    for name, query in LOAD_FILTERS:
        query = query.replace("GROUP", str(ctx.group_id))
        cases.append(Case("trends", name, f"/trends/?{query}", f"/bench/trends/?{query}", "trends"))
    cases.append(Case("trends", "by perpetrator group, unfiltered (no target)", "/trends/?by=group"))
    return cases


PAGE_GROUPS = {"map": map_cases, "list": list_cases, "pages": page_cases, "api": api_cases, "trends": trends_cases}
