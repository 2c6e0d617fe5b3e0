"""The base classes of the dataset commands: import_acled / import_ucdp and export_acled / export_ucdp."""

from collections.abc import Callable
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from datasets.csvtable import BadFile
from datasets.exports import export_chunks
from datasets.records import ImportResult
from incidents.filters import IncidentFilter
from incidents.models import Incident
from incidents.models.choices import Status
from incidents.views.filtering import BadFilter, apply_filters


class ImportCommand(BaseCommand):
    """`manage.py import_acled FILE` / `import_ucdp FILE`: the import, its report, and progress on stderr."""

    importer: Callable[..., ImportResult]
    dataset_label = ""
    # How many of each kind of line the report prints; the counts are always complete.
    SHOWN = 200

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"A {self.dataset_label} CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and write the rejected ones to a CSV (see --rejects). "
            "Without it, any rejected row means nothing is written.",
        )
        parser.add_argument(
            "--rejects",
            metavar="FILE",
            help="Where to write rejected rows (default: FILE.rejects.csv next to the input).",
        )
        parser.add_argument(
            "--complete",
            action="store_true",
            help="The file is the whole dataset for the countries it covers: list events held but absent from it.",
        )
        parser.add_argument(
            "--status",
            choices=[Status.PUBLISHED, Status.DRAFT],
            default=Status.PUBLISHED,
            help="Status of new incidents (default: published).",
        )
        parser.add_argument("--user", help="Username recorded as the importer (creator and history).")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user “{options['user']}”.")
        try:
            result = self.importer(
                options["file"],
                dry_run=options["dry_run"],
                skip_invalid=options["skip_invalid"],
                complete=options["complete"],
                status=options["status"],
                rejects_path=options["rejects"],
                user=user,
                progress=self._progress,
            )
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}") from None
        except BadFile as error:
            raise CommandError(f"{options['file']}: {error} Nothing was written.") from None
        self._report(result)
        if result.rejected and not options["skip_invalid"]:
            raise CommandError(
                f"{result.rejected:,} rows rejected: nothing was written. "
                "Fix them, or import the valid rows with --skip-invalid."
            )

    def _progress(self, rows: int, done: int, total: int) -> None:
        percent = 100 * done / total if total else 100
        self.stderr.write(f"{rows:,} rows read ({percent:.0f}%)")

    def _lines(self, title: str, lines: list[str], total: int) -> None:
        if not total:
            return
        self.stdout.write(title)
        for line in lines[: self.SHOWN]:
            self.stdout.write(f"  {line}")
        if total > min(len(lines), self.SHOWN):
            self.stdout.write(f"  … and {total - min(len(lines), self.SHOWN):,} more")

    def _report(self, result: ImportResult) -> None:
        self.stdout.write(result.summary())
        if result.bulk_load:
            self.stdout.write("A bulk load: the tables' indexes were set aside and built again at the end.")
        if result.ignored_columns:
            self.stdout.write(f"Columns not imported: {', '.join(result.ignored_columns)}")
        self._lines(
            "Updated:",
            [f"{c.external_id} ({c.public_id}): {', '.join(c.fields)}" for c in result.changes],
            result.updated,
        )
        self._lines(
            "Rejected rows:",
            [f"line {p.line}{', ' + p.column if p.column else ''}: {p.reason}" for p in result.rejects],
            len(result.rejects),
        )
        if result.rejects_path:
            self.stdout.write(f"Rejected rows written to {result.rejects_path}")
        self._lines(
            "Warnings:", [f"line {p.line}, {p.column}: {p.reason}" for p in result.warnings], result.warning_count
        )
        self._lines(
            "Held but absent from this complete file (deleted upstream?), kept as they are:",
            [f"{external_id} ({public_id})" for external_id, public_id in result.missing],
            len(result.missing),
        )


class ExportCommand(BaseCommand):
    """`manage.py export_acled` / `export_ucdp`: the incidents a filter selects, in the dataset's layout."""

    dataset = ""
    # Layout name (as the --layout option takes it) -> datasets.exports.EXPORTS key.
    layouts: dict[str, str] = {}

    def add_arguments(self, parser):
        if self.layouts:
            parser.add_argument(
                "--layout", choices=list(self.layouts), default=next(iter(self.layouts)), help="The layout to write."
            )
        parser.add_argument(
            "--notes",
            action="store_true",
            help="Add a last column, tracker_note, saying where a row is not the source's as imported.",
        )
        parser.add_argument(
            "--filter",
            default="",
            help='The list page\'s parameters, e.g. "country=IQ&date_from=2014-01-01" (default: every incident).',
        )
        parser.add_argument(
            "--public", action="store_true", help="Only what researchers see (published); default: what staff see."
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")

    def handle(self, *args, **options):
        viewer = None if options["public"] else _STAFF
        try:
            _, incidents = apply_filters(
                IncidentFilter, QueryDict(options["filter"]), Incident.objects.visible_to(viewer)
            )
        except BadFilter as error:
            raise CommandError(f"Bad filter: {error.as_text()}") from None
        layout = self.layouts[options["layout"]] if self.layouts else self.dataset
        chunks = export_chunks(layout, incidents, notes=options["notes"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as fh:
                fh.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")


# A command runs with staff's view of the incidents (drafts included), like the staff list page.
_STAFF = SimpleNamespace(is_active=True, is_staff=True)
