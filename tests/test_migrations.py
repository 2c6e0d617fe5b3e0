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

    for module, prefix in ((summary, "map_summary"), (facets, "map_facet")):
        assert _frozen(f"{prefix}_triggers") == [s.strip() for s in module.install_sql()]
        assert _frozen(f"{prefix}_triggers_drop") == [s.strip() for s in module.uninstall_sql()]
        recorder = _Recorder()
        module.rebuild(recorder)
        assert _frozen(f"{prefix}_fill") == recorder.statements
