"""The review page's rows of one kind: the proposal's items first, then the rows staff add.

A proposed row is kept or left out with its "Keep" box. An added row is empty until staff type in
it: left as it came it is ignored, typed in it is validated and kept like a proposed one (its own
"Keep" box, ticked, removes it when unticked). Every row's key is its kind's letter and its index
(the proposal numbers its items the same way), decided here, never by what the browser sends.
"""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory

# Rows staff may add per kind in one review: far more than a report needs, few enough to bound the page.
MAX_ADDED = 20


class ItemFormSet(BaseFormSet):
    letter = ""  # the kind's key letter: g, p, c, s
    blank = None  # the kind's item class, called with a key for an added row
    keys: dict = {}
    blank_values: dict = {}

    def initial_form_count(self):
        # The proposal's items, whatever the management form claims: an added row may always be left empty.
        return len(self.initial or [])

    def get_form_kwargs(self, index):
        kwargs = {"keys": self.keys}
        if index is None or index >= self.initial_form_count():
            key = "" if index is None else f"{self.letter}{index}"
            kwargs["initial"] = initial_values(self.blank(key=key, **self.blank_values))
        return kwargs

    def clean(self):
        if self.total_form_count() < self.initial_form_count():
            raise ValidationError("The page sent fewer rows than it showed: open the review again.")

    def added_forms(self):
        return self.forms[self.initial_form_count() :]


def rows(form_class, item_class, letter, prefix, items, data, keys, **blank_values):
    """The formset for one kind: one row per proposed item and, unbound, one empty row to add one."""
    limit = len(items) + MAX_ADDED
    formset_class = formset_factory(
        form_class, formset=ItemFormSet, extra=1, max_num=limit, validate_max=True, absolute_max=limit
    )
    formset_class.letter, formset_class.blank = letter, item_class
    formset_class.keys, formset_class.blank_values = keys, blank_values
    return formset_class(data, prefix=prefix, initial=[initial_values(item) for item in items])


def added_count(data, prefix: str, proposed: int) -> int:
    """How many added rows the page holds: one when first shown, else as many as were sent (bounded)."""
    if data is None:
        return 1
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return 0
    return max(0, min(total, proposed + MAX_ADDED) - proposed)


def added_label(noun: str, number: int) -> str:
    return f"new {noun} {number}"


def initial_values(item) -> dict:
    values = asdict(item)
    for name in ("group_id", "person_id"):
        if name in values:
            values[name.removesuffix("_id")] = values.pop(name)
    if "to_incident_id" in values:
        values["to_incident"] = values.pop("to_incident_id")
    return values
