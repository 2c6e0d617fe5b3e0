"""Text search that finds a name however it is spelled, on every page, the map, the API and the admin.

Both sides go through one key, `incidents.text.search_key`: the incidents' text is keyed when written
(`Incident.search_text`), the query when asked. An incident matches when its key contains the
query's key, when its public id is the query, or when a group taking part in it matches. A query
that is, by key, a name of a gazetteer entry (a place, a governorate or a country, in any of its
spellings or in Arabic) also finds the entry's English and primary names, so `بغداد` finds what
`Baghdad` finds; a governorate's name also finds the incidents located in it. A query that
matches no name and no incident's text is read as the name spelled most like it (`meaning`).

Groups, people and places are few (hundreds to thousands): their names are keyed as they are read,
which stays right whatever edits them (an alias saved on its own, an import).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import BigIntegerField, Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce

from geo.models import AdminArea, Country, Place
from incidents.models import ArmedGroup, GroupAlias, Incident, Participation
from incidents.text import search_key, spelling_skeleton

# Names repeat across requests: each distinct one is keyed once per process.
_name_key = lru_cache(maxsize=65536)(search_key)


def _keys(names: Iterable[str]) -> set[str]:
    """The keys of some names; a field of several lines gives one name per line."""
    return {_name_key(line) for name in names if name for line in name.splitlines() if line.strip()}


def matching_pks(rows: Iterable[tuple], query: str, whole_names: bool = False) -> list[int]:
    """The first value (a pk) of each row one of whose other values has a key containing `query`
    (a key already). When none has, those one of whose names is spelled like it: its skeleton is the
    query's (`whole_names`, for places) or contains it (four letters at least, for people's names)."""
    rows = [(pk, _keys(names)) for pk, *names in rows]
    found = [pk for pk, keys in rows if any(query in key for key in keys)]
    skeleton = spelling_skeleton(query)
    if found or len(skeleton) < SHORTEST_SKELETON + (0 if whole_names else 1):
        return found
    if whole_names:
        return [pk for pk, keys in rows if skeleton in {spelling_skeleton(key) for key in keys}]
    return [pk for pk, keys in rows if any(skeleton in spelling_skeleton(key) for key in keys)]


def _text(value=""):
    return Value(value, output_field=TextField())


def _names() -> list[tuple]:
    """Every group's, alias's and gazetteer entry's names, in one query: (kind, pk, rank, names...).
    The rank orders gazetteer entries by weight: countries, governorates, then places by population."""
    rows = [
        ArmedGroup.objects.values_list(_text("group"), "pk", _rank(), "name", "name_ar", _text(), "abbreviation"),
        GroupAlias.objects.values_list(_text("alias"), "group_id", _rank(), "name", _text(), _text(), _text()),
        Place.objects.values_list(
            _text("place"), "pk", -Coalesce("population", 0), "name", "ascii_name", "name_ar", "alternate_names"
        ),
        AdminArea.objects.values_list(
            _text("area"), "pk", _rank(-(10**10)), "name_en", "name_ar", Cast("alt_names", TextField()), _text()
        ),
        Country.objects.values_list(_text("country"), "pk", _rank(-(10**11)), "name_en", "name_ar", _text(), _text()),
    ]
    first, *others = (queryset.order_by() for queryset in rows)
    return list(first.union(*others, all=True))


def _rank(value=0):
    return Value(value, output_field=BigIntegerField())


@dataclass
class Meaning:
    """What a query names: groups (pks), the keys of gazetteer names to look for, governorates (pks),
    and, when it was read by its spelling skeleton, the names it was taken for."""

    groups: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    areas: set[int] = field(default_factory=set)
    spelled_like: list[str] = field(default_factory=list)


def _matches(query: str, rows: list[tuple]) -> Meaning:
    """The groups whose name, Arabic name or an alias contains the query's key or whose abbreviation
    it is; the keys of the English and primary names of the gazetteer entries one of whose names it
    is exactly; and the governorates among those."""
    meaning = Meaning()
    for kind, pk, _, first, second, third, fourth in rows:
        if kind == "group":
            if _name_key(fourth or "") == query or any(query in key for key in _keys([first, second])):
                meaning.groups.add(pk)
        elif kind == "alias":
            if any(query in key for key in _keys([first])):
                meaning.groups.add(pk)
        elif query in _keys(_gazetteer_names(kind, first, second, third, fourth)):
            meaning.names |= _keys(_shown_names(kind, first, second)) - {""}
            if kind == "area":
                meaning.areas.add(pk)
    return meaning


def _gazetteer_names(kind, first, second, third, fourth) -> list[str]:
    """A place's name, ASCII name, Arabic name and alternates; a governorate's English, Arabic and
    other names; a country's English and Arabic names."""
    return [first, second, *json.loads(third or "[]")] if kind == "area" else [first, second, third, fourth]


def _shown_names(kind, first, second) -> list[str]:
    """The names incidents are written with: a place's name and ASCII name, an area's or a country's English name."""
    return [first, second] if kind == "place" else [first]


# A skeleton shorter than this is shared by too many names to say which one a query means.
SHORTEST_SKELETON = 3


def _spelled_like(query: str, rows: list[tuple]) -> Meaning:
    """What a query that matches no name by key is taken to mean, by spelling skeleton: the groups
    one of whose names' skeletons contains the query's (of four letters at least), and the one
    gazetteer entry of most weight (a country, then a governorate, then the most populous place) a
    name of which has the query's skeleton. "Telafar" is Tall Afar, "Baghdat" Baghdad (spelled
    "Bagdat" in the gazetteer), "Kataeb Hizballah" Kata'ib Hezbollah."""
    meaning, skeleton = Meaning(), spelling_skeleton(query)
    if len(skeleton) < SHORTEST_SKELETON:
        return meaning
    entries = []
    for kind, pk, rank, first, second, third, fourth in rows:
        if kind in ("group", "alias"):
            if len(skeleton) > SHORTEST_SKELETON and any(skeleton in spelling_skeleton(key) for key in _keys([first])):
                meaning.groups.add(pk)
        elif skeleton in {
            spelling_skeleton(key) for key in _keys(_gazetteer_names(kind, first, second, third, fourth))
        }:
            entries.append((rank, kind, pk, first, second))
    if entries:
        _, kind, pk, first, second = min(entries)
        meaning.names = _keys(_shown_names(kind, first, second)) - {""}
        meaning.areas = {pk} if kind == "area" else set()
        meaning.spelled_like.append(first)
    groups = {pk: first for kind, pk, _, first, *_ in rows if kind == "group" and pk in meaning.groups}
    meaning.spelled_like += sorted(groups.values())
    return meaning


def group_ids(text: str) -> list[int]:
    """Groups whose name, Arabic name or an alias contains the text, or whose abbreviation it is, by
    key; when none does, those spelled like it."""
    query = search_key(text)
    if not query:
        return []
    rows = _names()
    return sorted(_matches(query, rows).groups or _spelled_like(query, rows).groups)


def meaning(text: str) -> Meaning:
    """What a free-text query names. A query that matches no name, and no incident's text, by key is
    read by its spelling skeleton (`_spelled_like`): "Baghdat" finds Baghdad's incidents."""
    query = search_key(text.strip())
    if not query:
        return Meaning()
    rows = _names()
    found = _matches(query, rows)
    if found.groups or found.names or Incident.objects.filter(search_text__contains=query).exists():
        return found
    return _spelled_like(query, rows)


def incident_condition(text: str, participations=None, named: Meaning | None = None) -> Q:
    """The incidents a free-text query finds (the list's, the map's and the API's `q`, the admin's search).

    `participations` are those to read (the current ones unless given: `releases.asof` gives
    those of a past moment); `named` is the query's `meaning`, if the caller has it already."""
    text = text.strip()
    condition = Q(public_id__iexact=text)
    query = search_key(text)
    if not query:
        return condition
    named = named or meaning(text)
    # Each key is one trigram-indexed LIKE on PostgreSQL (migration 0025).
    for key in sorted({query, *named.names}):
        condition |= Q(search_text__contains=key)
    if named.areas:
        condition |= Q(admin_area_id__in=sorted(named.areas))
    if named.groups:
        taking_part = Participation.objects.all() if participations is None else participations
        condition |= Exists(taking_part.filter(incident_id=OuterRef("id"), group_id__in=sorted(named.groups)))
    return condition


def person_ids(text: str, people) -> list[int]:
    """Of `people` (a queryset), those whose name, Arabic name or an alias contains the text, by key,
    or, when none does, is spelled like it."""
    query = search_key(text)
    return matching_pks(people.values_list("id", "name", "name_ar", "aliases"), query) if query else []


def place_ids(text: str, places) -> list[int]:
    """Of `places` (a queryset), those one of whose names contains the text, by key, or, when none
    does, is spelled like it."""
    query = search_key(text)
    fields = ("id", "name", "ascii_name", "name_ar", "alternate_names")
    return matching_pks(places.values_list(*fields), query, whole_names=True) if query else []
