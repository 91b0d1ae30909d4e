"""What `circle check` finds besides damaged files: links planted in the data home and
files or folders whose private mode was loosened (files 0600, folders 0700)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from circle.store.home import DIR_MODE, FILE_MODE


@dataclass(frozen=True)
class Exposure:
    path: Path
    problem: str


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            yield from sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable folder is reported by the reads that need it


# The user's own plan and deck files are theirs to share: only links count there.
OWN_FILES = "plans"


def find_exposures(home: Path) -> list[Exposure]:
    """Every link and every loosened mode in the home, the home itself included; links are not followed."""
    home = Path(home)
    found: list[Exposure] = list(_mode_problem(home))
    pending = [home]
    while pending:
        folder = pending.pop()
        for entry in _entries(folder):
            path = Path(entry.path)
            if entry.is_symlink():
                found.append(Exposure(path, f"a symbolic link (to {os.readlink(path)}); circle never follows it"))
                continue
            if path.relative_to(home).parts[0] != OWN_FILES:
                found.extend(_mode_problem(path))
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
    return sorted(found, key=lambda exposure: str(exposure.path))


def _mode_problem(path: Path) -> list[Exposure]:
    try:
        info = os.lstat(path)
    except OSError:
        return []
    mode = stat.S_IMODE(info.st_mode)
    if stat.S_ISDIR(info.st_mode):
        private, kind = DIR_MODE, "folder"
    elif stat.S_ISREG(info.st_mode):
        private, kind = FILE_MODE, "file"
    else:
        return [Exposure(path, "neither a file nor a folder")]
    if mode & 0o077:
        return [Exposure(path, f"{kind} mode {mode:04o} lets others in (circle keeps it {private:04o})")]
    return []
