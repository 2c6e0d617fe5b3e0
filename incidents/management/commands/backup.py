"""manage.py backup FILE: every record the site holds, in one file that `manage.py restore` loads into
an empty database of either engine (see docs/operations.md).

It is `dumpdata` with the options a faithful copy needs, and with one change to its JSON: Django's
encoder cuts times to milliseconds (the ECMA-262 format), so a restored `changed_at` or history
date would differ from the original; this module's serializer keeps every microsecond. Django's own
JSON deserializer reads it back.
"""

import datetime
from contextlib import contextmanager

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers import json as django_json
from django.db import DEFAULT_DB_ALIAS
from django.utils.timezone import is_aware

from maps.models import SUMMARY_MODELS

# Rebuilt by `migrate` on the target, and matched there by natural key (app label and model, or
# codename): their ids may differ between two databases. Sessions are logins, not records.
# The map's summaries are derived from the incidents: triggers rebuild them as a restore loads those.
# Counters are rate counts and the map cache's version, which mean nothing on another site.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "config.counter",
    *(model._meta.label for model in SUMMARY_MODELS),
]
# loaddata reads the format, and any compression, from the file name.
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz", ".json.lzma")


class ExactJSONEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and not is_aware(o):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer


@contextmanager
def exact_json():
    """While it lasts, the "json" format is this module's: dumpdata offers no way to pick an encoder."""
    serializers.register_serializer("json", __name__)
    try:
        yield
    finally:
        serializers.register_serializer("json", "django.core.serializers.json")


class Command(BaseCommand):
    help = (
        "Write every record (incidents and everything attached, their history, reports, groups, people, the "
        "gazetteer, users, roles and permissions, the admin and login logs) to FILE: JSON, compressed when FILE "
        "ends in .gz, .bz2 or .xz. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write, e.g. backup-2024-01-05.json.gz.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, file, database, **options):
        if not file.endswith(SUFFIXES):
            raise CommandError(
                f"Name the backup file with one of {', '.join(SUFFIXES)}: restore reads its format there."
            )
        with exact_json():
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                # Users, roles and permissions are referred to by name, so they meet their rebuilt rows.
                natural_foreign=True,
                # Every row, including those a model's default manager leaves out.
                use_base_manager=True,
                database=database,
                output=file,
                verbosity=0,
            )
        if options["verbosity"]:
            self.stdout.write(f"Backed up every record to {file}.")
