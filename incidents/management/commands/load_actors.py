from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents.actor_catalogue import CATALOGUE, CatalogueError, load_catalogue


class Command(BaseCommand):
    help = (
        "Load (or reload) the actor catalogue of Iraq and Syria into the armed groups: it updates the groups "
        "it has loaded before and never makes a second one. A file with a duplicate key, an umbrella that is "
        "not in it or another fault is refused whole, with the line named."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(CATALOGUE), help="A catalogue file (default: the one shipped)."
        )

    def handle(self, *args, path, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"No catalogue file at {path}.")
        try:
            counts = load_catalogue(path)
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(counts.summary())
