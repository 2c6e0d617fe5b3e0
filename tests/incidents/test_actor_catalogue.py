"""manage.py load_actors and incidents/actor_catalogue.py: the shipped catalogue loads, a reload
updates without duplicating, and a faulty file is refused with its line named."""

import datetime
import io
import tomllib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from extraction.extract import extract
from extraction.lexicon import build_lexicon
from incidents.actor_catalogue import CATALOGUE, read_catalogue
from incidents.models import ArmedGroup, ExternalName, GroupAlias
from incidents.models.choices import Dataset, GroupKind

pytestmark = pytest.mark.django_db

ENTRY = """
[{key}]
name = "{name}"
kind = "non_state"
source = "https://en.wikipedia.org/wiki/Example"
{extra}
"""


def write(path: Path, *entries: str) -> Path:
    path.write_text("# a test catalogue\n" + "".join(entries), encoding="utf-8")
    return path


def load(path=CATALOGUE) -> str:
    out = io.StringIO()
    call_command("load_actors", str(path), stdout=out)
    return out.getvalue()


def refused(path: Path) -> str:
    with pytest.raises(CommandError) as caught:
        load(path)
    return str(caught.value)


def test_the_shipped_catalogue_names_each_entry_with_a_source_and_both_scripts():
    entries = read_catalogue()
    keys = {entry.key for entry in entries}
    assert {
        "iraqi-army",
        "iraqi-federal-police",
        "iraqi-cts",
        "peshmerga",
        "syrian-arab-army",
        "us-forces",
        "turkish-forces",
        "russian-forces",
        "iranian-forces",
        "israeli-forces",
        "jordanian-forces",
        "cjtf-oir",
        "centcom",
        "pmf",
        "kataib-hezbollah",
        "aah",
        "nujaba",
        "kss",
        "badr",
        "kataib-imam-ali",
        "saraya-al-salam",
        "islamic-resistance-in-iraq",
        "irgc",
        "quds-force",
        "hezbollah",
        "sdf",
        "ypg",
        "hts",
        "sna",
        "islamic-state",
        "pkk",
        "liwa-fatemiyoun",
        "liwa-zainebiyoun",
    } <= keys
    for entry in entries:
        assert entry.source.startswith("https://"), entry.key
        assert entry.name_ar and entry.aliases and entry.active_from, entry.key


def test_loading_writes_the_groups_with_umbrellas_backers_aliases_and_dataset_names():
    assert "60 groups created" in load()
    kh = ArmedGroup.objects.get(catalogue_key="kataib-hezbollah")
    assert kh.name == "Kata'ib Hezbollah" and kh.name_ar == "كتائب حزب الله"
    assert kh.parent.name == "Islamic Resistance in Iraq"
    assert list(kh.backers.values_list("name", flat=True)) == ["Quds Force"]
    assert kh.source_url == "https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah"
    assert (kh.active_from, kh.active_to) == (2003, None)
    assert set(kh.countries.values_list("iso2", flat=True)) == {"IQ", "SY"}
    assert kh.aliases.filter(name="Hezbollah Brigades").exists()
    assert ExternalName.objects.get(dataset=Dataset.ACLED, value="Kataib Hezbollah").group == kh
    islamic_state = ArmedGroup.objects.get(name="Islamic State")
    assert set(islamic_state.external_names.values_list("dataset", "value")) == {
        ("acled", "Islamic State (Iraq)"),
        ("acled", "Islamic State (Syria)"),
        ("ucdp", "234"),
        ("ucdp", "IS"),
    }
    pmf = ArmedGroup.objects.get(catalogue_key="pmf")
    assert {"Badr Organization", "Asa'ib Ahl al-Haq", "Saraya al-Salam"} <= set(
        pmf.members.values_list("name", flat=True)
    )
    quds = ArmedGroup.objects.get(catalogue_key="quds-force")
    assert quds.parent.parent.name == "Iranian Armed Forces"


def test_a_reload_updates_and_never_duplicates(tmp_path):
    load()
    groups, aliases, names = ArmedGroup.objects.count(), GroupAlias.objects.count(), ExternalName.objects.count()
    assert "0 groups created, 0 updated, 60 unchanged" in load()
    assert (ArmedGroup.objects.count(), GroupAlias.objects.count(), ExternalName.objects.count()) == (
        groups,
        aliases,
        names,
    )

    text = CATALOGUE.read_text(encoding="utf-8").replace('name = "Hurras al-Din"', 'name = "Tanzim Hurras al-Din"')
    renamed = tmp_path / "actors.toml"
    renamed.write_text(text, encoding="utf-8")
    assert "0 groups created, 1 updated, 59 unchanged" in load(renamed)
    assert ArmedGroup.objects.count() == groups
    assert ArmedGroup.objects.get(catalogue_key="hurras-al-din").name == "Tanzim Hurras al-Din"


def test_a_group_an_import_made_is_adopted_and_its_dataset_names_move_to_the_catalogue_entry():
    imported = ArmedGroup.objects.create(name="Islamic State", kind=GroupKind.OTHER)
    stray = ArmedGroup.objects.create(name="IS (UCDP)", kind=GroupKind.OTHER)
    ExternalName.objects.create(group=stray, dataset=Dataset.UCDP, value="234")
    load()
    imported.refresh_from_db()
    assert imported.catalogue_key == "islamic-state" and imported.kind == GroupKind.DESIGNATED_TERRORIST
    assert ExternalName.objects.get(dataset=Dataset.UCDP, value="234").group == imported


def test_a_duplicate_key_is_refused_with_both_lines(tmp_path):
    path = write(
        tmp_path / "dup.toml",
        ENTRY.format(key="alpha", name="Alpha", extra=""),
        ENTRY.format(key="alpha", name="Alpha Again", extra=""),
    )
    message = refused(path)
    assert "dup.toml, line 9" in message and "[alpha]" in message and "first on line 3" in message
    assert not ArmedGroup.objects.exists()


def test_a_dangling_umbrella_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path / "dangling.toml",
        ENTRY.format(key="alpha", name="Alpha", extra=""),
        ENTRY.format(key="beta", name="Beta", extra='umbrella = "gamma"'),
    )
    message = refused(path)
    assert "dangling.toml, line 9 [beta]" in message and "'gamma' is not a key" in message
    assert not ArmedGroup.objects.exists()


@pytest.mark.parametrize(
    "extra, expected",
    [
        ('backers = ["nobody"]', "'nobody' is not a key"),
        ('kind2 = "x"', "unknown field kind2"),
        ("active_from = 2020\nactive_to = 2019", "active_to is before active_from"),
        ('aliases = ["Alpha"]', "the name 'alpha' is also [alpha]'s (line 3)"),
        ('countries = ["XX"]', "no country XX in the gazetteer"),
    ],
)
def test_other_faults_are_refused_with_the_entry_named(tmp_path, extra, expected):
    path = write(
        tmp_path / "bad.toml",
        ENTRY.format(key="alpha", name="Alpha", extra=""),
        ENTRY.format(key="beta", name="Beta", extra=extra),
    )
    message = refused(path)
    assert "bad.toml, line 9 [beta]" in message and expected in message


def test_a_name_two_entries_bore_in_turn_is_accepted_and_overlapping_years_are_not(tmp_path):
    path = write(
        tmp_path / "turns.toml",
        ENTRY.format(key="old-army", name="Old Army", extra='active_to = 2024\naliases = ["The Army"]'),
        ENTRY.format(key="new-army", name="New Army", extra='active_from = 2025\naliases = ["The Army"]'),
    )
    assert "2 groups created" in load(path)
    assert sorted(ArmedGroup.objects.filter(aliases__name="The Army").values_list("name", flat=True)) == [
        "New Army",
        "Old Army",
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("active_from = 2025", "active_from = 2024"))
    assert "the name 'the army' is also [old-army]'s" in refused(path)


def test_an_umbrella_circle_is_refused(tmp_path):
    path = write(
        tmp_path / "circle.toml",
        ENTRY.format(key="alpha", name="Alpha", extra='umbrella = "beta"'),
        ENTRY.format(key="beta", name="Beta", extra='umbrella = "alpha"'),
    )
    assert "round in a circle" in refused(path)


def test_a_file_that_is_not_toml_is_refused_with_the_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[alpha]\nname = "Alpha\n', encoding="utf-8")
    message = refused(path)
    assert message.startswith("broken.toml:") and "line 2" in message
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(path.read_text(encoding="utf-8"))


def test_a_missing_file_is_a_clear_error(tmp_path):
    assert "No catalogue file" in refused(tmp_path / "absent.toml")


def test_a_catalogue_group_page_cites_its_source_and_dataset_names(client):
    load()
    group = ArmedGroup.objects.get(catalogue_key="islamic-state")
    page = client.get(reverse("incidents:group-detail", args=[group.pk])).content.decode()
    assert '<a href="https://en.wikipedia.org/wiki/Islamic_State" rel="noopener noreferrer">' in page
    assert "UCDP GED: “234”" in page and "ACLED: “Islamic State (Syria)”" in page


def matched_groups(text: str, published: datetime.date) -> set[str]:
    """The catalogue's groups the extraction assistant finds in a text, the catalogue loaded."""
    load()
    return {g.name for g in extract(text, build_lexicon(), publication_date=published).groups if g.matched}


def test_the_extraction_assistant_knows_the_catalogues_actors():
    text = (
        "BAGHDAD, Feb 8 - A drone strike killed a commander of Kataeb Hezbollah, part of Iraq's Popular "
        "Mobilisation Forces, on Wednesday. The group is backed by the IRGC's Quds Force, a U.S. official said."
    )
    groups = matched_groups(text, datetime.date(2024, 2, 8))
    assert {"Kata'ib Hezbollah", "Popular Mobilization Forces", "Quds Force"} <= groups


def test_the_catalogue_knows_the_kurdish_and_new_syrian_security_forces_however_spelled():
    text = (
        "QAMISHLI - A Turkish drone struck a car of the Assayesh near Amuda on Sunday. In Mayadeen a car bomb "
        "killed three members of the General Security. In Sulaimani, Kurdistan Asayish officers defused a bomb."
    )
    groups = matched_groups(text, datetime.date(2025, 5, 19))
    assert {"Asayish", "General Security Service", "Kurdistan Region Asayish"} <= groups
    # Iraq's federal police, in a ministry's lower-case words.
    text = "The interior ministry announces the martyrdom of two federal police officers in Baghdad."
    assert "Iraqi Federal Police" in matched_groups(text, datetime.date(2025, 9, 7))
    text = "An Israeli strike hit a command centre of the Palestinian Islamic Jihad group in Damascus."
    assert "Palestinian Islamic Jihad" in matched_groups(text, datetime.date(2025, 3, 13))
    # The rebels' Free Syrian Army is neither Syria's army nor the Syrian Free Army of al-Tanf.
    text = "Gunmen shot dead a former Free Syrian Army (FSA) commander near Daraa on Sunday."
    assert matched_groups(text, datetime.date(2023, 11, 13)) == {"Free Syrian Army"}
    # The Syrian National Army, however its Turkish backing is spelled.
    for words in ("Turkiye-backed factions", "Ankara-backed militia", "Turkish-backed Syrian rebels"):
        text = f"{words} shelled a village near Manbij on Sunday."
        assert matched_groups(text, datetime.date(2024, 12, 20)) == {"Syrian National Army"}, words


def test_every_ucdp_side_the_catalogue_names_was_active_in_the_years_ucdp_records_it():
    import csv

    from datasets.ucdp import DEMO_FILE

    by_id = {name: entry for entry in read_catalogue() for name in entry.ucdp if name.isdigit()}
    outside = set()
    with DEMO_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("side_a_new_id", "side_b_new_id"):
                entry = by_id.get(row[side])
                if entry is None:
                    continue
                year = int(row["year"])
                if not (entry.active_from or year) <= year <= (entry.active_to or year):
                    outside.add((entry.key, row[side], year))
    assert not outside, sorted(outside)[:10]
