"""Releases: editors name a moment; its page lists what was added, changed and retracted since the
release before, as a page and as CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models.choices import Status
from incidents.roles import CONTRIBUTORS, EDITORS
from releases import moments
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


def _published(**fields):
    return factories.incident(status=Status.PUBLISHED, **fields)


@pytest.fixture
def two_releases():
    kept = _published(title="Kept unchanged")
    edited = _published(title="Edited later")
    retracted = _published(title="Retracted later")
    first = Release.objects.create(name="2024.1", moment=timezone.now(), note="The first.")
    factories.claim(edited, killed_min=3, killed_max=3)
    retracted.status = Status.RETRACTED
    retracted.save()
    added = _published(title="Added later")
    second = Release.objects.create(name="2024.2", moment=timezone.now())
    _published(title="After both")
    return {"kept": kept, "edited": edited, "retracted": retracted, "added": added, "first": first, "second": second}


def _changes_csv(client, name: str) -> list[dict]:
    response = client.get(reverse("releases:changes-csv", args=[name]))
    assert response.status_code == 200
    assert response["Data-As-Of"].endswith(f"; release={name}")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_changes_since_the_previous_release(client, two_releases):
    rows = {row["public_id"]: row for row in _changes_csv(client, "2024.2")}
    expected = {
        two_releases["added"].public_id: "added",
        two_releases["edited"].public_id: "changed",
        two_releases["retracted"].public_id: "retracted",
    }
    assert {public_id: row["change"] for public_id, row in rows.items()} == expected
    assert rows[two_releases["retracted"].public_id]["status"] == "retracted"
    assert rows[two_releases["added"].public_id]["url"].endswith("?release=2024.2")


def test_the_first_release_lists_everything_as_added(client, two_releases):
    rows = _changes_csv(client, "2024.1")
    assert {row["change"] for row in rows} == {"added"}
    assert len(rows) == 3


def test_the_release_page_shows_each_kind_and_links_the_list_of_its_moment(client, two_releases):
    page = client.get(reverse("releases:detail", args=["2024.2"])).content.decode()
    assert "Changes since release" in page and "2024.1" in page
    for kind, title in (("Added", "Added later"), ("Changed", "Edited later"), ("Retracted", "Retracted later")):
        assert f"<h2>{kind}" in page and title in page
    assert "Kept unchanged" not in page and "After both" not in page
    assert "/incidents/?release=2024.2" in page
    listing = client.get(reverse("releases:list")).content.decode()
    assert "2024.1" in listing and "2024.2" in listing


def test_an_unknown_release_is_a_404(client):
    assert client.get(reverse("releases:detail", args=["nope"])).status_code == 404
    assert client.get(reverse("releases:changes-csv", args=["nope"])).status_code == 404


def test_a_date_a_time_and_an_offset_are_read_as_researchers_write_them():
    day = moments.parse_as_of("2024-06-30")
    assert day == datetime.datetime(2024, 6, 30, 23, 59, 59, 999999, tzinfo=datetime.UTC)
    assert moments.parse_as_of("2024-06-30T12:00:00Z") == datetime.datetime(2024, 6, 30, 12, tzinfo=datetime.UTC)
    # "+03:00" typed into a URL arrives as " 03:00".
    assert moments.parse_as_of("2024-06-30T12:00 03:00") == datetime.datetime(2024, 6, 30, 9, tzinfo=datetime.UTC)
    for bad in ("", "June 2024", "2024-02-30", "2024-06-30T25:00"):
        with pytest.raises(ValueError):
            moments.parse_as_of(bad)


def test_editors_name_releases_and_contributors_only_read_them():
    editor = factories.logged_in(factories.staff_user("ed", EDITORS))
    contributor = factories.logged_in(factories.staff_user("con", CONTRIBUTORS))
    add = reverse("admin:releases_release_add")
    assert contributor.get(add).status_code == 403
    future = timezone.now() + datetime.timedelta(days=2)
    refused = editor.post(add, {"name": "2024.1", "moment_0": f"{future:%Y-%m-%d}", "moment_1": "00:00:00"})
    assert refused.status_code == 200 and "a moment that has passed" in refused.content.decode()
    saved = editor.post(add, {"name": "2024.1", "moment_0": "2024-06-30", "moment_1": "00:00:00", "note": "Mid-year."})
    assert saved.status_code == 302
    release = Release.objects.get(name="2024.1")
    assert release.created_by.username == "ed"
    assert release.moment == datetime.datetime(2024, 6, 30, tzinfo=datetime.UTC)


def test_a_release_name_is_an_address():
    editor = factories.logged_in(factories.staff_user("ed2", EDITORS))
    response = editor.post(
        reverse("admin:releases_release_add"), {"name": "2024/1", "moment_0": "2024-06-30", "moment_1": "00:00:00"}
    )
    assert response.status_code == 200
    assert not Release.objects.exists()
