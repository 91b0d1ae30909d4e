"""A real OpenSSH server on 127.0.0.1 for the school-server tests, and the real ssh client.

The account the tests run as is the service account: its data home and an
authorized_keys file written by `circle teachers` live in the test's folder, and
sshd (started by the test on a free port, with a host key made for it) reads that
file. Root may log in only by a forced command, as on a real server.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
START_SECONDS = 60.0


def require_openssh() -> None:
    """Skip without OpenSSH on a developer's machine; on CI (which installs it) fail instead."""
    missing = [name for name, path in (("sshd", SSHD), ("ssh", shutil.which("ssh")), ("ssh-keygen", shutil.which("ssh-keygen")))
               if not path or not os.path.exists(path)]  # fmt: skip
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"OpenSSH ({', '.join(missing)}) is not installed, and CI needs the SSH tests")
        pytest.skip(f"OpenSSH ({', '.join(missing)}) is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_key(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
                   check=True, timeout=60)  # fmt: skip
    return path


@dataclass
class Sshd:
    folder: Path
    authorized_keys: Path
    user: str = ""  # the account logged in to (default: the one running the tests)
    options: list[str] = field(default_factory=list)  # more sshd_config lines (a benchmark's variant)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def start(self) -> None:
        host_key = make_key(self.folder / "host_ed25519")
        self.log = self.folder / "sshd.log"
        config = self.folder / "sshd_config"
        config.write_text(
            "\n".join([
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"PidFile {self.folder / 'sshd.pid'}",
                f"AuthorizedKeysFile {self.authorized_keys}",
                # Root logs in only through a forced command: the key lines circle writes.
                "PermitRootLogin forced-commands-only",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitUserEnvironment no",
                "StrictModes no",  # the test's folder sits in a temporary folder others may write to
                "ClientAliveInterval 5",
                "ClientAliveCountMax 2",
                "LogLevel VERBOSE",
                *self.options,
            ]) + "\n"
        )  # fmt: skip
        run_dir = Path("/run/sshd")  # privilege separation needs it when sshd runs as root
        if os.geteuid() == 0 and not run_dir.exists():
            run_dir.mkdir(mode=0o755, parents=True)
        self.port = free_port()
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config), "-p", str(self.port)],
                                            stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        self._wait_listening()

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"sshd did not start:\n{self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"sshd is not listening on 127.0.0.1:{self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def ssh_argv(self, key: Path, *options: str) -> list[str]:
        """The real ssh client's command line for a teacher's key (no user config, no host checks)."""
        return ["ssh", "-F", "/dev/null", "-i", str(key), "-p", str(self.port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                *options, f"{self.user or service_user()}@127.0.0.1"]  # fmt: skip

    def ssh(self, key: Path, request: str | None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run one request over SSH (None: no command at all), without a terminal."""
        argv = self.ssh_argv(key) + ([] if request is None else [request])
        return subprocess.run(argv, input=stdin if stdin is not None else "", capture_output=True, text=True,
                              timeout=120)  # fmt: skip


def service_user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def processes_with(text: str) -> list[int]:
    """Processes whose command line (its words joined by spaces) holds text, this one aside."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().rstrip(b"\0").split(b"\0")
        except OSError:
            continue
        if text in " ".join(part.decode(errors="replace") for part in argv):
            found.append(int(entry.name))
    return found


def wait_for_processes(text: str, seconds: float, *, gone: bool = False) -> list[int]:
    """Poll (bounded) until a process with text in its command line runs (gone: until none does)."""
    deadline = time.monotonic() + seconds
    while True:
        found = processes_with(text)
        if bool(found) != gone or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


@contextlib.contextmanager
def teachers_over_ssh(circle: Path, folder: Path, home: Path, names: Iterable[str],
                      admins: Iterable[str] = ()) -> Iterator[tuple[dict[str, Path], Sshd]]:
    """Each teacher registered with a key of their own (by the installed `circle teachers add`),
    and a running sshd that reads the authorized_keys it wrote: (the keys by name, the sshd)."""
    require_openssh()
    authorized = folder / "authorized_keys"
    env = {**os.environ, "CIRCLE_AUTHORIZED_KEYS": str(authorized)}
    keys = {}
    for name in names:
        keys[name] = make_key(folder / f"{name}_key")
        admin = ["--admin"] if name in admins else []
        added = subprocess.run([str(circle), "--home", str(home), "teachers", "add", name,
                                "--key", f"{keys[name]}.pub", *admin],
                               capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
        assert added.returncode == 0, added.stderr
    sshd = Sshd(folder, authorized)
    sshd.start()
    try:
        yield keys, sshd
    finally:
        sshd.stop()
