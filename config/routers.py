"""Send reads to the read replicas named by DATABASE_REPLICA_URLS; writes always go to the primary.

Inside an open transaction on the primary (the admin's saves, imports) reads stay there too, so a
view reads what it has just written rather than a replica that has not caught up yet.
"""

import random

from django.conf import settings
from django.db import connections


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections["default"].in_atomic_block:
            # Read your own writes: a replica lags and would not have them yet.
            return "default"
        return random.choice(settings.DATABASE_REPLICAS)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
