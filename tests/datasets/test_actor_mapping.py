"""Dataset actors onto the actor catalogue (datasets/actors.py): one group has one page whatever
dataset it came from.

The ACLED rows are invented here in ACLED's current layout, never ACLED's data; the UCDP rows are
the real UCDP GED sample's (CC BY 4.0, incidents/demo_data)."""

import csv
from pathlib import Path

import pytest

from datasets import ucdp
from datasets.acled import import_acled
from datasets.layouts import ACLED_LAYOUT_CURRENT
from datasets.ucdp import import_ucdp
from incidents.actor_catalogue import load_catalogue
from incidents.models import ArmedGroup, ExternalName, Participation
from incidents.models.choices import Dataset

pytestmark = pytest.mark.django_db

ACLED_ROW = {
    "event_date": "2024-02-07",
    "year": "2024",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike",
    "inter1": "External/Other forces",
    "inter2": "Political militia",
    "interaction": "External/Other forces-Political militia",
    "iso": "368",
    "region": "Middle East",
    "country": "Iraq",
    "admin1": "Baghdad",
    "admin2": "Al Resafa",
    "location": "Baghdad",
    "latitude": "33.3406",
    "longitude": "44.4009",
    "geo_precision": "1",
    "source": "Team test notes",
    "source_scale": "Other",
    "notes": "Invented test event for the actor mapping.",
    "fatalities": "1",
    "timestamp": "1707400000",
}


def write_acled(path: Path, *actor_pairs: tuple[str, str, str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ACLED_LAYOUT_CURRENT.columns, restval="")
        writer.writeheader()
        for number, (actor1, actor2, assoc_actor_2) in enumerate(actor_pairs, start=1):
            writer.writerow(
                dict(
                    ACLED_ROW,
                    event_id_cnty=f"IRQ9{number:04d}",
                    actor1=actor1,
                    actor2=actor2,
                    assoc_actor_2=assoc_actor_2,
                )
            )
    return path


def write_ucdp_sample_rows(path: Path, *actor_ids: str) -> Path:
    """The real sample's header, HXL row and its first two rows naming each of `actor_ids`."""
    with open(ucdp.DEMO_FILE, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header, hashtags = next(reader), next(reader)
        found = {actor_id: [] for actor_id in actor_ids}
        for row in reader:
            record = dict(zip(header, row, strict=True))
            for actor_id in actor_ids:
                if actor_id in (record["side_a_new_id"], record["side_b_new_id"]) and len(found[actor_id]) < 2:
                    found[actor_id].append(row)
                    break
        rows = [row for picked in found.values() for row in picked]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerows([header, hashtags, *rows])
    return path


def keys_of(acled_event_id: str) -> set[str]:
    return set(
        Participation.objects.filter(incident__acled_event_id=acled_event_id).values_list(
            "group__catalogue_key", flat=True
        )
    )


def test_acled_and_ucdp_actors_land_on_the_catalogue_groups(tmp_path):
    load_catalogue()
    groups_before = ArmedGroup.objects.count()
    import_acled(
        write_acled(
            tmp_path / "acled.csv",
            ("Military Forces of the United States (2021-)", "Kataib Hezbollah", ""),
            ("Military Forces of Iraq (2022-)", "Islamic State (Iraq)", ""),
            ("Islamic State (Syria)", "QSD: Syrian Democratic Forces", ""),
            ("Military Forces of the United States (2021-)", "Asa'ib Ahl al-Haq", "Hashd al-Shaabi"),
        )
    )
    import_ucdp(write_ucdp_sample_rows(tmp_path / "ucdp.csv", "886", "234", "116"))
    assert ArmedGroup.objects.count() == groups_before  # every actor was the catalogue's

    for key in ("islamic-state", "aah"):
        group = ArmedGroup.objects.get(catalogue_key=key)
        acled = Participation.objects.filter(group=group, incident__acled_event_id__isnull=False)
        ucdp_rows = Participation.objects.filter(group=group, incident__ucdp_id__isnull=False)
        assert acled.exists() and ucdp_rows.exists(), key
    assert keys_of("IRQ90001") == {"us-forces", "kataib-hezbollah"}
    assert keys_of("IRQ90002") == {"iraqi-army", "islamic-state"}
    assert keys_of("IRQ90003") == {"islamic-state", "sdf"}
    assert keys_of("IRQ90004") == {"us-forces", "aah", "pmf"}
    assert ArmedGroup.objects.get(catalogue_key="iraqi-security-forces").participations.exists()


def test_a_spelling_the_catalogue_lists_as_an_alias_is_the_same_group(tmp_path):
    load_catalogue()
    import_acled(write_acled(tmp_path / "acled.csv", ("Kata'ib Hizballah", "Harakat an-Nujaba", "")))
    assert keys_of("IRQ90001") == {"kataib-hezbollah", "nujaba"}
    assert ExternalName.objects.get(dataset=Dataset.ACLED, value="Kata'ib Hizballah").group.catalogue_key == (
        "kataib-hezbollah"
    )
