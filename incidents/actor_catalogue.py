"""The actor catalogue (incidents/catalogue/actors.toml): the actors of Iraq and Syria as reference
data, read and checked whole, then written into the armed groups.

Loading updates: a group is found again by its catalogue key (or, the first time, by its name), so
running it twice changes nothing and a renamed entry renames its group. Aliases, backers and
countries are added, never removed (staff may have added their own); each ACLED string and UCDP
id or name the catalogue gives is attached to its group, moved there if an import had given it to
another one.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from geo.models import Country
from incidents.models import ArmedGroup, ExternalName, GroupAlias
from incidents.models.choices import Dataset, GroupKind
from incidents.text import normalise_name

CATALOGUE = Path(__file__).resolve().parent / "catalogue" / "actors.toml"

_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TEXT_FIELDS = ("name_ar", "abbreviation", "alignment", "description")
_LIST_FIELDS = ("backers", "countries", "aliases", "acled", "ucdp")
_FIELDS = {"name", "kind", "umbrella", "source", "active_from", "active_to", *_TEXT_FIELDS, *_LIST_FIELDS}


class CatalogueError(ValueError):
    """The catalogue file is not usable; the message names the file and line."""


@dataclass
class Entry:
    key: str
    line: int
    name: str
    kind: str
    source: str
    umbrella: str = ""
    active_from: int | None = None
    active_to: int | None = None
    name_ar: str = ""
    abbreviation: str = ""
    alignment: str = ""
    description: str = ""
    backers: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    acled: list[str] = field(default_factory=list)
    ucdp: list[str] = field(default_factory=list)

    def external_names(self) -> list[tuple[str, str]]:
        return [(Dataset.ACLED, value) for value in self.acled] + [(Dataset.UCDP, value) for value in self.ucdp]


def read_catalogue(path: Path = CATALOGUE) -> list[Entry]:
    """Every entry of the file, checked: a duplicate key, an unknown field or kind, an umbrella or
    backer that is no key of the file, an umbrella cycle, or a name or dataset name given to two
    entries is a CatalogueError naming the line."""
    data, lines = read_tables(path)
    entries = [_entry(path.name, key, lines.get(key, 0), spec) for key, spec in data.items()]
    _check_references(path.name, entries)
    _check_unique(path.name, entries)
    return entries


def read_tables(path: Path) -> tuple[dict, dict[str, int]]:
    """A catalogue file's tables, and the line of each table's header."""
    text = path.read_text(encoding="utf-8")
    lines = _entry_lines(path.name, text)
    try:
        return tomllib.loads(text), lines
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{path.name}: {error}") from None


def _entry_lines(filename: str, text: str) -> dict[str, int]:
    """The line of each table header; a header seen twice is refused here, with both lines, before
    TOML's own message (which names only the second)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TABLE_HEADER.match(line)
        if not match:
            continue
        key = match.group(1).strip("\"'")
        if key in lines:
            raise CatalogueError(
                f"{filename}, line {number}: the key [{key}] is used again (first on line {lines[key]})."
            )
        lines[key] = number
    return lines


def _entry(filename: str, key: str, line: int, spec) -> Entry:
    where = f"{filename}, line {line} [{key}]"
    if not isinstance(spec, dict):
        raise CatalogueError(f"{where}: an entry must be a table ([{key}] and its fields).")
    if not _KEY.match(key):
        raise CatalogueError(f"{where}: a key is lower-case letters, digits and hyphens.")
    unknown = sorted(set(spec) - _FIELDS)
    if unknown:
        raise CatalogueError(f"{where}: unknown field {', '.join(unknown)}.")
    for name in ("name", "kind", "source"):
        if not isinstance(spec.get(name), str) or not spec[name].strip():
            raise CatalogueError(f"{where}: {name} is missing.")
    if spec["kind"] not in GroupKind.values:
        raise CatalogueError(f"{where}: kind {spec['kind']!r} is not one of {', '.join(GroupKind.values)}.")
    check_source(where, spec["source"])
    for name in (*_TEXT_FIELDS, "umbrella"):
        if not isinstance(spec.get(name, ""), str):
            raise CatalogueError(f"{where}: {name} must be text.")
    for name in _LIST_FIELDS:
        values = spec.get(name, [])
        if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
            raise CatalogueError(f"{where}: {name} must be a list of texts.")
    for name in ("active_from", "active_to"):
        if name in spec and not (isinstance(spec[name], int) and 1700 <= spec[name] <= 2100):
            raise CatalogueError(f"{where}: {name} must be a year.")
    if spec.get("active_from") and spec.get("active_to") and spec["active_to"] < spec["active_from"]:
        raise CatalogueError(f"{where}: active_to is before active_from.")
    return Entry(key=key, line=line, **spec)


def check_source(where: str, source: str) -> None:
    try:
        URLValidator(schemes=["http", "https"])(source)
    except ValidationError:
        raise CatalogueError(f"{where}: source {source!r} is not a web address.") from None


def _check_references(filename: str, entries: list[Entry]) -> None:
    by_key = {entry.key: entry for entry in entries}
    for entry in entries:
        where = f"{filename}, line {entry.line} [{entry.key}]"
        for reference in ([entry.umbrella] if entry.umbrella else []) + entry.backers:
            if reference not in by_key:
                raise CatalogueError(f"{where}: {reference!r} is not a key of the catalogue.")
            if reference == entry.key:
                raise CatalogueError(f"{where}: a group cannot be its own umbrella or backer.")
        seen = {entry.key}
        umbrella = entry.umbrella
        while umbrella:
            if umbrella in seen:
                raise CatalogueError(f"{where}: its umbrellas go round in a circle through [{umbrella}].")
            seen.add(umbrella)
            umbrella = by_key[umbrella].umbrella


def _check_unique(filename: str, entries: list[Entry]) -> None:
    """A name, abbreviation or alias (as matching folds it) and a dataset's name denote one entry, or entries
    of years apart: "Syrian army" is the Assad government's army until 2024 and its successor's after."""
    names: dict[str, list[Entry]] = {}
    external: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        where = f"{filename}, line {entry.line} [{entry.key}]"
        for name in {normalise_name(n) for n in [entry.name, entry.abbreviation, *entry.aliases] if n}:
            others = names.setdefault(name, [])
            if other := next((o for o in others if not _years_apart(o, entry)), None):
                raise CatalogueError(f"{where}: the name {name!r} is also [{other.key}]'s (line {other.line}).")
            others.append(entry)
        for dataset, value in entry.external_names():
            other = external.setdefault((dataset, value), entry)
            if other is not entry:
                raise CatalogueError(
                    f"{where}: the {dataset} name {value!r} is also [{other.key}]'s (line {other.line})."
                )


def _years_apart(a: Entry, b: Entry) -> bool:
    """One ended before the other began."""
    return any(
        first.active_to is not None and later.active_from is not None and first.active_to < later.active_from
        for first, later in ((a, b), (b, a))
    )


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    catalogue: str = "Actor catalogue"
    noun: str = "groups"

    def summary(self) -> str:
        return (
            f"{self.catalogue}: {self.created} {self.noun} created, {self.updated} updated, {self.unchanged} unchanged."
        )


@transaction.atomic
def load_catalogue(path: Path = CATALOGUE) -> LoadCounts:
    """Write the catalogue into the armed groups (see the module's docstring)."""
    entries = read_catalogue(path)
    countries = {country.iso2: country for country in Country.objects.all()}
    for entry in entries:
        missing = [code for code in entry.countries if code not in countries]
        if missing:
            raise CatalogueError(
                f"{path.name}, line {entry.line} [{entry.key}]: no country {', '.join(missing)} in the gazetteer "
                "(run manage.py load_geodata first)."
            )
    counts = LoadCounts()
    groups = {entry.key: _save_group(entry, counts, path.name) for entry in entries}
    for entry in entries:
        group = groups[entry.key]
        parent = groups[entry.umbrella] if entry.umbrella else None
        if group.parent_id != (parent.pk if parent else None):
            group.parent = parent
            group.save(update_fields=["parent"])
        group.backers.add(*(groups[key] for key in entry.backers))
        group.countries.add(*(countries[code] for code in entry.countries))
        known = set(group.aliases.values_list("name", flat=True))
        for alias in entry.aliases:
            if alias not in known:
                GroupAlias(group=group, name=alias).save()
        for dataset, value in entry.external_names():
            ExternalName.objects.update_or_create(dataset=dataset, value=value, defaults={"group": group})
    return counts


def ensure_catalogue() -> None:
    """Load the shipped catalogue unless some of it is loaded already."""
    if not ArmedGroup.objects.filter(catalogue_key__isnull=False).exists():
        load_catalogue()


def _save_group(entry: Entry, counts: LoadCounts, path_name: str) -> ArmedGroup:
    group = (
        ArmedGroup.objects.filter(catalogue_key=entry.key).first()
        or ArmedGroup.objects.filter(name=entry.name, catalogue_key__isnull=True).first()
    )
    values = {
        "catalogue_key": entry.key,
        "name": entry.name,
        "kind": entry.kind,
        "source_url": entry.source,
        "active_from": entry.active_from,
        "active_to": entry.active_to,
        **{name: getattr(entry, name) for name in _TEXT_FIELDS},
    }
    if group is not None and all(getattr(group, name) == value for name, value in values.items()):
        counts.unchanged += 1
        return group
    if group is None:
        counts.created += 1
        group = ArmedGroup(**values)
    else:
        counts.updated += 1
        for name, value in values.items():
            setattr(group, name, value)
    try:
        group.full_clean(exclude=["parent"])
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise CatalogueError(f"{path_name}, line {entry.line} [{entry.key}]: {problems}") from None
    group.save()
    return group
