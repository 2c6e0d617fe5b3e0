"""The search key on each incident (`Incident.search_text`), filled for the incidents there are, and
its trigram index on PostgreSQL, which replaces the three of migration 0008 (the search no longer
reads the title, the summary and the place directly).

The key's rules are frozen here as they were when the column was added (migrations never import the
app's code): `tests/incidents/test_search_key.py` checks this copy still agrees with
`incidents.text.search_key`, so the stored keys and the live ones cannot drift apart unnoticed.
"""

import re
import unicodedata

from django.db import migrations, models

BATCH = 2000
SEARCHED_FIELDS = ("title", "summary", "place_name", "district")
OLD_TRIGRAM_COLUMNS = ("title", "summary", "place_name")

_ARABIC_LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ٱ": "ا", "ـ": None})
_JOINING = str.maketrans(dict.fromkeys("'\u2018\u2019\u02bc\u02be\u02bf`\u00b4", None))
_SEPARATORS = re.compile(r"[^\w\s]|_")
_ARTICLES = frozenset("al el il ul an ar as ash at ath ad adh az ed en er es esh et ez".split())  # noqa: SIM905
_LATIN_PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"))
_DOUBLED = re.compile(r"([^\W\d_])\1+")
_FINAL_H = re.compile(r"(?<=\w\w)[ae]h$")


def _word_key(word):
    if word in _ARTICLES:
        return ""
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    for pair, single in _LATIN_PAIRS:
        word = word.replace(pair, single)
    word = _DOUBLED.sub(r"\1", word)
    return _FINAL_H.sub("a", word)


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = _SEPARATORS.sub(" ", plain.translate(_ARABIC_LETTERS).translate(_JOINING)).split()
    keys = [key for key in map(_word_key, words) if key]
    return " ".join(keys if keys else words)


def fill(apps, schema_editor):
    # One UPDATE per batch: the map summaries' statement triggers run once per statement.
    incident = apps.get_model("incidents", "Incident")
    last = 0
    while True:
        rows = list(incident.objects.filter(pk__gt=last).order_by("pk").values_list("pk", *SEARCHED_FIELDS)[:BATCH])
        if not rows:
            break
        keys = ["\n".join(search_key(text or "") for text in texts) for _, *texts in rows]
        ids = [row[0] for row in rows]
        if _postgresql(schema_editor):
            # Joined to the keys as arrays: faster than the CASE bulk_update writes.
            schema_editor.execute(
                "UPDATE incidents_incident AS i SET search_text = v.key "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, key) WHERE i.id = v.id",
                [ids, keys],
            )
        else:
            incident.objects.bulk_update(
                [incident(pk=pk, search_text=key) for pk, key in zip(ids, keys, strict=True)], ["search_text"]
            )
        last = ids[-1]


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def drop_old_indexes(apps, schema_editor):
    # First, so that filling the column does not also update three GIN indexes for every row.
    if _postgresql(schema_editor):
        for column in OLD_TRIGRAM_COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS inc_incident_{column}_trgm_idx")


def create_old_indexes(apps, schema_editor):
    if _postgresql(schema_editor):
        for column in OLD_TRIGRAM_COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS inc_incident_{column}_trgm_idx "
                f"ON incidents_incident USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )


def create_index(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS inc_incident_search_trgm_idx ON incidents_incident "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute("DROP INDEX IF EXISTS inc_incident_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0024_armed_group_catalogue")]

    operations = [
        # Added in place: Django would rebuild the table on SQLite for a NOT NULL column, which the
        # governorates' triggers on it (migration 0010) do not survive.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="incident",
                    name="search_text",
                    field=models.TextField(blank=True, default="", editable=False),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE incidents_incident ADD COLUMN search_text text NOT NULL DEFAULT ''",
                    "ALTER TABLE incidents_incident DROP COLUMN search_text",
                ),
            ],
        ),
        migrations.RunPython(drop_old_indexes, create_old_indexes),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
