"""Helpers for checking what is on disk."""

from __future__ import annotations

import os
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under folder with its bytes and mode: to prove nothing on disk changed."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = (path.read_bytes(), os.stat(path).st_mode)
    return found
