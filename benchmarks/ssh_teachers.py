"""Thirty teachers on one school server at once, each with the home screen open over SSH.

A real sshd on 127.0.0.1 (the end-to-end tests' own, with a host key and config made
for the run), a home with 30 registered teachers in 6 circles, and the real ssh client
with -tt in a pseudo-terminal per teacher. Measured:

- login to first frame: from spawning ``ssh -tt`` until the home screen's circle name
  is drawn, against ``circle home`` started locally in a pseudo-terminal the same way
  (runs alternate, so a busy machine touches both alike); p50 and p95;
- circle's own share of the login: login to first frame less a login running `true`
  (below), p50, against the local start's p50: target ratio 1.1. The login itself
  (key exchange, sshd's session, the account's shell) is OpenSSH's, and costs on this
  machine about as much as circle's whole start: no change to circle could shorten it;
- the same with connection sharing (``ControlMaster``/``ControlPersist``, as docs/school-server.md
  suggests in a teacher's ~/.ssh/config): a master connection per teacher is opened first,
  untimed, and the login to first frame runs over it, as does the `true` login;
- total CPU of the 30 server-side circle processes while the screens sit idle, as a
  share of one core (target at most 10%);
- the resident memory of each (VmRSS; target at most 60 MiB).

The floor of any login is timed too: a key of the administrator's own (a line outside
circle's block, with the same `restrict,pty` as a teacher's) whose forced command is
`true`, logged in with -tt like the teachers; it costs the handshake, sshd's session and
its terminal, and the account's login shell (which reads the account's shell start-up files).

With --service-account (as root) the server side runs as a real school server's
would: a throwaway system account with /bin/sh and no start-up files, owning the data
home, with circle installed for it in its own virtual environment from this checkout
(the account is removed at the end, whatever happens). Without it, the logins are
as the user running the benchmark.

    python benchmarks/ssh_teachers.py [--teachers 30] [--seconds 30] [--service-account]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))

from pseudo_terminal import CLOCK_TICKS, PseudoTerminalProcess, terminal_env  # noqa: E402
from sshd_server import Sshd, make_key  # noqa: E402

SHARE_TARGET = 1.1  # circle's share of the login (login less a `true` login) against a local start
CPU_TARGET = 0.10  # of one core, for all the screens together
RSS_TARGET_MIB = 60
PER_CIRCLE = 5
SETTLE_SECONDS = 3.0
CIRCLE = Path(sys.executable).parent / "circle"


class ServiceAccount:
    """A throwaway system account and a circle installed where it can run it (root only)."""

    def __init__(self, folder: Path) -> None:
        self.name = f"circlebench{os.getpid()}"
        self.folder = folder
        self.circle = folder / "venv" / "bin" / "circle"
        self.created = False

    def create(self) -> None:
        os.chmod(self.folder, 0o755)  # the account must reach its venv and home in here
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(self.folder / "venv")], check=True, timeout=300)
        subprocess.run([str(self.folder / "venv" / "bin" / "pip"), "install", "-q", str(HERE.parent)],
                       check=True, timeout=900)  # fmt: skip
        # Password "*": none that works, yet not "locked" ("!"), which sshd without PAM refuses.
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", str(self.folder / "account"),
                        "--shell", "/bin/sh", "--password", "*", self.name], check=True, timeout=60)  # fmt: skip
        self.created = True

    def own(self, *paths: Path) -> None:
        for path in paths:
            subprocess.run(["chown", "-R", f"{self.name}:{self.name}", str(path)], check=True, timeout=120)

    def run_as(self, argv: list[str]) -> list[str]:
        return ["setpriv", f"--reuid={self.name}", f"--regid={self.name}", "--init-groups", *argv]

    def remove(self) -> None:
        if self.created:
            subprocess.run(["userdel", self.name], check=False, timeout=60)


def build(folder: Path, count: int, command: Path = CIRCLE) -> tuple[Path, Path, dict[str, Path], dict[str, str]]:
    """The home, its authorized_keys, each teacher's key and the circle each is in."""
    from circle.store.repository import Repository

    home, authorized = folder / "home", folder / "authorized_keys"
    repo = Repository(home, "setup")  # no teachers yet: filled as on a laptop
    keys, circle_of = {}, {}
    for index in range(count):
        name = f"teacher{index:02d}"
        circle = f"Circle {index // PER_CIRCLE + 1}"
        if index % PER_CIRCLE == 0:
            repo.create_circle(circle)
        repo.add_member(circle, name.title(), role="mentor" if index % PER_CIRCLE == 0 else "mentee", username=name)
        keys[name] = make_key(folder / name)
        circle_of[name] = circle
    env = {**os.environ, "CIRCLE_AUTHORIZED_KEYS": str(authorized)}
    for name, key in keys.items():
        subprocess.run([str(command), "--home", str(home), "teachers", "add", name, "--key", f"{key}.pub"],
                       check=True, capture_output=True, env=env, timeout=120)  # fmt: skip
    floor = make_key(folder / "floor")
    with open(authorized, "a", encoding="ascii") as lines:
        lines.write(f'restrict,pty,command="true" {(folder / "floor.pub").read_text().strip()}\n')
    keys["floor"] = floor
    return home, authorized, keys, circle_of


def sharing(folder: Path, name: str) -> list[str]:
    """ssh options that run a login over the teacher's master connection (opened by open_master)."""
    return ["-o", f"ControlPath={folder / ('cm-' + name)}", "-o", "ControlMaster=no"]


def open_master(sshd: Sshd, key: Path, folder: Path, name: str) -> None:
    """A master connection kept open in the background, as ControlMaster auto/ControlPersist leave one."""
    argv = sshd.ssh_argv(key, "-o", f"ControlPath={folder / ('cm-' + name)}", "-o", "ControlMaster=yes",
                         "-o", "ControlPersist=600", "-N", "-f")  # fmt: skip
    subprocess.run(argv, check=True, capture_output=True, timeout=120)


def close_master(sshd: Sshd, key: Path, folder: Path, name: str) -> None:
    argv = sshd.ssh_argv(key, "-o", f"ControlPath={folder / ('cm-' + name)}", "-O", "exit")
    subprocess.run(argv, capture_output=True, timeout=120)


def login_floor(sshd: Sshd, key: Path, *options: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(sshd.ssh_argv(key, "-tt", *options), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"the floor login failed ({done.returncode}): {done.stderr.strip()}\n"
                         f"sshd's log ends:\n{sshd.log.read_text(errors='replace')[-1500:]}")
    return time.perf_counter() - started


def start_locally(argv: list[str], text: str) -> float:
    """`circle home` started in a pseudo-terminal: seconds to its first frame (text drawn)."""
    local = PseudoTerminalProcess(argv, terminal_env())
    try:
        return local.wait_for(text)
    finally:
        local.stop()


def server_pids(home: Path) -> list[int]:
    """The server-side circle processes (the forced command) of this run."""
    wanted = f"--home {home} shell "
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if wanted in argv and "python" in argv:
                found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=30)
    parser.add_argument("--sshd-option", action="append", default=[], metavar="LINE",
                        help="one more sshd_config line, e.g. 'KexAlgorithms curve25519-sha256' (repeatable)")
    parser.add_argument("--seconds", type=float, default=30.0, help="the idle stretch measured")
    parser.add_argument("--service-account", action="store_true",
                        help="log in as a throwaway system account with /bin/sh (needs root)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        folder = Path(tmp)
        account = ServiceAccount(folder) if args.service_account else None
        try:
            return run(args, folder, account)
        finally:
            if account is not None:
                account.remove()


def run(args: argparse.Namespace, folder: Path, account: ServiceAccount | None) -> int:
    circle = account.circle if account is not None else CIRCLE
    if account is not None:
        account.create()
    home, authorized, keys, circle_of = build(folder, args.teachers, circle)
    if account is not None:
        account.own(home, authorized)

    def local_argv(name: str) -> list[str]:
        argv = [str(circle), "--home", str(home), "--actor", name, "home"]
        return account.run_as(argv) if account is not None else argv

    sshd = Sshd(folder, authorized, user=account.name if account is not None else "", options=args.sshd_option)
    sshd.start()
    screens: list[PseudoTerminalProcess] = []
    local_times, ssh_times, floor_times = [], [], []
    shared_times, shared_floor_times, shared_local_times = [], [], []  # the second pass: its own local starts
    floor = keys.pop("floor")
    masters = ["floor"]
    env = {k: v for k, v in terminal_env().items() if k != "COLORTERM"}  # as over the internet
    try:
        for name, key in keys.items():
            floor_times.append(login_floor(sshd, floor))
            local_times.append(start_locally(local_argv(name), circle_of[name]))
            remote = PseudoTerminalProcess(sshd.ssh_argv(key, "-tt"), env)
            screens.append(remote)  # stays open: the next logins meet a busier server
            ssh_times.append(remote.wait_for(circle_of[name]))
        time.sleep(SETTLE_SECONDS)
        pids = server_pids(home)
        before = {pid: cpu_seconds(pid) for pid in pids}
        started = time.monotonic()
        time.sleep(args.seconds)
        wall = time.monotonic() - started
        used = sum(cpu_seconds(pid) - before[pid] for pid in pids)
        rss = [rss_mib(pid) for pid in pids]
        for screen in screens:
            screen.stop()
        screens.clear()
        # Every teacher's master connection first, as each teacher's first login of the day
        # leaves one; the logins timed then run over them.
        open_master(sshd, floor, folder, "floor")
        for name, key in keys.items():
            open_master(sshd, key, folder, name)
            masters.append(name)
        time.sleep(SETTLE_SECONDS)
        for name, key in keys.items():
            shared_floor_times.append(login_floor(sshd, floor, *sharing(folder, "floor")))
            shared_local_times.append(start_locally(local_argv(name), circle_of[name]))
            remote = PseudoTerminalProcess(sshd.ssh_argv(key, "-tt", *sharing(folder, name)), env)
            try:
                shared_times.append(remote.wait_for(circle_of[name]))
            finally:
                remote.stop()
    finally:
        for screen in screens:
            screen.stop()
        for name in masters:
            close_master(sshd, keys.get(name, floor), folder, name)
        sshd.stop()

    who = f"as the system account {account.name} (/bin/sh)" if account is not None else "as the user running this"
    local = statistics.median(local_times)
    print(f"{args.teachers} teachers logged in {who}; home screen over ssh -tt vs circle home started locally:")
    for label, remote, here in (("p50", statistics.median(ssh_times), local),
                                ("p95", percentile(ssh_times, 0.95), percentile(local_times, 0.95))):
        print(f"  login to first frame {label}: {remote * 1000:6.0f} ms vs {here * 1000:6.0f} ms: "
              f"ratio {remote / here:.2f}")
    own = statistics.median(ssh_times) - statistics.median(floor_times)
    print(f"  a login running `true`: p50 {statistics.median(floor_times) * 1000:.0f} ms, "
          f"p95 {percentile(floor_times, 0.95) * 1000:.0f} ms")
    print(f"  circle's own share (login to first frame less that login), p50: {own * 1000:.0f} ms "
          f"vs a local start {local * 1000:.0f} ms: ratio {own / local:.2f}")
    shared_own = statistics.median(shared_times) - statistics.median(shared_floor_times)
    shared_local = statistics.median(shared_local_times)
    print(f"  over a shared connection (ControlPersist, every master opened first): login to first frame p50 "
          f"{statistics.median(shared_times) * 1000:.0f} ms, p95 {percentile(shared_times, 0.95) * 1000:.0f} ms, "
          f"vs a local start {shared_local * 1000:.0f} ms in the same pass: ratio "
          f"{statistics.median(shared_times) / shared_local:.2f}; `true` over it p50 "
          f"{statistics.median(shared_floor_times) * 1000:.0f} ms; circle's share {shared_own * 1000:.0f} ms "
          f"(ratio {shared_own / shared_local:.2f})")
    share = used / wall
    ok = own / local <= SHARE_TARGET
    ok &= share <= CPU_TARGET and len(pids) == args.teachers and max(rss) <= RSS_TARGET_MIB
    print(f"  {len(pids)} server-side circle processes idle for {wall:.1f} s: {used:.2f} s CPU = {share:.2%} of one core")
    print(f"  RSS each: median {statistics.median(rss):.1f} MiB, max {max(rss):.1f} MiB")
    print(f"targets: circle's share <= {SHARE_TARGET} x a local start, CPU <= {CPU_TARGET:.0%} of one core, "
          f"RSS <= {RSS_TARGET_MIB} MiB: {'ok' if ok else 'NOT MET'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
