"""The admin's ingest pages: a news report read, its proposal reviewed beside the text, then saved."""

from extraction.admin import report_admin  # noqa: F401 - registers the report admin with its ingest pages
