"""What an import keeps of a dataset's file besides the incident it makes: the row itself."""

from django.db import models

from incidents.models.choices import Dataset


class DatasetRow(models.Model):
    """A dataset's row exactly as an import read it (every column, the formula-guarding apostrophe
    of a spreadsheet-safe export aside), so that the incident exports back in the dataset's own
    layout with every column as it came in (datasets.keeping). `imported` holds the incident fields
    the import set from it: a field that differs from it now was edited since, and the export
    writes the edited value in the columns it comes from."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="dataset_rows")
    dataset = models.CharField(max_length=10, choices=Dataset.choices)
    layout = models.CharField(max_length=40, help_text="The layout the file was in, e.g. “HDX layout”.")
    values = models.JSONField(help_text="Column → value, as the file gave them.")
    imported = models.JSONField(help_text="The incident fields and participants the import set from the row.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "dataset"], name="datasets_row_one_per_incident")]

    def __str__(self):
        return f"{self.get_dataset_display()} row of incident {self.incident_id}"
