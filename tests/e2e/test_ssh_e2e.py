"""The school server end to end: a real sshd on 127.0.0.1, keys written by `circle teachers`,
the real ssh client, and `circle shell NAME` deciding what each teacher may do.

Maths: ana (mentor) and ben (mentee). Science: cy (mentor). adm: an admin in neither.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CIRCLE
from sshd_server import Sshd, require_openssh, teachers_over_ssh

pytestmark = pytest.mark.e2e

SECRETS = ("MATHS-GOAL-ANA", "MATHS-GOAL-BEN", "MATHS-SESSION-NOTE", "SCIENCE-GOAL-CY", "Room 4 after lunch")
GONE_SECONDS = 60.0


@dataclass
class School:
    home: Path
    keys: dict[str, Path]
    sshd: Sshd

    def ssh(self, teacher: str, request: str | None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return self.sshd.ssh(self.keys[teacher], request, stdin)


def fill(home: Path) -> None:
    """The circles, goals and a session, made while the home is still a laptop's (no teachers)."""
    from circle.store.repository import Repository

    repo = Repository(home, "setup")
    maths = repo.create_circle("Maths", "Year 7")["slug"]
    science = repo.create_circle("Science")["slug"]
    ana = repo.add_member(maths, "Ana", role="mentor", username="ana").id
    ben = repo.add_member(maths, "Ben", role="mentee", username="ben").id
    cy = repo.add_member(science, "Cy", role="mentor", username="cy").id
    repo.set_agreement(maths, {"place": "Room 4 after lunch"})
    for circle, member, title in ((maths, ana, SECRETS[0]), (maths, ben, SECRETS[1]), (science, cy, SECRETS[3])):
        repo.add_goal(circle, {"member": member, "title": title, "status": "active", "progress": 0, "history": []})
    session = repo.create_session(maths, {"plan": "community-60", "started": "2026-01-05T15:00:00+00:00"})
    repo.append_event(maths, session, {"type": "note", "data": {"text": SECRETS[2]}})
    repo.update_session(maths, session, ended="2026-01-05T16:00:00+00:00")


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[School]:
    require_openssh()
    folder = tmp_path_factory.mktemp("school")
    home = folder / "home"
    fill(home)
    with teachers_over_ssh(CIRCLE, folder, home, ("ana", "cy", "adm"), admins=("adm",)) as (keys, sshd):
        yield School(home, keys, sshd)


def names(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [circle["name"] for circle in json.loads(result.stdout)]


def assert_refused(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode != 0, result.stdout
    assert says in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line


def test_each_teacher_lists_only_their_circles(school: School) -> None:
    assert names(school.ssh("ana", "circles --json")) == ["Maths"]
    assert names(school.ssh("cy", "circles --json")) == ["Science"]
    assert "Maths" in names(school.ssh("adm", "circles --json"))
    mine = school.ssh("ana", "goals --json")
    assert mine.returncode == 0, mine.stderr
    assert [goal["title"] for goal in json.loads(mine.stdout)["goals"]] == [SECRETS[0]]


def test_no_command_reads_another_circles_goals_or_sessions(school: School) -> None:
    attempts = [
        "goals --circle Maths --json", "goals --circle maths --plain", "goals --member ana --json",
        "goals --member Ben --plain --all", "export --circle Maths", "export latest --circle maths --format md",
        "run Maths", "goals update g-0000 --circle Maths --progress 10",
    ]  # fmt: skip
    for request in attempts:
        result = school.ssh("cy", request)
        assert result.returncode != 0, (request, result.stdout)
        assert not any(secret in result.stdout + result.stderr for secret in SECRETS[:3] + SECRETS[4:]), request


@pytest.mark.parametrize(
    "request_, says",
    [
        ("bash", "'bash' is not a circle command"),
        ("goals; id", "shell syntax"),
        ("goals --plain && id", "shell syntax"),
        ("goals --home /tmp --plain", "--home is set by the server"),
        ("goals --actor cy --plain", "--actor is set by the server"),
        ("goals --plain --all --actor=cy", "--actor is set by the server"),  # the last word would win locally
        ("scp -t /tmp", "'scp' is not a circle command"),
        ("teachers add eve --key /tmp/k.pub", "'teachers' is not a circle command"),
    ],
)
def test_shells_and_other_identities_are_refused(school: School, request_: str, says: str) -> None:
    result = school.ssh("ana", request_)
    assert_refused(result, says)
    assert "uid=" not in result.stdout


def test_a_full_screen_command_without_a_terminal_says_to_use_ssh_t(school: School) -> None:
    assert_refused(school.ssh("ana", None), "connect with ssh -t")


def test_the_admin_manages_a_circle_without_seeing_its_goals(school: School) -> None:
    created = school.ssh("adm", "circles add History --json")
    assert created.returncode == 0, created.stderr
    roster = "name,role,username\nDee,mentor,dee\nEd,mentee,ed\n"
    imported = school.ssh("adm", "import - --circle History", stdin=roster)
    assert imported.returncode == 0, imported.stderr
    listed = {c["name"]: c for c in json.loads(school.ssh("adm", "circles --json").stdout)}
    assert listed["History"]["members"] == 2 and listed["Maths"]["members"] == 2
    assert listed["Maths"]["last_session"] is None  # not even when its sessions were
    for request in ("goals --circle Maths --json", "export --circle Maths", "goals --member ana --plain"):
        result = school.ssh("adm", request)
        assert result.returncode != 0, (request, result.stdout)
        assert not any(secret in result.stdout + result.stderr for secret in SECRETS), request
    checked = school.ssh("adm", "check")
    assert checked.returncode == 0, checked.stderr
    assert_refused(school.ssh("ana", "check"), "only admins may")
    assert_refused(school.ssh("ana", "circles add Mine"), "only admins may")


def server_processes(home: Path, teacher: str) -> list[int]:
    """Processes running `circle --home HOME shell TEACHER` (the forced command) right now."""
    wanted = f"--home {home} shell {teacher}"
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if wanted in " ".join(part.decode(errors="replace") for part in argv):
            found.append(int(entry.name))
    return found


def open_home_screen(school: School, terminal, teacher: str, *request: str, size: tuple[int, int] = (100, 30)) -> None:
    argv = school.sshd.ssh_argv(school.keys[teacher], "-tt") + list(request)
    terminal.start(argv, {"TERM": "xterm-256color", "LANG": "C.UTF-8"}, *size)


def drop_connection(school: School, terminal, teacher: str) -> None:
    """Kill the ssh client outright, then wait for the server-side circle to be gone."""
    assert server_processes(school.home, teacher), "no server-side circle process was found"
    client = int(terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").stdout.strip())
    os.kill(client, signal.SIGKILL)
    deadline = time.monotonic() + GONE_SECONDS
    while time.monotonic() < deadline and server_processes(school.home, teacher):
        time.sleep(0.1)
    assert server_processes(school.home, teacher) == [], "circle kept running after the connection dropped"


def test_ssh_tt_opens_the_home_screen_and_a_circle_and_redraws_on_resize(school: School, terminal) -> None:
    open_home_screen(school, terminal, "ana")
    screen = terminal.wait_for("Your circles", "Maths")
    assert "Science" not in screen
    terminal.press("Enter")
    terminal.wait_for("Ana", "Ben", "mentor", "mentee")
    terminal.resize(130, 40)
    terminal.wait_for_match(r"^.{110,}\S")  # the screen is drawn again across the wider window
    terminal.press("Escape")  # arrives alone: told apart from a key sequence after ESCDELAY
    terminal.wait_for("Your circles")
    terminal.press("q")
    terminal.wait_for_exit()
    assert server_processes(school.home, "ana") == []


def test_at_a_phones_width_over_ssh_the_home_opens_goals_and_a_circle_names_ssh_commands(school: School,
                                                                                         terminal) -> None:
    open_home_screen(school, terminal, "ana", size=(50, 20))
    terminal.wait_for("Your circles", "Maths")
    terminal.press("Enter")
    notice = terminal.wait_for("needs at least 80x24", "q or esc: back")
    for command in ("ssh HOST watch maths --plain", "ssh -t HOST goals", "ssh HOST goals --plain"):
        assert command in notice
    terminal.press("Escape")
    terminal.wait_until_gone("needs at least")
    terminal.wait_for("Your circles")
    terminal.press("g")
    terminal.wait_for("Goals of Ana", SECRETS[0])
    terminal.press("q")
    terminal.wait_for_exit()
    assert server_processes(school.home, "ana") == []


def test_killing_the_ssh_client_ends_the_server_side_process(school: School, terminal) -> None:
    open_home_screen(school, terminal, "cy")
    terminal.wait_for("Science")
    drop_connection(school, terminal, "cy")


def test_a_session_cut_off_with_the_connection_is_resumed_next_time(school: School, terminal) -> None:
    from circle.store.repository import Repository

    open_home_screen(school, terminal, "ana", "run Maths")
    terminal.wait_for("2 of 2 present")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of")
    drop_connection(school, terminal, "ana")
    repo = Repository(school.home, "ana")
    latest = repo.get_session("maths", repo.latest_session_id("maths"))
    assert not latest.get("ended") and latest["created_by"] == "ana"
    terminal.close()
    open_home_screen(school, terminal, "ana", "run Maths")
    terminal.wait_for("did not end.", "Resume (y)")
    terminal.press("y")
    terminal.wait_for("Phase 1 of")
    terminal.press("C-q")  # a live session asks before it is left
    terminal.wait_for("Leave the session without ending it?")
    terminal.press("y")
    terminal.wait_for_exit()


def test_the_clients_environment_does_not_choose_the_home_or_the_teacher(school: School, tmp_path: Path) -> None:
    other = tmp_path / "other-home"
    argv = school.sshd.ssh_argv(school.keys["ana"], "-o", "SendEnv=CIRCLE_HOME CIRCLE_ACTOR") + ["circles --json"]
    env = {**os.environ, "CIRCLE_HOME": str(other), "CIRCLE_ACTOR": "cy"}
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert names(result) == ["Maths"]
    assert not other.exists()


def test_port_forwarding_is_refused_by_the_key_line(school: School) -> None:
    key = school.keys["ana"]
    remote = subprocess.run(school.sshd.ssh_argv(key, "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"),
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert remote.returncode != 0 and "forwarding failed" in remote.stderr, remote.stderr
    through = subprocess.run(school.sshd.ssh_argv(key, "-W", f"127.0.0.1:{school.sshd.port}"),
                             capture_output=True, text=True, timeout=120, input="")  # fmt: skip
    assert through.returncode != 0 and "forwarding failed" in through.stderr, through.stderr


def test_sftp_and_scp_get_no_files(school: School, tmp_path: Path) -> None:
    key, port = school.keys["ana"], str(school.sshd.port)
    common = ["-F", "/dev/null", "-i", str(key), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
              "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]  # fmt: skip
    target = school.sshd.ssh_argv(key)[-1]  # user@127.0.0.1
    listing = subprocess.run(["sftp", *common, "-P", port, "-b", "-", target], input=f"get {school.home}/teachers.json\n",
                             capture_output=True, text=True, timeout=120)  # fmt: skip
    assert listing.returncode != 0
    copied = tmp_path / "copied.json"
    for mode in ([], ["-O"]):  # the sftp protocol, and the legacy scp one
        result = subprocess.run(["scp", *mode, *common, "-P", port, f"{target}:{school.home}/teachers.json", str(copied)],
                                capture_output=True, text=True, timeout=120)  # fmt: skip
        assert result.returncode != 0 and not copied.exists(), mode


def test_every_command_takes_a_circles_short_name_and_hints_use_ssh_syntax(school: School) -> None:
    created = school.ssh("adm", "circles add 'Year 7 mentors'")
    assert created.returncode == 0, created.stderr
    assert "Add members with: ssh HOST import - --circle year-7-mentors < ROSTER.csv" in created.stdout
    assert "circle import" not in created.stdout
    roster = "name,role,username\nAna,mentor,ana\nCy,mentee,cy\n"
    assert school.ssh("adm", "import - --circle year-7-mentors", stdin=roster).returncode == 0
    assert "Year 7 mentors (year-7-mentors): 2 members" in school.ssh("ana", "circles --plain").stdout
    for request in ("goals --circle year-7-mentors --plain", "goals --circle year-7-mentors --json",
                    "goals add --circle year-7-mentors --title Y7-GOAL --json",
                    "circles facilitators year-7-mentors ana"):  # fmt: skip
        result = school.ssh("ana", request)
        assert result.returncode == 0, (request, result.stderr)
    goal = json.loads(school.ssh("cy", "goals add --circle year-7-mentors --title CY-GOAL --json").stdout)["id"]
    updated = school.ssh("cy", f"goals update {goal} --circle year-7-mentors --progress 10")
    assert updated.returncode == 0, updated.stderr
    hint = school.ssh("cy", "goals --circle year-7-mentors --member Ana --plain")
    assert "Y7-GOAL" in hint.stdout
    # No session yet: the refusal names the circle by its short name and no path of the server.
    for request in ("export --circle year-7-mentors", "export --circle no-such-circle", "run no-such-circle"):
        result = school.ssh("ana", request)
        assert result.returncode != 0 and str(school.home) not in result.stdout + result.stderr, result.stderr


def test_a_teacher_with_no_goals_is_hinted_the_ssh_command(school: School) -> None:
    assert school.ssh("adm", "circles add Empty").returncode == 0
    assert school.ssh("adm", "import - --circle empty", stdin="name,role,username\nCy,mentor,cy\n").returncode == 0
    empty = school.ssh("cy", "goals --circle empty --plain")
    assert "Add one with: ssh HOST goals add --circle empty --member Cy --title TEXT" in empty.stdout, empty.stdout


def test_over_ssh_a_teacher_is_offered_no_new_circle_demo_or_screenshot(school: School, terminal) -> None:
    open_home_screen(school, terminal, "ana")
    screen = terminal.wait_for("Your circles", "Maths", "Quit")
    assert "New circle" not in screen
    terminal.press("n")
    terminal.press("d")
    terminal.press("C-p")
    terminal.wait_for("Quit the application")  # the palette lists its commands
    terminal.press("S", "c", "r", "e", "e", "n")
    screen = terminal.wait_for("No matches found")  # Textual's "Screenshot" is left out over SSH
    assert "Screenshot" not in screen and "SVG" not in screen
    terminal.press("Escape")
    terminal.wait_until_gone("No matches found")
    terminal.press("q")
    terminal.wait_for_exit()
    assert not (school.home / "circles" / "demo-circle").exists()
