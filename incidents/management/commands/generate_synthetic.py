import sys
import time

from django.core.management.base import BaseCommand, CommandError

from incidents import synthetic


class Command(BaseCommand):
    help = (
        "Create realistic synthetic incidents for load tests (flagged is_synthetic, ids SYN-…, source 'synthetic'), "
        "or remove them all with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="How many incidents to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic incident instead.")

    def handle(self, *args, count, seed, delete, **options):
        if delete:
            removed = synthetic.delete_all()
            self.stdout.write(f"Removed {removed} synthetic incidents.")
            return
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started = time.monotonic()

        def progress(done):
            rate = done / max(time.monotonic() - started, 1e-9)
            sys.stderr.write(f"\r{done:>10,} / {count:,} incidents ({rate:,.0f}/s)")
            sys.stderr.flush()

        try:
            written = synthetic.generate(count, seed=seed, progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        sys.stderr.write("\n")
        self.stdout.write(f"Created {written} synthetic incidents in {time.monotonic() - started:.1f} s.")
