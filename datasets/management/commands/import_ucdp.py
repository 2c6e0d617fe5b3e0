from datasets.commands import ImportCommand
from datasets.ucdp import import_ucdp


class Command(ImportCommand):
    help = "Import a UCDP GED CSV file (standard or HDX layout): new events added, changed ones updated, by id."
    importer = staticmethod(import_ucdp)
    dataset_label = "UCDP GED"
