"""A first-time facilitator runs the whole community-60 demo session at 80x24 knowing no key:
each key is found on the screen (a hint, the footer), and failing that in the key help,
reached from the footer's "more". The test fails if a key it needs is nowhere on screen,
and if the walk needed the help more than once."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from conftest import CIRCLE, POLL_SECONDS, WAIT_SECONDS, Terminal, circle_env, run_circle

from circle.store.repository import Repository

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 80, 24
LOOK_SECONDS = 2.0  # how long a person reads the footer before turning to the help
SPEAKER = re.compile(r"^\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)'s turn", re.MULTILINE)
# What a key looks like on screen, and how tmux sends it.
TMUX_KEYS = {"⏎": "Enter", "enter": "Enter", "space": "Space", "esc": "Escape", "tab": "Tab"}
HELP_ROW = re.compile(r"█\s+(?P<key>\S+(?:, \S+)*)\s{2,}(?P<does>\S.*?)\s*(?:[▁▂▃▄▅▆▇█]{2})?\s*█$")


def tmux_key(shown: str) -> str:
    """The tmux name of a key as the screen shows it ("^q" is ctrl+q, "⏎" is enter)."""
    if shown in TMUX_KEYS:
        return TMUX_KEYS[shown]
    if shown.startswith("^") and len(shown) == 2:
        return f"C-{shown[1]}"
    return shown


class FirstTimer:
    """A facilitator who knows only what the screen shows."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.helps: list[str] = []  # what the help was opened for
        self.found: dict[str, str] = {}  # what each key was found for, and where

    def footer_key(self, label: str) -> str | None:
        """The key the footer shows with this label, if it shows it."""
        # Every screen's footer ends with the way to the help; it comes a frame after the rest.
        footer = self.terminal.wait_for_match(r"^.* more\b.*$(?![\s\S]*\S)")[0]
        found = re.search(rf"(?:^|\s)(\S+) {re.escape(label)}(?=\s|$)", footer)
        return found.group(1) if found else None

    def key_for(self, label: str, does: str) -> str:
        """The key for an action: from the footer by its label, else from the help by what it does."""
        deadline = time.monotonic() + LOOK_SECONDS
        shown = self.footer_key(label)
        while shown is None and time.monotonic() < deadline:  # the footer follows a frame later
            time.sleep(POLL_SECONDS)
            shown = self.footer_key(label)
        if shown is not None:
            self.found[label] = f"footer: {shown}"
            return tmux_key(shown)
        shown = self.from_help(does)
        self.found[label] = f"help: {shown}"
        return tmux_key(shown)

    def from_help(self, does: str) -> str:
        more = self.footer_key("more")
        assert more is not None, f"no way to the key help in the footer\n{self.terminal.screen()}"
        self.helps.append(does)
        self.terminal.press(tmux_key(more))
        screen = self.terminal.wait_for("Keys:", "esc closes")
        for _ in range(20):
            for line in screen.splitlines():
                row = HELP_ROW.search(line)
                if row and row["does"].startswith(does):
                    self.terminal.press("Escape")
                    self.terminal.wait_until_gone("esc closes")
                    return row["key"].split(", ")[0]
            self.terminal.press("PageDown")
            screen = self.wait_changed(screen)
            if "esc closes" not in screen:
                break
        raise AssertionError(f"no key that does {does!r} in the help\n{screen}")

    def wait_changed(self, before: str) -> str:
        deadline = time.monotonic() + 2.0  # the end of the list: nothing changes
        screen = before
        while time.monotonic() < deadline and screen == before:
            time.sleep(POLL_SECONDS)
            screen = self.terminal.screen()
        return screen

    def hinted(self, pattern: str) -> str:
        """A key a line on the screen names (e.g. "Round complete: ] goes on to ...")."""
        found = self.terminal.wait_for_match(pattern)
        return tmux_key(found["key"])

    def press(self, key: str) -> None:
        self.terminal.press(key)

    def speaker(self) -> str | None:
        found = SPEAKER.search(self.terminal.screen())
        return found["name"] if found else None

    def round_to_the_end(self, then: str) -> str:
        """Next speaker until the round is complete; the key the status line names to go on."""
        for _ in range(12):
            screen = self.terminal.screen()
            if "Round complete" in screen:
                return self.hinted(rf"Round complete: (?P<key>\S+) {then}")
            before = self.speaker()
            self.press(self.key_for("Next", "Next speaker"))
            self.wait_for_progress(before)
        raise AssertionError(f"the round never said it was complete\n{self.terminal.screen()}")

    def wait_for_progress(self, before: str | None) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            screen = self.terminal.screen()
            if "Round complete" in screen or self.speaker() != before:
                return
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"next speaker changed nothing\n{self.terminal.screen()}")


def test_a_first_timer_runs_the_whole_session_from_what_the_screens_show(terminal: Terminal,
                                                                         scratch_home: Path) -> None:
    terminal.start([str(CIRCLE), "demo"], circle_env(scratch_home), WIDTH, HEIGHT)
    terminal.wait_for("Check-in: Demo Circle", "enter starts", "Start")
    me = FirstTimer(terminal)
    # Grace, last on the list, is late today.
    terminal.press("Down", "Down", "Down", "Down")
    me.press(me.key_for("Present/absent", "Mark present or absent"))
    terminal.wait_for("4 of 5 present")
    me.press(me.key_for("Start", "Start the session"))

    # 1. Positive opener: a round, and Grace arrives (the footer has no room for that key).
    terminal.wait_for("Phase 1 of 5: Positive opener")
    me.press(me.key_for("Join", "A late arrival joins"))
    terminal.wait_for("Grace Mensah", "enter picks")
    me.press("Enter")
    terminal.wait_until_gone("enter picks")
    me.press(me.round_to_the_end("goes on to"))

    # 2. Challenge sharing: the first speaker passes and speaks at the end of the round.
    terminal.wait_for("Phase 2 of 5: Challenge sharing")
    first = me.speaker()
    me.press(me.key_for("Pass", "Pass"))
    terminal.wait_for_match(rf"Passed\s+{first}")
    me.press(me.round_to_the_end("goes on to"))

    # 3. Open-ended questions: a prompt drawn, a hand raised and given the floor.
    terminal.wait_for("Phase 3 of 5: Open-ended questions")
    me.press(me.hinted(r"press (?P<key>\S+) to draw a prompt"))
    terminal.wait_for("Prompt 1")
    me.press(me.key_for("Hand", "Raise or lower a hand"))
    terminal.wait_for("Raise or lower whose hand?", "enter picks")
    me.press("Enter")
    terminal.wait_until_gone("enter picks")
    me.press(me.key_for("Next", "Next speaker"))
    terminal.wait_for("Has the floor")
    me.press(me.key_for("Phase▶", "Next phase"))

    # 4. SMART goal updates: the speaker's progress logged from the goals card.
    terminal.wait_for("Phase 4 of 5: SMART goal updates")
    owner = me.speaker()
    me.press(me.key_for("Goals", "Edit the speaker's goals"))
    terminal.wait_for("EDITING")
    me.press(me.key_for("Progress", "Log progress"))
    terminal.wait_for("Progress on:", "enter: next field, then save")
    terminal.press("6", "0", "Enter")  # the prefilled percentage is selected: typing replaces it
    # Typed in one burst with a typo put right, as a lagging SSH link delivers it.
    terminal.tmux("send-keys", "-t", "e2e", *"Tried it in 3 lessosn", "BSpace", "BSpace", "n", "s", "Enter")
    terminal.wait_for("60%")
    me.press(me.key_for("Session keys", "Back to the session keys"))
    terminal.wait_until_gone("EDITING")
    me.press(me.round_to_the_end("goes on to"))

    # 5. Positive close, then the end and the summary.
    terminal.wait_for("Phase 5 of 5: Positive close")
    me.press(me.round_to_the_end("ends the session"))
    me.press(me.hinted(r"End \((?P<key>\S+)\)"))
    terminal.wait_for("Session summary: Demo Circle")
    me.press(me.key_for("Close", "Close the summary"))
    terminal.wait_for_exit()

    assert len(me.helps) <= 1, f"the help was needed for {me.helps}; keys found: {me.found}"
    export = json.loads(run_circle(scratch_home, "export", "latest", "--circle", "Demo Circle",
                                   "--format", "json").stdout)
    assert export["plan"] == "community-60" and export["ended"] is not None
    kinds = [event["type"] for event in export["events"]]
    for kind in ("start", "pass", "draw_prompt", "next_phase", "end"):
        assert kind in kinds, kind
    assert kinds.count("next_phase") == 4
    names = {member["id"]: member["name"] for member in export["members"]}
    assert [names[member] for member in export["joined_late"]] == ["Grace Mensah"]
    progress = [change for change in export.get("goal_changes", []) if change.get("change") == "progress"]
    assert progress and names[progress[0]["member"]] == owner, export.get("goal_changes")
    assert progress[0]["percent"] == 60, progress
    goals = json.dumps(Repository(scratch_home, "tester").list_goals("demo-circle"))
    assert "Tried it in 3 lessons" in goals and "lessosn" not in goals
