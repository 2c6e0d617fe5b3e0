"""The SQL the map summary migrations run, frozen in files beside them (not a migration: Django's
loader skips packages)."""

from pathlib import Path

SEPARATOR = "-- next statement"


def statements(name: str) -> list[str]:
    """The statements of `name`.sql, its comment lines left out."""
    text = (Path(__file__).parent / f"{name}.sql").read_text(encoding="utf-8")
    parts, lines = [], []
    for line in [*text.splitlines(), SEPARATOR]:
        if line == SEPARATOR:
            parts.append("\n".join(lines).strip())
            lines = []
        elif not line.startswith("-- "):
            lines.append(line)
    return [part for part in parts if part]


def run(schema_editor, *names: str) -> None:
    """Run each statement of each named file, on PostgreSQL only (elsewhere the map counts from the
    incidents and there are no summaries)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in names:
        for statement in statements(name):
            schema_editor.execute(statement)
