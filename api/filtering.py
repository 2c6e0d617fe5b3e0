"""The API's filter backend: the FilterSets of the pages, and `search` as another name for `q`.

`search` is what DRF's own search and most REST APIs call free text; a client sending it gets the
search `q` does rather than every record unfiltered. Both at once with different text is a 400.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework.exceptions import ValidationError

TEXT, ALIAS = "q", "search"


class FilterBackend(DjangoFilterBackend):
    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "moment", None) is not None:
            # History rows (releases.asof) stand for the FilterSet's model; the parent checks
            # that the queryset's model is that model.
            return view.filterset_class
        return super().get_filterset_class(view, queryset)

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if getattr(view, "moment", None) is not None:
            # Incidents as of a moment: the filters read the related rows of that moment too.
            kwargs["rows_of"] = view.moment.rows_of
        data = kwargs["data"]
        if ALIAS in data and TEXT in self.get_filterset_class(view, queryset).base_filters:
            if TEXT in data and data.getlist(TEXT) != data.getlist(ALIAS):
                raise ValidationError({ALIAS: [f"Give the text once, as {TEXT} or as {ALIAS}."]})
            data = data.copy()
            data.setlist(TEXT, data.getlist(ALIAS))
            kwargs["data"] = data
        return kwargs


class FilterBackendSchema(DjangoFilterExtension):
    """Documents `search` beside `q` wherever a collection has `q`."""

    target_class = FilterBackend
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            if parameter["name"] == TEXT:
                alias = {**parameter, "name": ALIAS, "description": f"The same as `{TEXT}`."}
                return [*parameters, alias]
        return parameters
