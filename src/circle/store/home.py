"""The data home: where it is, and creating it privately (folders 0700, files 0600)."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path

from circle.store.errors import HomeError, HomeNotYours, describe_os_error, write_failed

DIR_MODE = 0o700
FILE_MODE = 0o600
APP_NAME = "circle"


def resolve_home(cli_home: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """$CIRCLE_HOME, else --home, else the platform's user data directory."""
    from_env = environ.get("CIRCLE_HOME", "").strip()
    if from_env:
        return Path(from_env).expanduser()
    if cli_home:
        return Path(cli_home).expanduser()
    import platformdirs  # only needed when no home was given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def make_private_dir(path: Path) -> None:
    """Create a folder (and missing parents) with mode 0700; an existing folder is left as it is."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue
        # The umask may have taken bits away, never added: set the mode exactly.
        os.chmod(folder, DIR_MODE)
        _fsync_folder(folder.parent)  # so the new folder itself survives a power cut


def make_data_dir(path: Path) -> None:
    """make_private_dir for a change to the data: StoreError, saying why (a full disk), if it cannot."""
    try:
        make_private_dir(path)
    except OSError as error:
        raise write_failed(path, error) from error


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the folder exists all the same
    finally:
        os.close(fd)


# What a home that cannot be written says when asked to be: it can still be read.
READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
# A full disk: everything still reads; each change says the disk is full.
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def ensure_home(path: Path | str, *, writable: bool = True) -> Path:
    """Create the data home if needed and check it can be written; HomeError names the path if not.

    writable=False: a home that exists but cannot be written (a read-only mount, a backup
    copy, a full disk) is fine too: everything reads, and each change says why it cannot.
    """
    home = Path(path).expanduser()
    try:
        if home.exists() and not home.is_dir():
            raise HomeError(f"the data home {home} is not a folder")
        for inner in (home / "circles", home / "plans"):
            if inner.is_symlink():  # never followed, not even by the write probe below
                raise HomeError(f"{inner} is a symbolic link: circle never follows links inside its data home")
        make_private_dir(home)
        make_private_dir(home / "circles")
        make_private_dir(home / "plans")
        _probe_writable(home / "circles")
    except HomeError:
        raise
    except OSError as error:
        if not writable and error.errno in READ_ONLY | DISK_FULL and _readable_folder(home / "circles"):
            return home
        refusal = not_yours(home) if error.errno in (errno.EACCES, errno.EPERM) else None
        if refusal is not None:
            raise refusal from error
        raise HomeError(
            f"cannot use the data home {home}: {describe_os_error(error)}"
        ) from error
    return home


def not_yours(home: Path) -> HomeNotYours | None:
    """The refusal for a home another user keeps closed to this one; None if it is not that.

    The home itself if it can be looked at, else the nearest folder above it that can:
    it is another user's, and this user may not look inside it (for the home itself, its
    owner decides who comes in)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: no unix owners
        return None
    for path in (home, *home.parents):
        try:
            info = os.stat(path)
        except OSError:
            continue
        if info.st_uid == os.geteuid() or (path != home and os.access(path, os.X_OK, effective_ids=_EFFECTIVE)):
            return None
        return HomeNotYours(f"permission denied: the data home belongs to {user_name(info.st_uid)}")
    return None


_EFFECTIVE = os.access in os.supports_effective_ids


def user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"the user with id {uid}"


def _readable_folder(path: Path) -> bool:
    try:
        return path.is_dir() and os.access(path, os.R_OK | os.X_OK, effective_ids=_EFFECTIVE)
    except OSError:
        return False


def _probe_writable(folder: Path) -> None:
    # os.access says yes to root even on a read-only mount, so try a real write.
    probe = folder / f".write-test-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, b"ok")
    finally:
        os.close(fd)
        os.unlink(probe)
