"""Over a real sshd: nothing circle runs for a teacher outlives the client, and a roster on
standard input is checked before it is read, bounded, and imported only when it arrived whole.

Maths: ana (mentor) and ben (mentee). cy: a teacher in no circle.
"""

from __future__ import annotations

import os
import select
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from circle.commands.roster import ROSTER_LIMIT
from conftest import CIRCLE
from sshd_server import Sshd, processes_with, require_openssh, teachers_over_ssh, wait_for_processes

pytestmark = pytest.mark.e2e

GONE_SECONDS = 5.0  # what the client's death may take to end circle on the server
START_SECONDS = 120.0  # a bound on a login and circle's start on a busy machine, not a pace


@dataclass
class School:
    home: Path
    keys: dict[str, Path]
    sshd: Sshd

    def marker(self, teacher: str) -> str:
        """What the forced command's command line holds for teacher (the home is the test's own)."""
        return f"--home {self.home} shell {teacher}"

    def start(self, teacher: str, request: str, *options: str) -> subprocess.Popen[bytes]:
        """The ssh client running request, its standard input left open."""
        argv = self.sshd.ssh_argv(self.keys[teacher], *options) + [request]
        return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def members(self) -> list[str]:
        from circle.store.repository import Repository

        return sorted(member.name for member in Repository(self.home, "ana").list_members("maths"))


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[School]:
    from circle.store.repository import Repository

    require_openssh()
    folder = tmp_path_factory.mktemp("lifetime")
    home = folder / "home"
    repo = Repository(home, "setup")
    maths = repo.create_circle("Maths")["slug"]
    repo.add_member(maths, "Ana", role="mentor", username="ana")
    repo.add_member(maths, "Ben", role="mentee", username="ben")
    with teachers_over_ssh(CIRCLE, folder, home, ("ana", "cy")) as (keys, sshd):
        yield School(home, keys, sshd)


class Output:
    """A client's standard output, read as it comes (a full screen never ends its output)."""

    def __init__(self, client: subprocess.Popen[bytes]) -> None:
        self.data = b""
        assert client.stdout is not None
        self._stream = client.stdout
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while chunk := self._stream.read1(65536):
            self.data += chunk

    def wait_for(self, text: bytes) -> None:
        deadline = time.monotonic() + START_SECONDS
        while text not in self.data and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text in self.data, self.data[-2000:]


def kill(client: subprocess.Popen[bytes]) -> None:
    client.send_signal(signal.SIGKILL)
    client.wait(timeout=60)


def assert_gone(school: School, teacher: str) -> None:
    left = wait_for_processes(school.marker(teacher), GONE_SECONDS, gone=True)
    assert left == [], f"circle kept running {GONE_SECONDS:.0f} s after its client was killed"


def test_a_plain_follower_without_a_terminal_ends_when_its_client_is_killed(school: School) -> None:
    client = school.start("ana", "watch Maths --plain")
    Output(client).wait_for(b"\n")  # following (it has said nobody is running a session)
    kill(client)
    assert_gone(school, "ana")


@pytest.mark.parametrize("request_, shows", [("home", b"Maths"), ("run Maths", b"present")])
def test_a_full_screen_with_a_terminal_ends_when_its_client_is_killed(school: School, request_: str, shows: bytes) -> None:
    client = school.start("ana", request_, "-tt")
    Output(client).wait_for(shows)
    kill(client)
    assert_gone(school, "ana")


def test_circle_ends_when_sshd_closes_its_pipes_though_its_parent_shell_stays(school: School) -> None:
    # What sshd does without a terminal when the client dies, for an account whose shell (dash as
    # /bin/sh) stays the command's parent: it closes its ends of the pipes and sends no signal.
    forced = shlex.join([str(CIRCLE), "--home", str(school.home), "shell", "ana"])
    env = {**os.environ, "SSH_ORIGINAL_COMMAND": "watch Maths --plain"}
    shell = subprocess.Popen(["/bin/sh", "-c", forced], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)  # fmt: skip
    try:
        assert shell.stdout is not None
        # Read here, not by a thread: a pipe closed while a read on it waits stays open until that read ends.
        ready, _, _ = select.select([shell.stdout], [], [], START_SECONDS)
        assert ready and os.read(shell.stdout.fileno(), 65536), "circle printed nothing"
        for pipe in (shell.stdin, shell.stdout, shell.stderr):
            assert pipe is not None
            pipe.close()
        assert_gone(school, "ana")
    finally:
        shell.kill()
        shell.wait(timeout=60)
        for pid in processes_with(school.marker("ana")):
            os.kill(pid, signal.SIGKILL)  # left by a failure: not to outlive the test


def test_ten_dropped_connections_leave_no_process(school: School) -> None:
    clients = [school.start("ana", "watch Maths --plain") for _ in range(10)]
    outputs = [Output(client) for client in clients]
    for output in outputs:
        output.wait_for(b"\n")
    assert len(processes_with(school.marker("ana"))) >= 10
    for client in clients:
        kill(client)
    assert_gone(school, "ana")


FEED_LIMIT = 32 * ROSTER_LIMIT  # what a feed sends at most, then it stays open: the rest never comes


def endless(client: subprocess.Popen[bytes], first: bytes, then: bytes) -> None:
    """Feed the client first, then the same line again and again, never ending its input: a
    reader that waits for the end of it waits for ever (bounded by FEED_LIMIT, to spare memory)."""

    def feed() -> None:
        assert client.stdin is not None
        sent = 0
        try:
            client.stdin.write(first)
            while client.poll() is None and sent < FEED_LIMIT:
                client.stdin.write(then * 1000)
                sent += len(then) * 1000
            client.stdin.flush()
            client.wait()
        except (BrokenPipeError, ValueError):
            pass

    threading.Thread(target=feed, daemon=True).start()


def finished(school: School, teacher: str, client: subprocess.Popen[bytes]) -> tuple[int, str]:
    """The exit status and standard error of a client that must end by itself (bounded)."""
    assert client.stderr is not None
    try:
        code = client.wait(timeout=START_SECONDS)
    except subprocess.TimeoutExpired:
        kill(client)
        for pid in processes_with(school.marker(teacher)):
            os.kill(pid, signal.SIGKILL)
        raise AssertionError("circle still waited for the end of a roster that never ends") from None
    return code, client.stderr.read().decode(errors="replace")


def test_a_non_members_endless_roster_is_refused_before_it_is_read(school: School) -> None:
    client = school.start("cy", "import - --circle Maths")
    endless(client, b"name,username\n", b"Cy,cy\n")
    code, err = finished(school, "cy", client)  # it ends although its standard input never does
    assert code != 0 and err.count("\n") == 1, err
    assert school.members() == ["Ana", "Ben"]


def test_a_roster_over_the_limit_is_refused_saying_the_limit(school: School) -> None:
    client = school.start("ana", "import - --circle Maths")
    endless(client, b"name\n", b"Someone New\n")
    code, err = finished(school, "ana", client)
    assert code != 0 and err.count("\n") == 1, err
    assert "1 MiB" in err, err
    assert school.members() == ["Ana", "Ben"]


def test_a_roster_cut_off_without_a_final_line_break_imports_nothing(school: School) -> None:
    result = school.sshd.ssh(school.keys["ana"], "import - --circle Maths", stdin="name\nDee\nEd")
    assert result.returncode != 0 and result.stderr.count("\n") == 1, result.stderr
    assert "line break" in result.stderr, result.stderr
    assert school.members() == ["Ana", "Ben"]
    whole = school.sshd.ssh(school.keys["ana"], "import - --circle Maths --dry-run", stdin="name\nDee\nEd\n")
    assert whole.returncode == 0, whole.stderr


def reading_standard_input(school: School, teacher: str) -> bool:
    """Whether the server-side circle waits on an empty standard input (all that was sent is read)."""
    for pid in processes_with(school.marker(teacher)):
        try:
            if Path(f"/proc/{pid}/wchan").read_text().endswith("pipe_read"):
                return True
        except OSError:
            continue
    return False


def test_killing_the_client_during_an_import_imports_nothing(school: School) -> None:
    client = school.start("ana", "import - --circle Maths")
    assert client.stdin is not None
    client.stdin.write(b"name,role\nDee,peer\nEd,peer\n")  # whole rows, each with its line break
    client.stdin.flush()
    deadline = time.monotonic() + START_SECONDS
    while not reading_standard_input(school, "ana") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reading_standard_input(school, "ana"), "circle never waited for more of the roster"
    kill(client)
    assert_gone(school, "ana")
    assert school.members() == ["Ana", "Ben"]
