"""Crash reports: what an unexpected error was, written privately into the data home."""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from pathlib import Path

from circle.store.home import DIR_MODE, FILE_MODE

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CRASH_DIR = "crashes"


def write_crash_report(home: Path, error: BaseException, command: str, now: datetime | None = None) -> Path:
    """A new file (0600, never over an existing file or through a link) holding the traceback.

    OSError when the home cannot take it (missing, read-only, full).
    """
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    folder = Path(home) / CRASH_DIR
    if not folder.is_symlink():
        os.makedirs(folder, mode=DIR_MODE, exist_ok=True)
    if folder.is_symlink() or not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder of the data home")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(f"circle {command}\n{details}")
    return path
