"""Each person's own display preferences (HOME/preferences.json), kept from one start to the next.

Over SSH a teacher cannot set environment variables or flags once for all, so what
they choose on screen (the high-contrast theme) is kept here, under their name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from circle.store.base import find_doc_id
from circle.store.errors import StoreError
from circle.store.locked_db import read_tables, write_db

PREFERENCES_FILE = "preferences.json"
TABLE = "preferences"


def load_preferences(home: Path, actor: str) -> dict[str, Any]:
    """The actor's preferences; none when the file is missing or cannot be read (display only)."""
    try:
        rows = (read_tables(home / PREFERENCES_FILE) or {}).get(TABLE, {})
    except StoreError:
        return {}  # a damaged file costs a preference, never the start; saving names it
    found = next((row for row in rows.values() if row.get("actor") == actor), None)
    return {key: value for key, value in (found or {}).items() if key != "actor"}


def save_preference(home: Path, actor: str, key: str, value: bool | str | int) -> None:
    with write_db(home / PREFERENCES_FILE) as db:
        table = db.table(TABLE)
        doc_id = find_doc_id({row.doc_id: row for row in table.all()}, "actor", actor)
        if doc_id is None:
            table.insert({"actor": actor, key: value})
        else:
            table.update({key: value}, doc_ids=[doc_id])
