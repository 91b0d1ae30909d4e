"""Memory over a long session in real use: RSS after 2,000 actions against after 100.

What is compared, and why that is fair:
- ``circle run`` runs as a user starts it, in a pseudo-terminal (120x40: the live airtime
  chart shows) with the real clock, on a circle of 20 members (two mentors), each with a
  goal. Everyone is checked in and the session started (community-60, the default plan);
  then the timers run and ring as they would in a room.
- The facilitator's part is played at a stated pace: a key every 0.12 s, or, when the app
  is still writing the last key's frame, as soon as it has written it (a human waits for
  the screen too). Faster than a person, so a session's worth of keys takes minutes.
- Every kind of key of the session key table goes in, in a cycle through the plan's
  phases (90 to 110 keys a cycle): next speaker, pass, back, speaker minutes (> <),
  phase minutes (+ -), pause and resume, a note (t, with its text typed), hands raised
  and lowered (h, with the member picked), prompts drawn and brought back (d, D), an early
  leaver and the same member back as a late arrival (l, j), the goals phase's goal
  edits (g, then progress with a note, escape), next and previous phase (] [), and the
  dialogs for a hand-off (o), ending (e) and help (?) opened and closed again (a real
  hand-off or end would end the driving). Moves of the floor are undone with back before
  the phase is left, so each next speaker, pass and back applies and is logged: the
  events logged are printed.
- One action is one key, counting the keys typed into a dialog (a note's text is one).
- Memory is the app process's resident set (VmRSS in /proc/PID/status), read from
  outside after the app has written nothing for half a second, at the same points of
  every run: after 100 actions (start-up done, a first cycle through the phases, every
  dialog opened once) and after all of them. Nothing is collected or trimmed by the
  benchmark: what a user's machine holds is what is read. Readings in between show the
  slope.

    python benchmarks/memory_in_terminal.py [--actions 2000] [--pace 0.12] [--size 120x40]   # about 5 minutes

Target: RSS after 2,000 actions at most 1.1 times after 100.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

TARGET = 1.1
EARLY = 100  # actions before the first reading
CIRCLE_NAME = "Big Circle"
MEMBERS = 20
RUNNING_MARKER = "Positive opener"  # the first phase's title, shown once the session runs
QUIET = 0.5  # seconds without output before RSS is read
DOWN, ESCAPE, ENTER = "\x1b[B", "\x1b", "\r"
ESCAPE_SETTLE = 0.3  # seconds: Textual takes a lone escape as the escape key after 0.1 s without more


def seed(home: Path) -> str:
    """A circle of 20 members, each with a goal; the first member's name (check-in shows it)."""
    from circle.domain.goals.goal import new_goal
    from circle.store.repository import Repository

    repo = Repository(home, "bench")
    slug = repo.create_circle(CIRCLE_NAME, "Twenty teachers")["slug"]
    names = [f"Teacher {n + 1:02d}" for n in range(MEMBERS)]
    for n, name in enumerate(names):
        member = repo.add_member(slug, name, role="mentor" if n < 2 else "peer", experience="veteran")
        goal = new_goal(member.id, f"Goal of {name}", at=repo.clock.now(), by=repo.actor, measure="Three lessons")
        repo.add_goal(slug, goal.to_dict())
    return names[0]


def events_logged(home: Path) -> int:
    from circle.store.repository import Repository

    repo = Repository(home, "bench")
    slug = repo.get_circle(CIRCLE_NAME)["slug"]
    return len(repo.recent_sessions(slug)[-1].events)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class Done(Exception):
    """All the actions asked for are done."""


class Facilitator:
    """Presses keys at the pace, counting actions, and reads RSS at the points asked."""

    def __init__(self, app: PseudoTerminalProcess, pace: float, readings: list[int]) -> None:
        self.app, self.pace = app, pace
        self.actions = 0
        self.limit = max(readings)
        self.readings = readings  # action counts at which RSS is read
        self.rss: dict[int, float] = {}
        self._next_slot = time.monotonic()

    def key(self, keys: str, shows: str | None = None) -> None:
        """One action; ``shows``: wait until the app has written this (a dialog's title)."""
        self.app.wait_quiet(0.02, timeout=5)  # the last key's frame is written
        left = self._next_slot - time.monotonic()
        if left > 0:
            time.sleep(left)
        mark = self.app.mark()
        self.app.send(keys)
        self._next_slot = time.monotonic() + self.pace
        if shows is not None:
            self.app.wait_for(shows, timeout=30, after=mark)
        elif keys == ESCAPE:  # a lone escape is told from the start of a key's sequence by the pause after it
            time.sleep(ESCAPE_SETTLE)
        self.actions += 1
        if self.actions in self.readings:
            self.app.wait_quiet(QUIET)
            self.rss[self.actions] = rss_mib(self.app.process.pid)
        if self.actions >= self.limit:
            raise Done

    def pick(self, key: str, title: str, downs: int) -> None:
        """A key whose dialog lists members: the one ``downs`` rows down is picked."""
        self.key(key, title)
        for _ in range(downs):
            self.key(DOWN)
        self.key(ENTER)

    def round_block(self, cycle: int) -> None:
        """Four moves of the floor (three next speakers and a pass), undone again with back."""
        for keys in ("n", "n", " ", " ", ">", "<", "+", "-"):
            self.key(keys)
        self.key("t", "Note for")
        if cycle % 2:
            self.key("\x0f")  # ctrl+o: a commitment, not a point
        self.key(f"said in cycle {cycle}\r")
        for keys in ("n", "p", "b", "b", "b", "b"):
            self.key(keys)

    def open_block(self, cycle: int) -> None:
        """Hands raised, the floor given to them, prompts drawn; a member leaves and comes back."""
        first, second = cycle % 5, 5 + cycle % 5
        self.pick("h", "whose hand", first)
        self.pick("h", "whose hand", second)
        self.key("n")
        self.key("d")
        self.key("n")
        if cycle:
            self.key("D")
        self.pick("h", "whose hand", first)  # raised, then lowered again
        self.pick("h", "whose hand", first)
        self.pick("l", "Who is leaving?", cycle % 8)
        self.pick("j", "Who has arrived?", 0)  # the only one absent

    def goals_block(self, cycle: int) -> None:
        """The next speaker's goal: progress with a note; then back to the speaker before."""
        self.key("n")
        self.key("g")
        self.key("p", "Progress on")
        self.key(ENTER)  # the percentage stays; on to the note
        self.key(f"progress in cycle {cycle}\r")
        self.key(ESCAPE)
        self.key("b")

    def dialogs(self) -> None:
        """Hand-off, end and help: each opened and closed."""
        self.key("o", "Hand the session to whom?")
        self.key(ESCAPE)
        self.key("e", "End the session now?")
        self.key(ESCAPE)
        self.key("?", "Keys: ")
        self.key(ESCAPE)

    def cycle(self, cycle: int) -> None:
        self.round_block(cycle)
        self.key("]")
        self.round_block(cycle)
        self.key("]")
        self.open_block(cycle)
        self.key("]")
        self.goals_block(cycle)
        self.key("]")
        self.round_block(cycle)
        self.dialogs()
        for _ in range(4):
            self.key("[")

    def run(self) -> None:
        cycle = 0
        try:
            while True:
                self.cycle(cycle)
                cycle += 1
        except Done:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=2000, help="actions in the session (default 2000)")
    parser.add_argument("--pace", type=float, default=0.12, help="seconds between keys at least (default 0.12)")
    parser.add_argument("--size", default="120x40", metavar="WxH", help="terminal size (default 120x40)")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    readings = sorted({EARLY, *range(250, args.actions, 250), args.actions})
    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        home = Path(tmp) / "home"
        first = seed(home)
        app = PseudoTerminalProcess([sys.executable, "-m", "circle", "run", CIRCLE_NAME],
                                    terminal_env({"CIRCLE_HOME": str(home)}), width, height)  # fmt: skip
        facilitator = Facilitator(app, args.pace, readings)
        started = time.monotonic()
        try:
            app.wait_for(first)  # check-in
            app.send(ENTER)  # everyone checked in: the session runs
            app.wait_for(RUNNING_MARKER)
            facilitator.run()
        finally:
            app.stop()
        minutes = (time.monotonic() - started) / 60
        logged = events_logged(home)
    rss = facilitator.rss
    early, late = rss[EARLY], rss[max(rss)]
    print(f"circle run, {MEMBERS} members, {width}x{height}, real clock: {facilitator.actions} actions "
          f"(a key every {args.pace} s at least) in {minutes:.1f} min, {logged} events logged")
    print("  RSS, MiB: " + ", ".join(f"{n}: {mib:.1f}" for n, mib in sorted(rss.items())))
    slope = (late - early) * 1024 / max(1, max(rss) - EARLY)
    ratio = late / early
    print(f"  RSS after {EARLY} actions {early:.1f} MiB, after {max(rss)} {late:.1f} MiB: ratio {ratio:.2f} "
          f"(target <= {TARGET}); {slope:+.1f} KiB an action in between")
    met = ratio <= TARGET
    print("target met" if met else "target NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
