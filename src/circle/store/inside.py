"""The data home is a closed box: circle never follows a symbolic link inside it.

A link planted where a circle folder, a sessions folder, a data file, a backup or a
lock file belongs could make circle read, write or truncate a file anywhere the user
can reach. Every such path is looked at without following links (lstat) before it is
used, and files are opened with O_NOFOLLOW besides; a link found is refused, and
`circle check` lists it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from circle import hints
from circle.store.errors import StoreError


class LinkInHome(StoreError):
    """A symbolic link (or another odd entry) where the data home needs a plain file or folder."""


Signature = tuple[int, int, int]


def file_signature(path: Path, *, follow: bool = True) -> Signature:
    """What changes whenever a file is saved (files are replaced whole, logs appended to):
    its inode, size and modification time. OSError when there is no file to look at."""
    info = os.stat(path) if follow else os.lstat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def refuse_link(path: Path) -> None:
    """LinkInHome if path is a symbolic link; anything else (or nothing) passes."""
    if os.path.islink(path):
        raise LinkInHome(
            f"{path} is a symbolic link: circle never follows links inside its data home, "
            f"so it was not used and nothing was changed. `{hints.command('check')}` lists every link found."
        )


def real_folder(path: Path) -> Path:
    """path itself, if it is a folder and not a link; LinkInHome if it is a link or a file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path  # not there (yet): whoever needs it creates it or reports it missing
    if stat.S_ISLNK(info.st_mode):
        refuse_link(path)
    if not stat.S_ISDIR(info.st_mode):
        raise LinkInHome(f"{path} is not a folder: the data home needs a folder there; `{hints.command('check')}` lists it")
    return path
