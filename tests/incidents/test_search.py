"""The text search finds a name however it is spelled — case, diacritics, Arabic script and letter
variants, the article, hyphens and apostrophes, transliteration pairs — and finds the same incidents
on the list page, the map, the API and the admin (incidents.search over Incident.search_text)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from benchmarks.data import write_acled_csv
from datasets.acled import import_acled
from geo.models import AdminArea, Place
from incidents.models import GroupAlias, Incident, Participation
from incidents.models.choices import ParticipationRole, Status
from incidents.text import SEARCHED_FIELDS, fill_search_text
from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC_ID = re.compile(r"INC-[0-9A-Z]{8}")


@pytest.fixture
def corpus(db):
    """A group with an Arabic name and aliases, and one incident per spelling (with the committed
    gazetteer, which every test database holds)."""
    group = factories.group(name="Kata'ib Hezbollah", name_ar="كتائب حزب الله", abbreviation="KH")
    GroupAlias.objects.create(group=group, name="Kataib Hizballah")

    def published(title, **fields):
        return factories.incident(title=title, status=Status.PUBLISHED, **fields)

    incidents = {
        "baghdad_marked": published("Drone strike in Baghdād", place_name="Baghdād city"),
        "baghdad_plain": published("Rocket attack on Baghdad airport"),
        "fallujah_article": published("Clashes in Al Fallūjah"),
        "falluja": published("Raid near Falluja", summary="Police said the raid ended at dawn."),
        "tal_afar": published("Shelling of Tall ʿAfar"),
        "qaim": published("IED on the road", place_name="Al-Qāʾim"),
        "by_group": published("Strike on a convoy"),
        "in_nineveh": published("Mortar fire", admin_area=AdminArea.objects.get(iso_code="IQ-NI")),
        "elsewhere": published("Airstrike in Raqqa"),
    }
    Participation.objects.create(incident=incidents["by_group"], group=group, role=ParticipationRole.PERPETRATOR)
    return {"group": group, **{name: incident.public_id for name, incident in incidents.items()}}


# Each spelling, and the incidents every one of them finds.
CASES = [
    (["Baghdad", "Baghdād", "BAGHDAD", "بغداد", "بَغْدَاد", "Bagdad", "Baghdat"], ["baghdad_marked", "baghdad_plain"]),
    (
        ["Fallujah", "Al Fallūjah", "Falluja", "al-Fallujah", "Falloujah", "الفلوجة", "الفلّوجة"],
        ["fallujah_article", "falluja"],
    ),
    (["Tal Afar", "Tall ʿAfar", "Tall 'Afar", "tal-afar", "تل عفر", "Telafer", "Telafar", "Talafar"], ["tal_afar"]),
    (["Qaim", "al-Qa'im", "Al Qā’im", "El Qaʾim", "القائم"], ["qaim"]),
    (
        [
            "Kataib Hezbollah",
            "Kata’ib Hezbollah",
            "كتائب حزب الله",
            "كتائب",
            "KH",
            "Kataib Hizballah",
            "Kataeb Hizbullah",
        ],
        ["by_group"],
    ),
    (["Nineveh", "Ninawa", "Nīnawá", "نينوى", "نينوي"], ["in_nineveh"]),
]
SPELLINGS = pytest.mark.parametrize(("queries", "expected"), CASES, ids=[queries[0] for queries, _ in CASES])


def _ids(corpus, names):
    return sorted(corpus[name] for name in names)


def _found_on_list_page(client, query):
    response = client.get(reverse("incidents:list"), {"q": query})
    assert response.status_code == 200
    return sorted(set(PUBLIC_ID.findall(response.content.decode())))


@SPELLINGS
def test_every_spelling_finds_the_same_incidents_on_the_list_page(client, corpus, queries, expected):
    for query in queries:
        assert _found_on_list_page(client, query) == _ids(corpus, expected), query


@SPELLINGS
def test_every_spelling_finds_the_same_incidents_through_the_api(client, corpus, queries, expected):
    for query in queries:
        for parameter in ("q", "search"):
            response = client.get("/api/v1/incidents/", {parameter: query})
            assert response.status_code == 200, response.content
            found = sorted(row["public_id"] for row in response.json()["results"])
            assert found == _ids(corpus, expected), (parameter, query)


@SPELLINGS
def test_every_spelling_finds_the_same_incidents_on_the_map(client, corpus, queries, expected):
    Incident.objects.update(latitude=33.3, longitude=44.4)
    for query in queries:
        answer = client.get(reverse("maps:map-data"), {"q": query, "zoom": 6, "bbox": "35,29,49,38"}).json()
        assert answer["total"] == len(expected), query
        assert sorted(f["public_id"] for f in answer["features"]) == _ids(corpus, expected), query
        weeks = client.get(reverse("maps:histogram"), {"q": query}).json()["weeks"]
        assert sum(week[-1] for week in weeks) == len(expected), query


@SPELLINGS
def test_every_spelling_finds_the_same_incidents_in_the_admin(staff_client, corpus, queries, expected):
    for query in queries:
        response = staff_client.get(reverse("admin:incidents_incident_changelist"), {"q": query})
        assert response.status_code == 200
        found = sorted(i.public_id for i in response.context["cl"].result_list)
        assert found == _ids(corpus, expected), query


def test_a_name_spelled_outside_the_rules_is_read_by_its_skeleton_and_the_list_says_so(client, corpus):
    """Spellings the key keeps apart share their consonants: the search reads a query that matches
    no name and no text as the gazetteer entry of most weight spelled like it, and says so."""
    response = client.get(reverse("incidents:list"), {"q": "Telafar"})
    assert "spelled like it: <strong>Tall ‘Afar</strong>" in response.content.decode()
    # Of the places whose names share Bassora's skeleton (Basrah, Busra ash-Sham, Basir...), the most populous.
    basra = factories.incident(title="Rocket fire", place_name="Basrah", status=Status.PUBLISHED)
    assert _found_on_list_page(client, "Bassora") == [basra.public_id]
    # A query found as it is written is not read by its skeleton; nor one that is nobody's name.
    response = client.get(reverse("incidents:list"), {"q": "Baghdad"})
    assert "spelled like it" not in response.content.decode()
    assert _found_on_list_page(client, "Telephone") == []
    assert _found_on_list_page(client, "Raqqa") == _ids(corpus, ["elsewhere"])


def test_a_word_of_the_text_is_not_read_as_a_place_spelled_like_it(client, corpus):
    """ "Drone" shares its skeleton (d-r-n) with places; it is in an incident's text, so it means that word."""
    assert _found_on_list_page(client, "drone") == _ids(corpus, ["baghdad_marked"])


def test_the_search_still_finds_words_inside_the_text_and_the_public_id(client, corpus):
    assert _found_on_list_page(client, "dawn") == _ids(corpus, ["falluja"])
    assert _found_on_list_page(client, corpus["elsewhere"].lower()) == _ids(corpus, ["elsewhere"])
    assert _found_on_list_page(client, "in Raqqa") == _ids(corpus, ["elsewhere"])


def test_a_query_of_punctuation_finds_nothing_and_is_no_error(client, corpus):
    assert _found_on_list_page(client, "'-’") == []


def test_an_edit_keys_the_new_text(client, corpus):
    incident = Incident.objects.get(public_id=corpus["elsewhere"])
    incident.title = "Airstrike in Ar-Raqqah"
    incident.save(update_fields=["title"])
    assert _found_on_list_page(client, "Raqqa") == _ids(corpus, ["elsewhere"])
    Incident.objects.bulk_update([Incident(pk=incident.pk, title="Airstrike near Dayr az Zawr")], ["title"])
    assert _found_on_list_page(client, "Dayr Zawr") == _ids(corpus, ["elsewhere"])
    assert _found_on_list_page(client, "Raqqa") == []


@pytest.mark.parametrize(
    "query", ["Kataib Hezbollah", "كتائب حزب الله", "حزب", "KH", "Kataib Hizballah", "hizballah", "Kataeb Hizbullah"]
)
def test_groups_are_found_by_any_name_through_the_api_and_the_admin(client, staff_client, corpus, query):
    group = corpus["group"]
    other = factories.group(name="Saraya Awliya al-Dam", name_ar="سرايا أولياء الدم")
    for parameter in ("q", "search"):
        response = client.get("/api/v1/groups/", {parameter: query})
        assert response.status_code == 200, response.content
        assert [row["id"] for row in response.json()["results"]] == [group.pk]
    response = client.get(reverse("incidents:group-list"), {"q": query})
    assert list(response.context["page"].object_list) == [group]
    assert other.name in response.content.decode()  # as an umbrella to choose, not as a row
    response = staff_client.get(reverse("admin:incidents_armedgroup_changelist"), {"q": query})
    assert list(response.context["cl"].result_list) == [group]


def test_a_group_alias_edited_on_its_own_is_searched_at_once(client, corpus):
    alias = GroupAlias.objects.get(name="Kataib Hizballah")
    alias.name = "Hizb Allah Brigades"
    alias.save()
    response = client.get("/api/v1/groups/", {"search": "Hizb Allah"})
    assert [row["id"] for row in response.json()["results"]] == [corpus["group"].pk]


def test_the_api_refuses_q_and_search_that_differ(client, corpus):
    response = client.get("/api/v1/groups/", {"q": "Baghdad", "search": "Mosul"})
    assert response.status_code == 400
    assert "search" in response.json()


def test_people_are_found_by_any_spelling_through_the_api_and_the_admin(client, staff_client, corpus):
    person = factories.person(name="Abu Fadak al-Muhammadawi", name_ar="أبو فدك المحمداوي", aliases="Abdulaziz")
    factories.person(name="Someone Else")
    for query in ("Abu Fadak Muhammadawi", "abu-fadak al muhammadāwi", "ابو فدك", "ABDULAZIZ", "Abu Fadek Mohammedawi"):
        response = client.get("/api/v1/people/", {"search": query})
        assert [row["id"] for row in response.json()["results"]] == [person.pk], query
        response = staff_client.get(reverse("admin:incidents_person_changelist"), {"q": query})
        assert list(response.context["cl"].result_list) == [person], query


@pytest.mark.parametrize("query", ["الفلوجة", "Fallujah", "al-Falluja", "Falloujah", "Fellujah", "Faloudja"])
def test_places_are_found_by_any_spelling_through_the_api_and_the_admin(client, staff_client, corpus, query):
    fallujah = Place.objects.get(geonameid=99454)
    response = client.get("/api/v1/places/", {"search": query})
    assert fallujah.pk in [row["id"] for row in response.json()["results"]]
    response = staff_client.get(reverse("admin:geo_place_changelist"), {"q": query})
    assert fallujah in response.context["cl"].result_list
    assert Place.objects.get(name="Baghdad") not in response.context["cl"].result_list


def _keyed_as_saved(incident) -> str:
    """The key Incident.save() gives this incident's text."""
    copy = Incident(**{field: getattr(incident, field) for field in SEARCHED_FIELDS})
    fill_search_text([copy])
    return copy.search_text


def test_every_bulk_writer_keys_the_text_it_writes(tmp_path, staff_user):
    """Synthetic data (COPY on PostgreSQL), an ACLED import (COPY on PostgreSQL, the ORM's bulk
    writes on SQLite) and its re-import with changed text (bulk updates) leave the key save() would."""
    call_command("generate_synthetic", count=40, seed=5)
    path = write_acled_csv(tmp_path / "acled.csv", 60)
    import_acled(path, user=staff_user)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *rows]).replace("Fallujah", "Hīt") + "\n", encoding="utf-8")
    import_acled(path, user=staff_user)
    written = list(Incident.objects.all())
    assert len(written) == 100 and any(incident.place_name == "Hīt" for incident in written)
    assert [i.public_id for i in written if i.search_text != _keyed_as_saved(i)] == []
    assert all(incident.search_text for incident in written)
