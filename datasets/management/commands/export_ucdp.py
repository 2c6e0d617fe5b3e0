from datasets.commands import ExportCommand


class Command(ExportCommand):
    help = "Write incidents in UCDP GED's standard CSV layout (filtered with the list page's parameters)."
    dataset = "ucdp"
