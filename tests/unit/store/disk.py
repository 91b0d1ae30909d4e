"""Helpers for checking what is on disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under folder with its bytes and mode: to prove nothing on disk changed."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = (path.read_bytes(), os.stat(path).st_mode)
    return found


def refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every open for writing fail as on a read-only file system."""
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
