"""A release: a moment editors name, so that researchers cite data that does not move under them.

A release holds no copy of anything. The records as they stood at its moment are read from the
history tables (`releases.asof`), so `release=<name>` answers exactly as `as_of=<its moment>`.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"


class Release(models.Model):
    name = models.CharField(
        max_length=40,
        unique=True,
        validators=[RegexValidator(NAME_PATTERN, "Letters, digits, dots, hyphens and underscores, up to 40.")],
        help_text="How researchers cite it, and its address: 2024.1, 2024-06-30.",
    )
    moment = models.DateTimeField(help_text="The records as they were published at this moment make the release.")
    note = models.TextField(blank=True, help_text="What the release is for; shown on its page.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-moment", "-id"]
        indexes = [models.Index(fields=["moment"], name="rel_release_moment_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:detail", args=[self.name])

    def previous(self):
        """The release before this one, if any."""
        return Release.objects.filter(moment__lt=self.moment).order_by("-moment", "-id").first()
