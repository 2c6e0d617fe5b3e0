"""The staff admin: incidents and their workflow (incidents.py), the records around them (records.py)."""

from incidents.admin import incidents, ingest, records  # noqa: F401 - registers the ModelAdmins
