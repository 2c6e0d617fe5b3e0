from django.conf import settings
from django.core.management.base import BaseCommand

from datasets.admin import UPLOAD_DIR, purge_old_uploads


class Command(BaseCommand):
    help = (
        "Remove dataset files uploaded through the admin and never confirmed, with their rejects files, once "
        "older than DATASET_UPLOAD_MAX_AGE_MINUTES (default 60). The admin does it on each upload too; run this "
        "from cron so files go even when nobody uploads."
    )

    def handle(self, *args, **options):
        removed = purge_old_uploads()
        self.stdout.write(
            f"{removed} file{'s' if removed != 1 else ''} older than {settings.DATASET_UPLOAD_MAX_AGE_MINUTES} "
            f"minutes removed from {UPLOAD_DIR}."
        )
