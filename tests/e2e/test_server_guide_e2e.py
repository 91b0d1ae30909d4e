"""The school server guide, run as written: its command blocks are read from docs/school-server.md
(so a change there changes what runs here) and run on this machine as root, against a real sshd
on 127.0.0.1.

What stands in for what: a throwaway system account for `circle`, a temporary folder for
`/srv/circle`, this checkout for `/path/to/circle`, 127.0.0.1 (the test sshd's port) for
`school.example`, and each teacher's key and an `ssh -F` config made from the guide's `Host`
block. `apt-get install` is not run: the packages it names must already be installed.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Terminal
from sshd_server import Sshd, make_key, require_openssh

pytestmark = pytest.mark.e2e

CHECKOUT = Path(__file__).resolve().parents[2]
GUIDE = CHECKOUT / "docs" / "school-server.md"
INSTALL_SECONDS = 900.0
COMMAND_SECONDS = 120.0
ACCOUNT_GONE_SECONDS = 60.0
ROSTER = "name,role,username\nAna Lopez,mentor,ana\nBen Ortiz,mentee,ben\n"
LATER_ROSTER = "name,role,username\nCy Park,peer,cy\n"
# A full-screen example: a text its first screen shows, then the keys that leave it.
SCREENS = {
    "": (("Your circles", "Maths mentors"), ("q",)),
    "goals": (("goals",), ("q",)),
    "run": (("present",), ("Enter", "@Phase 1 of", "C-q", "@Leave the session", "y")),
    "watch": (("Maths mentors",), ("Escape",)),
}


def server_section() -> dict[str, list[str]]:
    """Each `##` heading of the school server guide, with its fenced blocks' text."""
    section = GUIDE.read_text(encoding="utf-8")
    blocks: dict[str, list[str]] = {}
    heading, fence = "", None
    for line in section.splitlines():
        if fence is not None:
            if line.startswith("```"):
                blocks.setdefault(heading, []).append("\n".join(fence))
                fence = None
            else:
                fence.append(line)
        elif line.startswith("```"):
            fence = []
        elif line.startswith("## "):
            heading = line[3:].strip()
    return blocks


def block(blocks: dict[str, list[str]], heading_start: str, index: int = 0) -> str:
    found = [text for heading, texts in blocks.items() if heading.startswith(heading_start) for text in texts]
    assert len(found) > index, f"docs/school-server.md: no block {index} under a heading starting {heading_start!r}"
    return found[index]


def command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass
class Machine:
    """The throwaway account and folder standing in for the guide's `circle` and `/srv/circle`."""

    base: Path
    account: str

    @property
    def srv(self) -> Path:
        return self.base / "srv-circle"

    def as_written(self, line: str) -> str:
        line = line.replace("/srv/circle", str(self.srv)).replace("/path/to/circle", str(CHECKOUT))
        line = re.sub(r"-u circle(?= )", f"-u {self.account}", line)
        return re.sub(r"(?<=\s)circle$", self.account, line)

    def run(self, script: str, *, timeout: float = COMMAND_SECONDS, stdin: str = "") -> subprocess.CompletedProcess[str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.base), "LANG": "C.UTF-8",
               **{k: v for k, v in os.environ.items() if k.startswith("PIP_")}}  # fmt: skip
        return subprocess.run(["sh", "-e", "-c", script], cwd=self.base, env=env, input=stdin, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip

    def must_run(self, script: str, **kwargs) -> subprocess.CompletedProcess[str]:
        done = self.run(script, **kwargs)
        assert done.returncode == 0, f"example of the server guide failed ({done.returncode}):\n{script}\n{done.stdout}\n{done.stderr}"
        return done


@pytest.fixture(scope="module")
def machine() -> Iterator[Machine]:
    require_openssh()
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed")
    if os.geteuid() != 0 or not all(shutil.which(tool) for tool in ("useradd", "userdel", "runuser")):
        pytest.skip("the guide's install runs as root, with useradd and runuser")
    base = Path(tempfile.mkdtemp(prefix="circle-readme-"))
    os.chmod(base, 0o755)  # the account reaches its home and the key files in here
    found = Machine(base, f"circlereadme{os.getpid()}")
    try:
        yield found
    finally:
        remove_account(found.account)
        shutil.rmtree(base, ignore_errors=True)


def remove_account(name: str) -> None:
    """End what the account still runs (this test's own server-side processes), then remove it."""
    import pwd

    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    deadline = time.monotonic() + ACCOUNT_GONE_SECONDS
    while subprocess.run(["userdel", name], capture_output=True, timeout=60).returncode != 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"the throwaway account {name} could not be removed")
        for pid in processes_of(uid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)


def processes_of(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def installed(machine: Machine) -> None:
    """The Install block, as root: apt-get's packages checked, every other line run."""
    for line in command_lines(block(server_section(), "Install")):
        if line.startswith("apt-get install"):
            packages = [word for word in line.split()[2:] if not word.startswith("-")]
            status = subprocess.run(["dpkg-query", "-W", "-f", "${Status}\n", *packages], capture_output=True, text=True)
            assert status.stdout.count("install ok installed") == len(packages), status.stdout + status.stderr
            continue
        machine.must_run(machine.as_written(line), timeout=INSTALL_SECONDS)


def client_config(machine: Machine, sshd: Sshd, key: Path) -> Path:
    """The guide's `Host school` block for one teacher's key, pointed at the test sshd. Two teachers
    share this computer, so each has a control socket of their own (%C is the same for both)."""
    text = block(server_section(), "Reaching the server")
    text = (text.replace("school.example", "127.0.0.1").replace("User circle", f"User {machine.account}")
            .replace("~/.ssh/id_ed25519", str(key)).replace("~/.ssh/circle-", f"{machine.base}/cm-{key.name}-"))  # fmt: skip
    config = machine.base / f"ssh_config_{key.name}"
    config.write_text(text + f"\n    Port {sshd.port}\n    StrictHostKeyChecking no\n    UserKnownHostsFile /dev/null\n"
                      "    IdentitiesOnly yes\n    BatchMode yes\n    LogLevel ERROR\n")  # fmt: skip
    return config


def over_ssh(line: str, config: Path) -> str:
    assert line.startswith("ssh "), line
    return f"ssh -F {config} {line[4:]}"


def full_screen(machine: Machine, line: str) -> None:
    """A `ssh -t` example in a real terminal of its own: its first screen, then leaving it with its keys."""
    words = line.split("#")[0].split()
    request = words[words.index("school") + 1] if words[-1] != "school" else ""
    texts, keys = SCREENS[request]
    folder = Path(tempfile.mkdtemp(dir=machine.base))
    terminal = Terminal(folder)
    try:
        terminal.start(["sh", "-c", line], {"TERM": "xterm-256color", "LANG": "C.UTF-8"}, width=100, height=30)
        terminal.wait_for(*texts)
        for key in keys:
            if key.startswith("@"):
                terminal.wait_for(key[1:])
            else:
                terminal.press(key)
        terminal.wait_for_exit()
    finally:
        terminal.close()


def test_a_new_admin_following_the_server_guide_gets_a_working_school_server(machine: Machine) -> None:
    installed(machine)
    assert (machine.srv / "home").is_dir() and (machine.srv / "home").stat().st_mode & 0o777 == 0o700

    teachers = block(server_section(), "Teachers")
    keys = {}
    for name in sorted(set(re.findall(r"--key (\S+)\.pub", teachers))):
        keys[name] = make_key(machine.base / name)
    machine.must_run(machine.as_written(teachers))
    authorized = machine.srv / ".ssh" / "authorized_keys"
    assert authorized.is_file()

    sshd = Sshd(machine.base / "sshd", authorized, user=machine.account,
                options=command_lines(block(server_section(), "sshd settings")))  # fmt: skip
    (machine.base / "sshd").mkdir()
    sshd.start()
    configs = {name: client_config(machine, sshd, keys[name]) for name in ("ana", "it")}
    try:
        (machine.base / "roster.csv").write_text(ROSTER, encoding="utf-8")
        for line in command_lines(block(server_section(), "A first circle")):
            machine.must_run(over_ssh(line, configs["it"]))
        listed = machine.must_run(over_ssh("ssh school circles --plain", configs["it"])).stdout
        assert "Maths mentors (maths-mentors): 2 members" in listed

        (machine.base / "roster.csv").write_text(LATER_ROSTER, encoding="utf-8")
        for line in command_lines(block(server_section(), "What teachers run")):
            line = over_ssh(line, configs["ana"])
            if " -t " in line:
                full_screen(machine, line)
            elif " watch " in line:
                follow_plain_briefly(machine, line)
            else:
                machine.must_run(line)
        assert "Maths mentors" in (machine.base / "session.md").read_text(encoding="utf-8")
        members = machine.must_run(over_ssh("ssh school circles --json", configs["ana"])).stdout
        assert '"members": 3' in members
    finally:
        for config in configs.values():  # the ControlPersist masters end with the test
            subprocess.run(["ssh", "-F", str(config), "-O", "exit", "school"], capture_output=True, timeout=60)
        sshd.stop()


def follow_plain_briefly(machine: Machine, line: str) -> None:
    """`watch --plain` runs until stopped: it must print the session's state, then the client is stopped."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(machine.base), "LANG": "C.UTF-8"}
    with subprocess.Popen(["sh", "-c", f"exec {line}"], cwd=machine.base, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as follower:  # fmt: skip
        try:
            first = follower.stdout.readline() if follower.stdout else ""
            assert first.strip(), follower.stderr.read() if follower.stderr else ""
        finally:
            follower.terminate()
            follower.wait(timeout=COMMAND_SECONDS)


def test_the_guides_sshd_settings_suit_the_installed_openssh(tmp_path: Path) -> None:
    """The lines for every version pass `sshd -t` here; the 9.8-only line does exactly when sshd is 9.8 or later."""
    require_openssh()
    every = command_lines(block(server_section(), "sshd settings", 0))
    later = command_lines(block(server_section(), "sshd settings", 1))
    version = subprocess.run(["ssh", "-V"], capture_output=True, text=True).stderr
    major, minor = map(int, re.search(r"OpenSSH_(\d+)\.(\d+)", version).groups())
    host_key = make_key(tmp_path / "host")

    def checks(lines: list[str]) -> bool:
        config = tmp_path / "sshd_config"
        config.write_text("\n".join([f"HostKey {host_key}", *lines]) + "\n")
        sshd = shutil.which("sshd") or "/usr/sbin/sshd"
        return subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, timeout=60).returncode == 0

    assert checks(every)
    assert any(line.startswith("PerSourcePenaltyExemptList") for line in later)
    assert checks(every + later) == ((major, minor) >= (9, 8)), version
