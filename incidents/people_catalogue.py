"""The people catalogue (incidents/catalogue/people.toml): people the reports name often, with the posts they
held, read and checked whole, then written into the people and their affiliations.

Loading updates, as the actor catalogue's does: a person is found again by their catalogue key (or, the first
time, by their name), so running it twice changes nothing. Aliases and posts are added, never removed (staff may
have added their own); a post is the same post when its role, group or body, and start are.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from incidents.actor_catalogue import CatalogueError, LoadCounts, check_source, read_catalogue, read_tables
from incidents.models import Affiliation, ArmedGroup, Person
from incidents.models.choices import RoleKind
from incidents.text import normalise_name

PEOPLE = Path(__file__).resolve().parent / "catalogue" / "people.toml"

_FIELDS = {"name", "name_ar", "aliases", "description", "source", "posts"}
_POST_FIELDS = {"role", "group", "body", "title", "from", "to"}


@dataclass
class Post:
    role: str
    group: str = ""  # an actor catalogue key
    body: str = ""
    title: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass
class PersonEntry:
    key: str
    line: int
    name: str
    source: str
    name_ar: str = ""
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)


def read_people(path: Path = PEOPLE, group_keys: set[str] | None = None) -> list[PersonEntry]:
    """Every entry of the file, checked: a duplicate key, an unknown field or role, a post's group that is no key
    of the actor catalogue, dates out of order, or a name given to two people is a CatalogueError naming the line."""
    data, lines = read_tables(path)
    if group_keys is None:
        group_keys = {entry.key for entry in read_catalogue()}
    entries = [_entry(f"{path.name}, line {lines.get(key, 0)} [{key}]", key, lines.get(key, 0), spec, group_keys)
               for key, spec in data.items()]  # fmt: skip
    names: dict[str, PersonEntry] = {}
    for entry in entries:
        for name in {normalise_name(n) for n in [entry.name, *entry.aliases]}:
            other = names.setdefault(name, entry)
            if other is not entry:
                raise CatalogueError(
                    f"{path.name}, line {entry.line} [{entry.key}]: the name {name!r} is also [{other.key}]'s "
                    f"(line {other.line})."
                )
    return entries


def _entry(where: str, key: str, line: int, spec, group_keys: set[str]) -> PersonEntry:
    if not isinstance(spec, dict):
        raise CatalogueError(f"{where}: an entry must be a table ([{key}] and its fields).")
    unknown = sorted(set(spec) - _FIELDS)
    if unknown:
        raise CatalogueError(f"{where}: unknown field {', '.join(unknown)}.")
    for name in ("name", "source"):
        if not isinstance(spec.get(name), str) or not spec[name].strip():
            raise CatalogueError(f"{where}: {name} is missing.")
    check_source(where, spec["source"])
    for name in ("name_ar", "description"):
        if not isinstance(spec.get(name, ""), str):
            raise CatalogueError(f"{where}: {name} must be text.")
    aliases = spec.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise CatalogueError(f"{where}: aliases must be a list of texts.")
    posts = spec.get("posts", [])
    if not isinstance(posts, list) or not posts:
        raise CatalogueError(f"{where}: posts must be a list of at least one post.")
    return PersonEntry(
        key=key,
        line=line,
        name=spec["name"],
        source=spec["source"],
        name_ar=spec.get("name_ar", ""),
        description=spec.get("description", ""),
        aliases=aliases,
        posts=[_post(where, post, group_keys) for post in posts],
    )


def _post(where: str, spec, group_keys: set[str]) -> Post:
    if not isinstance(spec, dict) or set(spec) - _POST_FIELDS:
        raise CatalogueError(f"{where}: a post is a table of {', '.join(sorted(_POST_FIELDS))}.")
    if spec.get("role") not in RoleKind.values:
        raise CatalogueError(f"{where}: a post's role {spec.get('role')!r} is not one of {', '.join(RoleKind.values)}.")
    if bool(spec.get("group")) == bool(spec.get("body")):
        raise CatalogueError(f"{where}: a post names a group or a body, one of the two.")
    if spec.get("group") and spec["group"] not in group_keys:
        raise CatalogueError(f"{where}: {spec['group']!r} is not a key of the actor catalogue.")
    start, end = spec.get("from"), spec.get("to")
    for value in (start, end):
        if value is not None and not isinstance(value, datetime.date):
            raise CatalogueError(f"{where}: a post's from and to are dates (YYYY-MM-DD).")
    if start and end and end < start:
        raise CatalogueError(f"{where}: a post ends before it starts.")
    return Post(spec["role"], spec.get("group", ""), spec.get("body", ""), spec.get("title", ""), start, end)


@transaction.atomic
def load_people(path: Path = PEOPLE) -> LoadCounts:
    """Write the people catalogue into the people and their affiliations (see the module's docstring). The actor
    catalogue is loaded first: a post's group is the group of its key."""
    entries = read_people(path)
    groups = {group.catalogue_key: group for group in ArmedGroup.objects.filter(catalogue_key__isnull=False)}
    counts = LoadCounts(catalogue="People catalogue", noun="people")
    for entry in entries:
        missing = [post.group for post in entry.posts if post.group and post.group not in groups]
        if missing:
            raise CatalogueError(
                f"{path.name}, line {entry.line} [{entry.key}]: no group {', '.join(missing)} in the database "
                "(run manage.py load_actors first)."
            )
        person = (
            Person.objects.filter(catalogue_key=entry.key).first()
            or Person.objects.filter(name=entry.name, catalogue_key__isnull=True).first()
        )
        known = [a.strip() for a in person.aliases.splitlines() if a.strip()] if person else []
        values = {
            "catalogue_key": entry.key,
            "name": entry.name,
            "name_ar": entry.name_ar,
            "description": entry.description,
            "source_url": entry.source,
            "aliases": "\n".join([*known, *(a for a in entry.aliases if a not in known)]),
        }
        created = person is None
        changed = created or any(getattr(person, name) != value for name, value in values.items())
        if created:
            person = Person(**values)
        else:
            for name, value in values.items():
                setattr(person, name, value)
        if changed:
            person.save()
        for post in entry.posts:
            _, made = Affiliation.objects.get_or_create(
                person=person,
                group=groups.get(post.group),
                body=post.body,
                role=post.role,
                start_date=post.start,
                defaults={"title": post.title, "end_date": post.end},
            )
            changed = changed or made
        if created:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def ensure_people() -> None:
    """Load the shipped people catalogue unless some of it is loaded already."""
    if not Person.objects.filter(catalogue_key__isnull=False).exists():
        load_people()
