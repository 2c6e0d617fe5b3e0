"""The staff admin: incidents and their workflow (incidents.py), the records around them (records.py)."""

from django.contrib import admin

from incidents.admin import incidents, ingest, records  # noqa: F401 - registers the ModelAdmins
from incidents.admin.base import guard_registered

# The ModelAdmins registered before these (Django's, django-axes') refuse hand-made changelist lookups
# and action selections too, as the project's own do (incidents.admin.base.GuardedAdminMixin).
guard_registered(admin.site)
