from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents.actor_catalogue import CatalogueError
from incidents.people_catalogue import PEOPLE, load_people


class Command(BaseCommand):
    help = (
        "Load (or reload) the people catalogue into the people and their posts, after load_actors: it updates the "
        "people it has loaded before and never makes a second one. A file with a duplicate key, a post's group "
        "that is not in the actor catalogue or another fault is refused whole, with the line named."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(PEOPLE), help="A catalogue file (default: the one shipped).")

    def handle(self, *args, path, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"No catalogue file at {path}.")
        try:
            counts = load_people(path)
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(counts.summary())
