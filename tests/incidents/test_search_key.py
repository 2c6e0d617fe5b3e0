"""The search key (incidents.text.search_key): each rule, and the frozen copy migration 0025 filled
the stored keys with, which must give the same key for every name or stored keys and queries drift."""

import csv
import importlib
import json

import pytest

from geo.loader import DATA_DIR
from incidents.text import search_key, spelling_skeleton

frozen = importlib.import_module("incidents.migrations.0025_incident_search_text")


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        # Case and diacritics.
        (["Baghdad", "Baghdād", "BAGHDAD", "Baghdâd"], "baghdad"),
        # The article, hyphens, doubled letters, a final -ah, ou for u.
        (["Fallujah", "Al Fallūjah", "Falluja", "al-Fallujah", "AL-FALLUJA", "Falloujah", "el Falluja"], "faluja"),
        # Apostrophes and the letters for ʿayn and hamza join the word.
        (["Tall ʿAfar", "Tall 'Afar", "Tal Afar", "tal-afar"], "tal afar"),
        (["Al-Qa'im", "Al Qā’im", "al-Qaʾim", "Qaim"], "qaim"),
        # ee for i, oo for u.
        (["Sheekh Sa'ad", "Shikh Saad"], "shikh sad"),
        (["Zoobair", "Zubair"], "zubair"),
        # Arabic: hamza seats, taa marbuta, alif maqsura, tashkeel, tatweel and the article.
        (["الفلوجة", "الفَلُّوجَة", "فلوجه", "الفلـوجة"], "فلوجه"),
        (["أبو غريب", "ابو غريب", "إبو غريب", "آبو غريب"], "ابو غريب"),
        (["نينوى", "نينوي"], "نينوي"),
        (["مستشفى", "مستشفي"], "مستشفي"),
    ],
)
def test_every_spelling_has_one_key(spellings, key):
    assert {search_key(s) for s in spellings} == {key}


def test_words_and_numbers_keep_their_order_and_digits():
    assert search_key("Strike on 11 March 2024, Baghdad") == "strike on 11 march 2024 baghdad"


def test_an_article_alone_is_kept_and_punctuation_alone_is_nothing():
    assert search_key("al") == "al"
    assert search_key("Al-") == "al"
    assert search_key(" -'’ ") == ""


def _gazetteer_names() -> list[str]:
    names = []
    with open(DATA_DIR / "places.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names += [row["name"], row["ascii_name"], row["name_ar"], *row["alternate_names"].split("|")]
    with open(DATA_DIR / "admin1.geojson", encoding="utf-8") as fh:
        for feature in json.load(fh)["features"]:
            props = feature["properties"]
            names += [props["name_en"], props["name_ar"], *props["alt_names"]]
    return [n for n in names if n]


def test_the_migrations_frozen_key_agrees_with_the_live_one():
    samples = [
        *_gazetteer_names(),
        "Harakat al-Nujaba",
        "كتائب حزب الله",
        "Kata’ib Hezbollah",
        "Police said the raid ended at dawn; 3 killed.",
        "ﻻ ـ ﷲ ١٢٣ Ⅻ ß İstanbul",
    ]
    assert len(samples) > 2000
    differ = [s for s in samples if frozen.search_key(s) != search_key(s)]
    assert differ == []


def test_the_agreement_check_would_see_a_drifted_copy(monkeypatch):
    monkeypatch.setattr(frozen, "_LATIN_PAIRS", ())
    assert frozen.search_key("Falloujah") != search_key("Falloujah")


@pytest.mark.parametrize(
    ("spellings", "skeleton"),
    [
        # Vowels, w, y and spaces go: what transliterations disagree on most.
        (["Tall ʿAfar", "Telafar", "Tel Afar", "Talafar"], "tlfr"),
        (["Mosul", "Mawsil", "Mossoul"], "msl"),
        (["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"], "drdr"),
        # Letters written two ways for one Arabic letter: gh and g, q and k, z and dh, sh and ch.
        (["Baghdat", "Bagdat"], "bgdt"),
        (["Kataib Hezbollah", "Kataeb Hizballah", "Kata'ib Hizbullah"], "ktbhdbl"),
        (["Dhi Qar", "Zi Qar"], "dkr"),
        (["Qamishli", "Kamishli", "Kamechli"], "kmsl"),
        # Arabic script has its own key and no skeleton.
        (["بغداد"], ""),
    ],
)
def test_spellings_outside_the_key_share_a_skeleton(spellings, skeleton):
    assert {spelling_skeleton(search_key(s)) for s in spellings} == {skeleton}


def test_names_the_key_tells_apart_keep_their_skeletons_apart():
    assert spelling_skeleton(search_key("Baghdad")) != spelling_skeleton(search_key("Basra"))
    assert spelling_skeleton(search_key("Telafar")) != spelling_skeleton(search_key("Telephone"))
