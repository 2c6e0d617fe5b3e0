"""Text search that finds a name however it is spelled, on every page, the map, the API and the admin.

Both sides go through one key, `incidents.text.search_key`: the incidents' text is keyed when written
(`Incident.search_text`), the query when asked. An incident matches when its key contains the
query's key, when its public id is the query, or when a group taking part in it matches. A query
that is, by key, a name of a gazetteer entry (a place, a governorate or a country, in any of its
spellings or in Arabic) also finds the entry's English and primary names, so `بغداد` finds what
`Baghdad` finds; a governorate's name also finds the incidents located in it.

Groups, people and places are few (hundreds to thousands): their names are keyed as they are read,
which stays right whatever edits them (an alias saved on its own, an import).
"""

import json
from collections.abc import Iterable
from functools import lru_cache

from django.db.models import Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast

from geo.models import AdminArea, Country, Place
from incidents.models import ArmedGroup, GroupAlias, Participation
from incidents.text import search_key

# Names repeat across requests: each distinct one is keyed once per process.
_name_key = lru_cache(maxsize=65536)(search_key)


def _keys(names: Iterable[str]) -> set[str]:
    """The keys of some names; a field of several lines gives one name per line."""
    return {_name_key(line) for name in names if name for line in name.splitlines() if line.strip()}


def matching_pks(rows: Iterable[tuple], query: str) -> list[int]:
    """The first value (a pk) of each row one of whose other values has a key containing `query`
    (a key already)."""
    return [pk for pk, *names in rows if any(query in key for key in _keys(names))]


def _text(value=""):
    return Value(value, output_field=TextField())


def _names() -> list[tuple]:
    """Every group's, alias's and gazetteer entry's names, in one query: (kind, pk, names...)."""
    rows = [
        ArmedGroup.objects.values_list(_text("group"), "pk", "name", "name_ar", _text(), "abbreviation"),
        GroupAlias.objects.values_list(_text("alias"), "group_id", "name", _text(), _text(), _text()),
        Place.objects.values_list(_text("place"), "pk", "name", "ascii_name", "name_ar", "alternate_names"),
        AdminArea.objects.values_list(
            _text("area"), "pk", "name_en", "name_ar", Cast("alt_names", TextField()), _text()
        ),
        Country.objects.values_list(_text("country"), "pk", "name_en", "name_ar", _text(), _text()),
    ]
    first, *others = (queryset.order_by() for queryset in rows)
    return list(first.union(*others, all=True))


def _matches(query: str, rows: list[tuple]) -> tuple[set[int], set[str], set[int]]:
    """For a query key: the groups whose name, Arabic name or an alias contains it or whose
    abbreviation it is; the keys of the English and primary names of the gazetteer entries one of
    whose names it is exactly; and the governorates among those."""
    groups, names, areas = set(), set(), set()
    for kind, pk, first, second, third, fourth in rows:
        if kind == "group":
            if _name_key(fourth or "") == query or any(query in key for key in _keys([first, second])):
                groups.add(pk)
        elif kind == "alias":
            if any(query in key for key in _keys([first])):
                groups.add(pk)
        elif kind == "area":
            if query in _keys([first, second, *json.loads(third or "[]")]):
                names |= _keys([first])
                areas.add(pk)
        elif query in _keys([first, second, third, fourth]):
            # A place (name, ASCII name, Arabic, alternates) or a country (English, Arabic).
            names |= _keys([first] if kind == "country" else [first, second])
    names.discard("")
    return groups, names, areas


def group_ids(text: str) -> list[int]:
    """Groups whose name, Arabic name or an alias contains the text, or whose abbreviation it is, by key."""
    query = search_key(text)
    return sorted(_matches(query, _names())[0]) if query else []


def incident_condition(text: str, participations=None) -> Q:
    """The incidents a free-text query finds (the list's, the map's and the API's `q`, the admin's search).

    `participations` are those to read (the current ones unless given: `releases.asof` gives
    those of a past moment)."""
    text = text.strip()
    condition = Q(public_id__iexact=text)
    query = search_key(text)
    if not query:
        return condition
    groups, names, areas = _matches(query, _names())
    # Each key is one trigram-indexed LIKE on PostgreSQL (migration 0025).
    for key in sorted({query, *names}):
        condition |= Q(search_text__contains=key)
    if areas:
        condition |= Q(admin_area_id__in=sorted(areas))
    if groups:
        taking_part = Participation.objects.all() if participations is None else participations
        condition |= Exists(taking_part.filter(incident_id=OuterRef("id"), group_id__in=groups))
    return condition


def person_ids(text: str, people) -> list[int]:
    """Of `people` (a queryset), those whose name, Arabic name or an alias contains the text, by key."""
    query = search_key(text)
    return matching_pks(people.values_list("pk", "name", "name_ar", "aliases"), query) if query else []


def place_ids(text: str, places) -> list[int]:
    """Of `places` (a queryset), those one of whose names contains the text, by key."""
    query = search_key(text)
    fields = ("pk", "name", "ascii_name", "name_ar", "alternate_names")
    return matching_pks(places.values_list(*fields), query) if query else []
