"""Template filters of the researchers' lists."""

from django import template

register = template.Library()


@register.filter
def filters_in_use(form) -> int:
    """How many of a filter form's fields hold a value; the sort order is no filter."""
    return sum(1 for name in form.changed_data if name != "sort")
