"""manage.py load_people and incidents/people_catalogue.py: the shipped people catalogue loads after the actor
catalogue, a reload updates without duplicating, a faulty file is refused with its line named, and the extractor
gives a person it knows the post held when the report was published."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from extraction.extract import extract
from extraction.lexicon import build_lexicon
from incidents.models import Affiliation, Person
from incidents.people_catalogue import PEOPLE, read_people

pytestmark = pytest.mark.django_db

ENTRY = """
[{key}]
name = "{name}"
source = "https://en.wikipedia.org/wiki/Example"
{extra}
"""
POST = 'posts = [{ role = "official", body = "Government", from = 2020-01-01 }]'


def write(path: Path, *entries: str) -> Path:
    path.write_text("# a test catalogue\n" + "".join(entries), encoding="utf-8")
    return path


def load(path=PEOPLE) -> str:
    out = io.StringIO()
    call_command("load_actors", stdout=io.StringIO())
    call_command("load_people", str(path), stdout=out)
    return out.getvalue()


def refused(path: Path) -> str:
    with pytest.raises(CommandError) as caught:
        load(path)
    return str(caught.value)


def test_the_shipped_catalogue_gives_each_person_a_source_and_posts_of_known_groups():
    entries = read_people()
    keys = {entry.key for entry in entries}
    assert {"bashar-al-assad", "ahmed-al-sharaa", "rami-abdel-rahman", "hassan-nasrallah"} <= keys
    for entry in entries:
        assert entry.source.startswith("https://") and entry.posts, entry.key


def test_loading_writes_people_aliases_and_dated_posts_and_a_reload_changes_nothing():
    assert "People catalogue: 41 people created" in load()
    sharaa = Person.objects.get(catalogue_key="ahmed-al-sharaa")
    assert "Abu Mohammad al-Jolani" in sharaa.aliases.splitlines()
    assert sharaa.source_url == "https://en.wikipedia.org/wiki/Ahmed_al-Sharaa"
    posts = list(sharaa.affiliations.order_by("start_date").values_list("role", "group__name", "body", "end_date"))
    assert posts == [
        ("leader", "Hay'at Tahrir al-Sham", "", datetime.date(2025, 1, 29)),
        ("official", None, "Presidency of Syria", None),
    ]
    people, posts = Person.objects.count(), Affiliation.objects.count()
    assert "0 people created, 0 updated, 41 unchanged" in load()
    assert (Person.objects.count(), Affiliation.objects.count()) == (people, posts)


def test_a_person_staff_entered_is_adopted_and_keeps_staffs_aliases():
    Person.objects.create(name="Rami Abdel Rahman", aliases="Rami Abd al-Rahman")
    load()
    person = Person.objects.get(name="Rami Abdel Rahman")
    assert person.catalogue_key == "rami-abdel-rahman"
    assert {"Rami Abd al-Rahman", "Rami Abdulrahman"} <= set(person.aliases.splitlines())


def test_a_duplicate_key_is_refused_with_both_lines(tmp_path):
    path = write(
        tmp_path / "bad.toml",
        ENTRY.format(key="alpha", name="Alpha", extra=POST),
        ENTRY.format(key="alpha", name="Beta", extra=POST),
    )
    assert "bad.toml, line 8: the key [alpha] is used again (first on line 3)" in refused(path)


@pytest.mark.parametrize(
    "extra, expected",
    [
        ('posts = [{ role = "leader", group = "nobody" }]', "'nobody' is not a key of the actor catalogue"),
        ('posts = [{ role = "boss", body = "Government" }]', "role 'boss' is not one of"),
        ('posts = [{ role = "leader", group = "hts", body = "HTS" }]', "a group or a body, one of the two"),
        ('posts = [{ role = "official", body = "G", from = 2021-01-01, to = 2020-01-01 }]', "ends before it starts"),
        ('posts = [{ role = "official", body = "G", from = "2020" }]', "from and to are dates"),
        ("posts = []", "at least one post"),
        (f'aliases = ["Alpha"]\n{POST}', "the name 'alpha' is also [alpha]'s (line 3)"),
        (f'nickname = "B"\n{POST}', "unknown field nickname"),
    ],
)
def test_other_faults_are_refused_with_the_entry_named(tmp_path, extra, expected):
    path = write(
        tmp_path / "bad.toml",
        ENTRY.format(key="alpha", name="Alpha", extra=POST),
        ENTRY.format(key="beta", name="Beta", extra=extra),
    )
    message = refused(path)
    assert "bad.toml, line 8 [beta]" in message and expected in message


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No catalogue file at"):
        call_command("load_people", str(tmp_path / "none.toml"))


def test_the_extractor_gives_a_known_person_the_post_held_when_the_report_was_published():
    load()
    lexicon = build_lexicon()

    def person(text: str, published: str):
        people = extract(f"date {published}\n{text}", lexicon).people
        return [(p.name, p.text, p.role_kind, p.group) for p in people]

    # Named under another spelling, with no post in the words: the catalogue's name and post.
    assert person("Forces loyal to Abu Mohammad al-Jolani took the city.", "2024-12-01") == [
        ("Ahmed al-Sharaa", "Abu Mohammad al-Jolani", "leader", "Hay'at Tahrir al-Sham")
    ]
    assert person("Ahmad al-Sharaa met envoys in Damascus.", "2025-06-01") == [
        ("Ahmed al-Sharaa", "Ahmad al-Sharaa", "official", "")
    ]
    # A post that ended is still the last one held: the former president was an official.
    assert person("Loyalists of Bashar Assad attacked a patrol.", "2025-03-01") == [
        ("Bashar al-Assad", "Bashar Assad", "official", "")
    ]
    # The words' post comes first.
    assert person("Rami Abdulrahman, head of the UK-based SOHR, said.", "2025-01-29")[0][2] == "other"


def test_a_catalogue_persons_page_gives_posts_with_dates_and_cites_its_source(client):
    load()
    person = Person.objects.get(catalogue_key="ahmed-al-sharaa")
    page = client.get(reverse("incidents:person-detail", args=[person.pk])).content.decode()
    assert '<a href="https://en.wikipedia.org/wiki/Ahmed_al-Sharaa" rel="noopener noreferrer">' in page
    assert "President of Syria — Presidency of Syria (2025-01-29 to present)" in page
    assert "Abu Mohammad al-Jolani" in page
