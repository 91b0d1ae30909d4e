"""Errors the store reports: each says what went wrong and which file or folder it concerns."""

from __future__ import annotations

import errno
from pathlib import Path

from circle import hints
from circle.errors import CircleError


class StoreError(CircleError):
    """Data could not be read or saved; the files on disk are still their last good version."""


class HomeError(StoreError):
    """The data home cannot be created, read or written."""


class HomeNotYours(HomeError):
    """The data home belongs to another user, who has not let this one in."""

    exit_code = 3  # as for any other action the user may not take


class NotFound(StoreError):
    """A circle, member, goal or session that does not exist."""


class ValidationError(StoreError):
    """User input the store refuses: an empty or over-long name, a duplicate, a control character."""


class CorruptFileError(StoreError):
    """A data file that does not parse. It is never written over; its last good copy is kept beside it."""

    def __init__(self, path: Path | str, backup: Path | str | None, detail: str = "") -> None:
        self.path = Path(path)
        self.backup = Path(backup) if backup is not None else None
        self.detail = detail
        what = f"{self.path} is damaged and cannot be read"
        if detail:
            what += f" ({detail})"
        if self.backup is not None and self.backup.exists():
            where = f"The last good copy is {self.backup}; `{hints.command('check', '--restore')}` puts it back."
        else:
            where = "No earlier copy of it was kept."
        super().__init__(f"{what}. It has not been changed. {where}")


def describe_os_error(error: OSError) -> str:
    """A short, plain reason for an operating-system error."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.ENOENT: "no such file or folder",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EEXIST: "a file of that name already exists",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


def write_failed(path: Path | str, error: OSError) -> StoreError:
    return StoreError(
        f"could not save {path}: {describe_os_error(error)}. The file on disk is unchanged."
    )


def read_failed(path: Path | str, error: OSError) -> StoreError:
    return StoreError(f"could not read {path}: {describe_os_error(error)}")
