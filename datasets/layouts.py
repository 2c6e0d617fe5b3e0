"""The column layouts ACLED and UCDP GED publish, and what an import needs of each dataset.

Both datasets' layouts are known here, so that a file of one chosen as the other is named for
what it is (datasets.csvtable.CsvTable's `others`), and the readers and writers of each dataset
(datasets.acled, datasets.ucdp) import this module rather than each other.
"""

import re

from datasets.cells import read_date
from datasets.csvtable import DatasetColumns, Layout, column_list
from incidents.models.choices import EventType
from incidents.text import fold

ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%B-%y")
# ACLED's event type labels, folded, and our codes for them.
ACLED_EVENT_TYPES = {fold(label): code for code, label in EventType.choices}
ACLED_ID = re.compile(r"[A-Z]{2,4}\d+")


def _digits(value: str) -> bool:
    return value.isdigit()


def _year(value: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", value))


def _date(value: str) -> bool:
    return read_date(value, ACLED_DATE_FORMATS) is not None


def _words(value: str) -> bool:
    return bool(re.search(r"[A-Za-z]", value)) and not value.isdigit()


ACLED_LAYOUT_2020 = Layout(
    "ACLED",
    "2020 layout",
    column_list(
        "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
        "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,"
        "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3"
    ),
    signature={
        "data_id": _digits,
        "iso": _digits,
        "event_id_cnty": lambda v: bool(ACLED_ID.fullmatch(v)),
        "event_id_no_cnty": _digits,
        "event_date": _date,
        "year": _year,
        "inter1": lambda v: v in {str(code) for code in range(9)},
    },
)
ACLED_LAYOUT_CURRENT = Layout(
    "ACLED",
    "current layout",
    column_list(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
        "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
        "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
        "tags,timestamp"
    ),
    signature={
        "event_id_cnty": lambda v: bool(ACLED_ID.fullmatch(v)),
        "event_date": _date,
        "year": _year,
        "time_precision": lambda v: v in {"1", "2", "3"},
        "disorder_type": _words,
        "event_type": lambda v: fold(v) in ACLED_EVENT_TYPES,
    },
)
ACLED_COLUMNS = DatasetColumns(
    label="ACLED",
    required=(
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
    ),
    layouts=(ACLED_LAYOUT_CURRENT, ACLED_LAYOUT_2020),
    importer_hint="import_acled (or the ACLED choice of the admin import)",
)


def _flag(value: str) -> bool:
    return value in {"0", "1"}


def _violence(value: str) -> bool:
    return value in {"1", "2", "3"}


UCDP_LAYOUT_STANDARD = Layout(
    "UCDP GED",
    "standard layout",
    column_list(
        "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
        "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
        "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
        "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
        "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
        "deaths_unknown,best,high,low,gwnoa,gwnob"
    ),
    signature={
        "id": _digits,
        "relid": lambda v: bool(re.fullmatch(r"[A-Z]{3}-\d{4}-.+", v)),
        "year": _year,
        "active_year": _flag,
        "type_of_violence": _violence,
    },
)
UCDP_LAYOUT_HDX = Layout(
    "UCDP GED",
    "HDX layout",
    column_list(
        "id,year,active_year,start_year,end_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,"
        "dyad_name,side_a_new_id,gwnoa,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,"
        "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,"
        "latitude,longitude,geom_wkt,priogrid_gid,country,country_id,iso3,region,event_clarity,date_prec,"
        "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high"
    ),
    signature={
        "id": _digits,
        "year": _year,
        "active_year": _flag,
        "start_year": _year,
        "end_year": _year,
        "type_of_violence": _violence,
    },
)
# The HXL hashtags HDX writes under the HDX layout's header (a row of them; most columns have none).
_HDX_HASHTAGS = {
    "year": "#date+year",
    "start_year": "#date+year+start",
    "end_year": "#date+year+end",
    "side_a": "#group+name+first",
    "side_b": "#group+name+second",
    "source_article": "#meta+source",
    "source_headline": "#description",
    "where_coordinates": "#loc+name",
    "adm_1": "#adm1+name",
    "adm_2": "#adm2+name",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "country": "#country+name",
    "iso3": "#country+code",
    "region": "#region+name",
    "date_start": "#date+start",
    "date_end": "#date+end",
    "best": "#affected+killed",
}
UCDP_HDX_HASHTAGS = [_HDX_HASHTAGS.get(column, "") for column in UCDP_LAYOUT_HDX.columns]
UCDP_COLUMNS = DatasetColumns(
    label="UCDP GED",
    required=(
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "where_prec",
        "latitude",
        "longitude",
        "country",
        "date_prec",
        "date_start",
        "date_end",
        "low",
        "best",
        "high",
    ),
    layouts=(UCDP_LAYOUT_STANDARD, UCDP_LAYOUT_HDX),
    importer_hint="import_ucdp (or the UCDP GED choice of the admin import)",
)


# Every dataset an import knows: a file is checked against the others' layouts too.
DATASETS = (ACLED_COLUMNS, UCDP_COLUMNS)


def confused_with(dataset: DatasetColumns) -> tuple[DatasetColumns, ...]:
    """The datasets whose files people take for `dataset`'s (CsvTable's `others`)."""
    return tuple(other for other in DATASETS if other is not dataset)
