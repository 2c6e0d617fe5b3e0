from datasets.acled import import_acled
from datasets.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import an ACLED CSV file (2020 or current layout): new events added, changed ones updated, by event_id_cnty."
    )
    importer = staticmethod(import_acled)
    dataset_label = "ACLED"
