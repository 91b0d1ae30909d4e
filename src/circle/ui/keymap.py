"""A user's own keys: HOME/keymap.toml maps binding ids to keys, e.g. "session.next" = "right".

Every binding in circle has an id (shown by `?`); the app applies this map with
Textual's set_keymap, so a changed key shows in the footer, the help and the palette.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from circle.errors import CircleError

FILE_NAME = "keymap.toml"


class KeymapError(CircleError):
    pass


def read_keymap(home: Path) -> dict[str, str]:
    """The keymap in the data home, or {} when there is none."""
    path = Path(home) / FILE_NAME
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise KeymapError(f"cannot read {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise KeymapError(f"{path}: not valid TOML: {error}") from error
    keymap: dict[str, str] = {}
    for binding_id, keys in raw.items():
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f'{path}: {binding_id}: expected keys as text, e.g. {binding_id} = "ctrl+n"')
        keymap[binding_id] = keys.strip()
    return keymap
