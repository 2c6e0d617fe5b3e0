"""The country outlines (countries.geojson) and the governorates (admin1.geojson), dissolved from
Natural Earth's admin-1 polygons; part of the build run by build_geodata.py.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from build_names import ascii_fold, dedupe, is_latin
from build_shapes import (
    bbox_of,
    dissolve,
    feature_polygons,
    round_polygons,
    self_intersections,
    to_geojson_multipolygon,
)

# ---------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------

# iso2 -> (iso3, name_en, name_ar). Features are picked from the admin-1 layer by iso_a2.
COUNTRIES = {
    "IQ": ("IRQ", "Iraq", "العراق"),
    "SY": ("SYR", "Syria", "سوريا"),
    "TR": ("TUR", "Turkey", "تركيا"),
    "IR": ("IRN", "Iran", "إيران"),
    "JO": ("JOR", "Jordan", "الأردن"),
    "SA": ("SAU", "Saudi Arabia", "السعودية"),
    "KW": ("KWT", "Kuwait", "الكويت"),
    "LB": ("LBN", "Lebanon", "لبنان"),
    "IL": ("ISR", "Israel", "إسرائيل"),
    "PS": ("PSE", "Palestine", "فلسطين"),
}
COVERED = ("IQ", "SY")

# ---------------------------------------------------------------------------------------
# Governorates
# ---------------------------------------------------------------------------------------

# Output ISO 3166-2 code -> Natural Earth iso_3166_2 code(s) dissolved into it.
NE_CODES = {"IQ-KI": ("IQ-TS",), "SY-QU": ("SY-QU", "SY-X01~")}

# Common English name, then extra spellings. The first extras are the ISO 3166-2 /
# GeoNames (BGN/PCGN) romanisations, which is what UCDP's adm_1 field uses
# (e.g. "Al Anbār province"); their plain-ASCII forms are added automatically.
GOVERNORATES = {
    "IQ-AN": ("Al Anbar", ["Al Anbār", "Anbar", "Anbār", "Al-Anbar", "al-Anbar", "Dulaim"]),
    "IQ-AR": ("Erbil", ["Arbīl", "Arbil", "Irbil", "Hewlêr", "Hewler", "Hawler", "Arbela"]),
    "IQ-BA": ("Basra", ["Al Başrah", "Al Basrah", "Al-Basrah", "Basrah", "Al-Basra", "Bassora"]),
    "IQ-BB": ("Babil", ["Bābil", "Babylon", "Babel"]),
    "IQ-BG": ("Baghdad", ["Baghdād", "Bagdad"]),
    "IQ-DA": ("Duhok", ["Dahūk", "Dahuk", "Dohuk", "Dihok", "Duhoc", "D'hok"]),
    "IQ-DI": ("Diyala", ["Diyālá", "Diyalah", "Diala"]),
    "IQ-DQ": ("Dhi Qar", ["Dhī Qār", "Dhi-Qar", "Thi Qar", "Thi-Qar", "Zi Qar", "Muntafiq"]),
    "IQ-KA": ("Karbala", ["Karbalā'", "Karbala'", "Kerbala", "Kerbela"]),
    "IQ-KI": ("Kirkuk", ["Kirkūk", "Karkuk", "At-Ta'mim", "At Ta'mim", "Ta'mim", "Tamim"]),
    "IQ-MA": ("Maysan", ["Maysān", "Missan", "Misan", "Mesan"]),
    "IQ-MU": ("Al Muthanna", ["Al Muthanná", "Muthanna", "Al-Muthanna", "Al-Muthannia"]),
    "IQ-NA": ("Najaf", ["An Najaf", "An-Najaf", "Al Najaf", "Al-Najaf"]),
    "IQ-NI": ("Nineveh", ["Nīnawá", "Ninawa", "Ninewa", "Nineveh Governorate", "Ninive", "Niniveh", "Nineva"]),
    "IQ-QA": (
        "Al-Qadisiyyah",
        [
            "Al Qādisīyah",
            "Al Qadisiyah",
            "Al-Qadisiyah",
            "Qadisiyah",
            "Al-Qādisiyyah",
            "Al Qadisiyyah",
            "Qadisiyyah",
            "Qadisiya",
        ],
    ),
    "IQ-SD": (
        "Saladin",
        [
            "Şalāḩ ad Dīn",
            "Salah ad Din",
            "Salah ad-Din",
            "Salah al-Din",
            "Salah al Din",
            "Salahuddin",
            "Salahaddin",
            "Salaheddin",
            "Sala ad-Din",
        ],
    ),
    "IQ-SU": (
        "Sulaymaniyah",
        [
            "As Sulaymānīyah",
            "As Sulaymaniyah",
            "As-Sulaymaniyah",
            "Sulaimaniyah",
            "Sulaimaniya",
            "Slemani",
            "Silêmanî",
            "Suleimaniyah",
        ],
    ),
    "IQ-WA": ("Wasit", ["Wāsiţ", "Wassit"]),
    "SY-DI": ("Damascus", ["Dimashq", "Damascus City"]),
    "SY-DR": ("Daraa", ["Dar‘ā", "Dar'ā", "Dar'a", "Dar`a", "Deraa", "Der'a", "Daraa Governorate"]),
    "SY-DY": (
        "Deir ez-Zor",
        ["Dayr az Zawr", "Deir ez Zor", "Deir al-Zour", "Deir Ezzor", "Deir el-Zor", "Deir Ez-Zor", "Dayr al-Zawr"],
    ),
    "SY-HA": (
        "Al-Hasakah",
        ["Al Ḩasakah", "Al Hasakah", "Hasakah", "Hasaka", "Al-Hasaka", "Hassakeh", "Haseke", "Al-Hasakeh"],
    ),
    "SY-HI": ("Homs", ["Ḩimş", "Hims"]),
    "SY-HL": ("Aleppo", ["Ḩalab", "Halab"]),
    "SY-HM": ("Hama", ["Ḩamāh", "Hamah"]),
    "SY-ID": ("Idlib", ["Idleb", "Edlib"]),
    "SY-LA": ("Latakia", ["Al Lādhiqīyah", "Al Ladhiqiyah", "Lattakia", "Latakiya", "Al-Ladhiqiyah"]),
    "SY-QU": ("Quneitra", ["Al Qunayţirah", "Al Qunaytirah", "Qunaytirah", "Kuneitra", "Al-Quneitra"]),
    "SY-RA": ("Raqqa", ["Ar Raqqah", "Al-Raqqah", "Ar-Raqqah", "Raqqah", "Rakka"]),
    "SY-RD": (
        "Rif Dimashq",
        ["Rīf Dimashq", "Reef Dimashq", "Rif Damascus", "Rural Damascus", "Damascus Countryside", "Rif-Dimashq"],
    ),
    "SY-SU": ("As-Suwayda", ["As Suwaydā'", "As Suwayda'", "Suwayda", "As Suwayda", "Sweida", "Suwaida", "Es Suweida"]),
    "SY-TA": ("Tartus", ["Ţarţūs", "Tartous", "Tartos"]),
}

# Natural Earth name_alt values that are not names of the governorate (cities inside it,
# wider regions, encoding damage); matching on them would misplace places.
NE_ALT_EXCLUDE = {
    "Mosul",
    "Al-Mawsil",
    "N¡nive",
    "Bagd",
    "Ramadi",
    "Hilla",
    "Kut",
    "Kut-al-Imara",
    "`Amara",
    "Nasiriyah",
    "Diwaniyah",
    "Hauran",
    "Al Rashid",
    "Rashid",
    "Al Jezira",
    "Jezireh",
}

# ---------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------


def load_admin1(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    features = [f for f in data["features"] if f["properties"].get("iso_a2") in COUNTRIES]
    features.sort(
        key=lambda f: (f["properties"]["iso_a2"], f["properties"]["iso_3166_2"], f["properties"].get("adm1_code", ""))
    )
    return features


def build_countries(features):
    by_country = defaultdict(list)
    for f in features:
        by_country[f["properties"]["iso_a2"]].extend(feature_polygons(f["geometry"]))
    out = []
    for iso2 in sorted(COUNTRIES):
        if iso2 not in by_country:
            print(f"warning: no admin-1 features for {iso2}; skipped", file=sys.stderr)
            continue
        iso3, name_en, name_ar = COUNTRIES[iso2]
        polys = round_polygons(dissolve(by_country[iso2]))
        problems = self_intersections(polys)
        if problems:
            raise SystemExit(f"{iso2}: outline has {problems} self-intersections")
        out.append(
            {
                "type": "Feature",
                "properties": {"iso2": iso2, "iso3": iso3, "name_en": name_en, "name_ar": name_ar},
                "geometry": to_geojson_multipolygon(polys),
            }
        )
    return out


def governorate_alt_names(code, props_list, name_en):
    curated = GOVERNORATES[code][1]
    names = list(curated)
    for props in props_list:
        names.append(props.get("name", ""))
        names.append(props.get("name_en", ""))
        names.append(props.get("woe_name", ""))
        gn = props.get("gn_name", "")
        if gn.startswith("Muhafazat "):
            gn = gn[len("Muhafazat ") :]
            gn = gn[0].upper() + gn[1:]
        names.append(gn)
        for alt in (props.get("name_alt") or "").split("|"):
            alt = alt.strip()
            if alt and alt not in NE_ALT_EXCLUDE:
                names.append(alt)
    # Natural Earth labels like "Homs (Hims)": keep both parts.
    expanded = []
    for n in names:
        if "(" in n and n.endswith(")"):
            head, tail = n[:-1].split("(", 1)
            expanded.extend([head.strip(), tail.strip()])
        else:
            expanded.append(n)
    with_ascii = []
    for n in expanded:
        with_ascii.append(n)
        with_ascii.append(ascii_fold(n))
    # Never list a name that belongs to another governorate (Natural Earth gives Rif
    # Dimashq the label "Damascus", for instance).
    others = set()
    for other, (other_name, other_alts) in GOVERNORATES.items():
        if other != code:
            others.update(n.casefold() for n in [other_name, *other_alts])
            others.update(ascii_fold(n).casefold() for n in [other_name, *other_alts])
    return [n for n in dedupe(with_ascii, exclude=[name_en]) if is_latin(n) and n.casefold() not in others]


def build_admin1(features):
    ne_by_code = defaultdict(list)
    for f in features:
        if f["properties"]["iso_a2"] in COVERED:
            ne_by_code[f["properties"]["iso_3166_2"]].append(f)
    used = set()
    out = []
    for code in sorted(GOVERNORATES):
        ne_codes = NE_CODES.get(code, (code,))
        feats = [f for c in ne_codes for f in ne_by_code.get(c, [])]
        if not feats:
            raise SystemExit(f"{code}: no Natural Earth feature ({', '.join(ne_codes)})")
        used.update(ne_codes)
        polys = round_polygons(dissolve([p for f in feats for p in feature_polygons(f["geometry"])]))
        problems = self_intersections(polys)
        if problems:
            raise SystemExit(f"{code}: {problems} self-intersections")
        main = next(f for f in feats if f["properties"]["iso_3166_2"] == ne_codes[0])["properties"]
        name_en = GOVERNORATES[code][0]
        name_ar = (main.get("name_ar") or "").strip()
        if name_ar.startswith("محافظة "):
            name_ar = name_ar[len("محافظة ") :].strip()
        if not name_ar:
            raise SystemExit(f"{code}: no Arabic name")
        named = [f["properties"] for f in feats if f["properties"]["iso_3166_2"] != "SY-X01~"]
        alt = governorate_alt_names(code, named, name_en)
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_3166_2": code,
                    "country": code[:2],
                    "name_en": name_en,
                    "name_ar": name_ar,
                    "alt_names": alt,
                    "bbox": bbox_of(polys),
                },
                "geometry": to_geojson_multipolygon(polys),
                "_polys": polys,
            }
        )
    leftover = sorted(set(ne_by_code) - used)
    if leftover:
        raise SystemExit(f"unmapped Natural Earth codes: {leftover}")
    return out
