from datasets.commands import ExportCommand


class Command(ExportCommand):
    help = "Write incidents in ACLED's current CSV layout (filtered with the list page's parameters)."
    dataset = "acled"
