"""The first and last day an incident's period covers, at its date precision, as SQL expressions.

A month-precision incident stands for its whole month, a year-precision one for its year and a
week-precision one for the seven days from its start; an end date, where given, ends the period
(widened to the end of its month or year at those precisions). Incident stores both as generated
columns, so every write path (saves, bulk inserts, COPY, queryset updates) keeps them right, and a
date-range filter becomes two indexed comparisons: period_start <= to AND period_end >= from.
"""

from django.db.models import DateField, F, Func


class _PeriodBound(Func):
    output_field = DateField()

    def __init__(self):
        super().__init__(F("start_date"), F("end_date"), F("date_precision"))

    def as_sql(self, compiler, connection, **extra_context):
        # The arguments are plain columns: compiled, they carry no parameters to repeat.
        start, end, precision = (compiler.compile(arg)[0] for arg in self.source_expressions)
        return self.template_for(connection.vendor).format(start=start, end=end, precision=precision), ()


class PeriodStart(_PeriodBound):
    def template_for(self, vendor):
        if vendor == "postgresql":
            return (
                "(CASE {precision} WHEN 'month' THEN date_trunc('month', {start}::timestamp)::date "
                "WHEN 'year' THEN date_trunc('year', {start}::timestamp)::date ELSE {start} END)"
            )
        return (
            "(CASE {precision} WHEN 'month' THEN date({start}, 'start of month') "
            "WHEN 'year' THEN date({start}, 'start of year') ELSE {start} END)"
        )


class PeriodEnd(_PeriodBound):
    def template_for(self, vendor):
        if vendor == "postgresql":
            last = "COALESCE({end}, {start})::timestamp"
            return (
                "(CASE {precision} "
                f"WHEN 'month' THEN (date_trunc('month', {last}) + interval '1 month - 1 day')::date "
                f"WHEN 'year' THEN (date_trunc('year', {last}) + interval '1 year - 1 day')::date "
                "WHEN 'week' THEN COALESCE({end}, {start} + 6) ELSE COALESCE({end}, {start}) END)"
            )
        last = "COALESCE({end}, {start})"
        return (
            f"(CASE {{precision}} WHEN 'month' THEN date({last}, 'start of month', '+1 month', '-1 day') "
            f"WHEN 'year' THEN date({last}, 'start of year', '+1 year', '-1 day') "
            "WHEN 'week' THEN COALESCE({end}, date({start}, '+6 days')) ELSE COALESCE({end}, {start}) END)"
        )
