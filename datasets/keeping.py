"""The dataset's own row kept with each incident an import makes (datasets.models.DatasetRow), and
how an export in the dataset's layout gives it back: every column as it came in, but those of the
fields the tracker's editors have changed since, which carry the edited value (and a note says
which, with the tracker's toll where it differs from the source's own figures).
"""

import datetime

from datasets.cells import unescaped

# The key of the participants in DatasetRow.imported.
PARTICIPANTS = "participants"


def kept_values(values: dict[str, str]) -> dict[str, str]:
    """A row's cells as kept: as read, less a formula-guarding apostrophe (so that a file and its
    spreadsheet-safe export keep the same row); columns with no name in the header are left out."""
    kept = {column: value for column, value in values.items() if column}
    for column, value in kept.items():
        if value[:1] == "'":  # rare: only these can carry the apostrophe
            kept[column] = unescaped(value)
    return kept


def _jsonable(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def imported_fields(fields: dict, names: tuple[str, ...]) -> dict:
    """The incident fields an import set, as DatasetRow.imported keeps them."""
    return {name: _jsonable(fields[name]) for name in names}


def participants_key(pairs) -> list[list]:
    """Participants (group id, role) as DatasetRow.imported keeps them: sorted, without repeats."""
    return [list(pair) for pair in sorted({(group_id, role) for group_id, role in pairs})]


def edited_fields(imported: dict, row: dict, parts: list[dict]) -> set[str]:
    """The incident fields (and PARTICIPANTS) that differ from what the import set."""
    edited = {name for name, value in imported.items() if name != PARTICIPANTS and _jsonable(row.get(name)) != value}
    if PARTICIPANTS in imported:
        current = participants_key((part["group_id"], part["role"]) for part in parts)
        if current != imported[PARTICIPANTS]:
            edited.add(PARTICIPANTS)
    return edited


def layout_row(
    columns: tuple[str, ...],
    derived: dict,
    kept: dict | None,
    overlays: dict[str, tuple[str, ...]],
    parts: list[dict],
    with_edits: tuple[str, ...] = (),
) -> tuple[list, list[str]]:
    """The row in `columns`: a kept row's values, overlaid with the derived values of the columns
    whose fields were edited since the import (`overlays`: field -> columns) and, if any was, of
    the columns `with_edits` (ACLED's timestamp), and the edited columns; with no kept row, the
    derived values."""
    if kept is None:
        return [derived.get(column) for column in columns], []
    edited = set()
    for name in edited_fields(kept["imported"], derived["_row"], parts):
        edited.update(overlays.get(name, ()))
    values = kept["values"]
    ours = edited.union(with_edits) if edited else edited
    out = [derived.get(column) if column in ours or column not in values else values[column] for column in columns]
    return out, sorted(column for column in edited if column in columns)


def note(edited_columns: list[str], toll: str) -> str:
    """What the tracker_note column says of a row: the columns carrying editors' values, and the
    tracker's toll where it is not the source's own figures."""
    parts = []
    if edited_columns:
        parts.append(f"edited in the tracker since the import: {', '.join(edited_columns)}")
    if toll:
        parts.append(toll)
    return "; ".join(parts)


def toll_note(row: dict, low, best, high) -> str:
    """The tracker's toll, when it differs from the source's own low, best and high."""
    tracker = (row["killed_low"], row["killed_best"], row["killed_high"])
    if tracker == (low, best, high) or tracker == (None, None, None):
        return ""
    return f"the tracker's toll (from every report it cites) is killed {tracker[0]}–{tracker[2]}, best {tracker[1]}"


def number(text: str) -> int | None:
    """A kept cell as a whole number (None when empty or not one)."""
    try:
        return int(float(text))
    except (TypeError, ValueError):
        return None
