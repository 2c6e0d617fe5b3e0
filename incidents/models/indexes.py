from django.db import models
from django.db.models.expressions import OrderBy


class SortIndex(models.Index):
    """An index in a list's sort order, where its NULLs go included, so the database reads a page
    from it instead of sorting every row. SQLite cannot say NULLS FIRST/LAST in an index: there it
    indexes the same keys in the same directions, without the modifier."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            plain = [
                OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                for e in self.expressions
            ]
            index = models.Index(*plain, name=self.name, condition=self.condition)
            return index.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)
