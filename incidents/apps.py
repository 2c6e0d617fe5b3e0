from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "incidents"

    def ready(self):
        from django.contrib import admin

        from incidents import cache  # noqa: F401 - connects the signals that drop cached map answers
        from incidents.admin.base import guard_registered

        # Every ModelAdmin, once all are registered (the admin app, listed first, has found them):
        # ours, geo's, Django's and django-axes' refuse hand-made changelist lookups and action
        # selections rather than fail (incidents.admin.base.GuardedAdminMixin).
        guard_registered(admin.site)
