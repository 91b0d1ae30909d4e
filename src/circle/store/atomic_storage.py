"""A TinyDB storage that never leaves a half-written file.

Each write goes to a temporary file in the same folder, is fsynced, and replaces
the data file with os.replace; then the folder is fsynced so the rename itself
survives a power cut. Before the replace, the current version is kept beside the
file as ``<name>.bak`` (a hard link, so it costs no copy). A file that does not
parse is never written over: reading it raises CorruptFileError naming it and
its last good copy.

Writers must hold the file's lock (circle.store.locked_db): the temporary file
name is fixed, so a writer killed mid-write leaves at most one stale temporary
file, which the next writer removes before creating its own (never through a link).
Files are written 0600 and their folder kept 0700, whatever mode someone gave them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from circle import hints
from circle.store.errors import (
    CorruptFileError,
    StoreError,
    ValidationError,
    describe_os_error,
    read_failed,
    write_failed,
)
from circle.store.home import DIR_MODE, FILE_MODE

Tables = dict[str, dict[str, Any]]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang a read
# Errors that mean "hard links are not possible here", so the backup is copied instead.
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def parse_tables(raw: bytes, path: Path) -> Tables:
    """Decode a TinyDB file; anything that is not {table: {id: {..}}} is a damaged file."""
    if not raw.strip(b" \t\r\n"):
        raise CorruptFileError(path, backup_path(path), "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CorruptFileError(path, backup_path(path), f"not UTF-8 text at byte {error.start}") from error
    except json.JSONDecodeError as error:
        detail = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise CorruptFileError(path, backup_path(path), detail) from error
    problem = _shape_problem(data)
    if problem:
        raise CorruptFileError(path, backup_path(path), problem)
    return data


def _shape_problem(data: Any) -> str:
    if not isinstance(data, dict):
        return f"expected tables of records, found a JSON {type(data).__name__}"
    for table, rows in data.items():
        if not isinstance(rows, dict):
            return f"table {table!r} is not a set of records"
        # map() keeps these checks in C: a session file holds thousands of records.
        if not all(map(str.isdigit, rows)) or not set(map(type, rows.values())) <= {dict}:
            bad = next(k for k, v in rows.items() if not k.isdigit() or not isinstance(v, dict))
            return f"table {table!r} has a malformed record {bad!r}"
    return ""


def encode_tables(data: Tables) -> bytes:
    return encode_json(data)


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON; text Python holds but UTF-8 cannot (lone surrogates) falls back to escapes."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise ValidationError(f"the data cannot be saved as JSON: {error}") from error
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def read_data_file(path: Path) -> bytes | None:
    """A data file's bytes (None if there is none); a link, folder or other non-file where
    the file belongs is a damaged file: CorruptFileError, and nothing behind a link is read."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            detail = "it is a link, and circle never follows links in its data home"
            raise CorruptFileError(path, backup_path(path), detail) from None
        if error.errno == errno.EISDIR:
            raise CorruptFileError(path, backup_path(path), "it is a folder, not a data file") from None
        raise read_failed(path, error) from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise CorruptFileError(path, backup_path(path), f"it is {kind}, not a data file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise read_failed(path, error) from error
    finally:
        os.close(fd)


def tighten_folder(folder: Path) -> None:
    """Give a loosened folder of the data home its private mode (0700) back."""
    info = os.lstat(folder)
    if stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
        with contextlib.suppress(PermissionError):  # not ours to change: `circle check` reports it
            os.chmod(folder, DIR_MODE)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _keep_backup(path: Path) -> None:
    """Make <name>.bak the current (good) version, replacing the older backup atomically."""
    staging = path.with_name(f".{path.name}.bak.tmp")
    _remove(staging)
    try:
        try:
            os.link(path, staging)
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            shutil.copyfile(path, staging, follow_symlinks=False)
        os.chmod(staging, FILE_MODE, follow_symlinks=False)  # a backup is as private as the file
        os.replace(staging, backup_path(path))
    except OSError:
        with contextlib.suppress(OSError):
            _remove(staging)
        raise


def refuse_read_only(path: Path, mode: int | None = None) -> None:
    """StoreError if the file is marked read-only.

    A rename needs only the folder's permission; a file marked read-only (by its owner
    or an administrator) is respected as such, even by root.
    """
    if mode is None:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise StoreError(
            f"could not save {path}: the file is read-only (mode {mode:04o}). The file on disk is unchanged."
        )


def write_atomically(path: Path, payload: bytes, *, keep_backup: bool = True, in_home: bool = True) -> None:
    """Replace path's content with payload, all or nothing; StoreError if the disk refuses.

    in_home: the file is in circle's data home, whose folders it keeps private (0700); a
    file outside it (a service account's authorized_keys) leaves its folder's mode alone.
    """
    tmp = temp_path(path)
    try:
        try:
            info: os.stat_result | None = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            kind = "a link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
            raise StoreError(
                f"could not save {path}: it is {kind}, and circle never writes through links or over "
                f"other files in its data home; `{hints.command('check')}` lists them. Nothing was changed."
            )
        if info is not None:
            refuse_read_only(path, stat.S_IMODE(info.st_mode))
        mode = FILE_MODE  # a loosened mode is not kept: data files are private
        if in_home:
            tighten_folder(path.parent)
        _remove(tmp)  # a stale temporary file, or a link planted in its name, goes first
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
        try:
            os.fchmod(fd, mode)  # the umask must not loosen or tighten it
            write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is not None and keep_backup:
            _keep_backup(path)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            _remove(tmp)
        raise write_failed(path, error) from error
    flush_folder(path)


def flush_folder(path: Path) -> None:
    """Flush the folder of a file just saved, so its name survives a power cut."""
    try:
        fsync_dir(path.parent)
    except OSError as error:
        if error.errno in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            return  # file systems that cannot sync a folder: the rename is as safe as they allow
        raise StoreError(
            f"saved {path}, but its folder could not be flushed to disk ({describe_os_error(error)}): "
            "the change may not survive a power cut"
        ) from error


class AtomicJSONStorage:
    """TinyDB storage over one JSON file, written atomically; a missing file reads as empty.

    It follows TinyDB's storage protocol (read, write, close) without subclassing
    tinydb's Storage, so reading a file does not import tinydb.
    """

    def __init__(self, path: str | os.PathLike[str], *, keep_backup: bool = True) -> None:
        self.path = Path(path)
        self.keep_backup = keep_backup

    def read(self) -> Tables | None:
        raw = read_data_file(self.path)
        return None if raw is None else parse_tables(raw, self.path)

    def write(self, data: Tables) -> None:
        write_atomically(self.path, encode_tables(data), keep_backup=self.keep_backup)

    def close(self) -> None:
        """Nothing stays open between reads and writes."""
