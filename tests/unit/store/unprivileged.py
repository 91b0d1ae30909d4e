"""Run a piece of a test as a user without root's powers over files.

Tests that check what a user who may not write sees cannot run as root (root writes
anywhere), and CI runs as root. There the piece runs in a forked child as a throwaway
system user made for the test and removed after it; as any other user it runs as is.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Runner = Callable[[Callable[[], None]], None]


@contextmanager
def throwaway_user() -> Iterator[pwd.struct_passwd]:
    """A system user made for the test (as root) and removed after it."""
    name = f"circle-t{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                   check=True, capture_output=True, timeout=120)
    try:
        yield pwd.getpwnam(name)
    finally:
        subprocess.run(["userdel", name], capture_output=True, timeout=120)


@contextmanager
def passable(*paths: Path) -> Iterator[None]:
    """Let every user pass (not list) the folders down to each path, for the test only."""
    opened: list[tuple[Path, int]] = []
    try:
        for path in paths:
            for folder in [path, *path.parents]:
                mode = stat.S_IMODE(folder.stat().st_mode)
                if folder.is_dir() and not mode & stat.S_IXOTH:
                    opened.append((folder, mode))
                    os.chmod(folder, mode | stat.S_IXOTH)
        yield
    finally:
        for folder, mode in reversed(opened):
            os.chmod(folder, mode)


@contextmanager
def unprivileged_runner(tree: Path) -> Iterator[Runner]:
    """A runner for pieces of a test that work in `tree` (given to the throwaway user)."""
    if os.geteuid() != 0:
        yield lambda piece: piece()
        return
    # The user must reach the tree: it may pass the folders above.
    with throwaway_user() as user, passable(tree):
        yield lambda piece: _run_as(user, tree, piece)


def _run_as(user: pwd.struct_passwd, tree: Path, piece: Callable[[], None]) -> None:
    for root, folders, files in os.walk(tree):
        for entry in [root, *(os.path.join(root, n) for n in folders + files)]:
            os.lchown(entry, user.pw_uid, user.pw_gid)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run the piece, report how it went
        os.close(read_end)
        code = 0
        try:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            piece()
        except BaseException:  # noqa: BLE001 - everything goes back to the test as text
            os.write(write_end, traceback.format_exc().encode())
            code = 1
        os._exit(code)
    os.close(write_end)
    report = b""
    while chunk := os.read(read_end, 65536):
        report += chunk
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, report.decode(errors="replace")
