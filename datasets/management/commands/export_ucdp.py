from datasets.commands import ExportCommand


class Command(ExportCommand):
    help = "Write incidents in UCDP GED's standard CSV layout, or HDX's (filtered with the list page's parameters)."
    dataset = "ucdp"
    layouts = {"standard": "ucdp", "hdx": "ucdp-hdx"}
