from django.db import models


class Counter(models.Model):
    """A number every worker shares (config.counters.CounterCache): rate counts, the map's data version."""

    name = models.CharField(max_length=255, primary_key=True)
    value = models.BigIntegerField()
    # Seconds since the epoch after which the count no longer exists; null: never.
    expires = models.FloatField(null=True, db_index=True)

    def __str__(self):
        return f"{self.name} = {self.value}"
