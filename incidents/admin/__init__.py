"""The staff admin: incidents and their workflow (incidents.py), the records around them (records.py),
contributors' changes held for review (review.py)."""

from incidents.admin import incidents, records, review  # noqa: F401 - registers the ModelAdmins
