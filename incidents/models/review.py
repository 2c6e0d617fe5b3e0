from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class PendingChange(models.Model):
    """A contributor's save that would have changed what the public sees, held for an editor.

    `data` is the admin form exactly as the contributor submitted it; approving submits it again
    as the editor, through the same form, so every check a save makes is made again then."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField(null=True, blank=True, help_text="Empty for a record to be added.")
    object_repr = models.CharField("record", max_length=300)
    data = models.JSONField(help_text="The submitted form: each field's list of values.")
    changes = models.JSONField(default=list, help_text="What the change does, line by line, when proposed.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["state", "content_type", "object_id"], name="inc_pendingchange_state_idx"),
        ]

    def __str__(self):
        verb = "change to" if self.object_id else "addition:"
        return f"Proposed {verb} {self.content_type.name} “{self.object_repr}”"

    @property
    def model(self):
        return self.content_type.model_class()

    @classmethod
    def pending_for(cls, record):
        return cls.objects.filter(
            state=cls.State.PENDING, content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
