from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")


class _Recorder:
    def __init__(self):
        self.statements = []

    def execute(self, sql, params=None):
        self.statements.append(sql.strip())


def test_the_summary_sql_the_migrations_run_is_what_the_code_installs():
    """The map summary migrations run SQL frozen in files, so that editing maps/summary.py
    or maps/facets.py changes no old migration. A change there needs a new migration (and files)
    installing the new SQL; this test then compares against those."""
    from incidents.migrations.sql import statements as _frozen
    from maps import facets, summary

    # Each module's latest frozen files: (triggers, their removal, the fill).
    latest = {
        summary: ("map_summary_triggers_2", "map_summary_triggers_drop", "map_summary_fill_2"),
        facets: ("map_facet_triggers_2", "map_facet_triggers_drop", "map_facet_fill_2"),
    }
    for module, (triggers, drop, fill) in latest.items():
        assert _frozen(triggers) == [s.strip() for s in module.install_sql()]
        assert _frozen(drop) == [s.strip() for s in module.uninstall_sql()]
        recorder = _Recorder()
        module.rebuild(recorder)
        assert _frozen(fill) == recorder.statements
