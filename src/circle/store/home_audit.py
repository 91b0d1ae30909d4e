"""What `circle check` finds besides damaged files: links planted in the data home and
files or folders whose private mode was loosened (files 0600, folders 0700).

The home itself may be a link (where it lives is its user's choice): what counts is the
folder it leads to, which must be private and the user's own."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from circle.store.home import DIR_MODE, FILE_MODE, user_name


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
    """Every link and every loosened mode in the home, the home itself included; links inside it
    are not followed."""
    home = Path(home)
    found: list[Exposure] = _home_problem(home)
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


def _home_problem(home: Path) -> list[Exposure]:
    """The home's folder (the one a link leads to): not private, or not the user's."""
    if not os.path.islink(home):
        return _mode_problem(home) + _owner_problem(home, "the folder")
    target = f"a symbolic link to {os.path.realpath(home)}"
    try:
        info = os.stat(home)
    except OSError:
        return [Exposure(home, f"{target}, which cannot be reached")]
    if not stat.S_ISDIR(info.st_mode):
        return [Exposure(home, f"{target}, which is not a folder")]
    loosened = [Exposure(home, f"{target}, whose {e.problem}") for e in _mode_problem(home, follow=True)]
    return loosened + _owner_problem(home, f"{target}, a folder that")


def _owner_problem(home: Path, what: str) -> list[Exposure]:
    owner = os.stat(home).st_uid
    if not hasattr(os, "geteuid") or owner == os.geteuid():
        return []
    return [Exposure(home, f"{what} belongs to {user_name(owner)}, not to {user_name(os.geteuid())}, who runs circle")]


def _mode_problem(path: Path, *, follow: bool = False) -> list[Exposure]:
    try:
        info = os.stat(path) if follow else os.lstat(path)
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
