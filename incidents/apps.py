from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "incidents"

    def ready(self):
        # Connects the signals that drop cached map answers when incidents change.
        from incidents import cache  # noqa: F401
