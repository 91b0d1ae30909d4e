"""`circle watch --plain`: a live session as one line per change, for screen readers and braille.

Each look at the session (a Follower's poll) is compared with the last: a line for a new
phase, speaker, prompt, change of hands, pause, a timer reaching its warning or zero, who
runs the session, the end and the goals achieved at the close. Lines come in a fixed order
and never carry a ticking number, so the same session always reads the same.
"""

from __future__ import annotations

import re
from typing import Callable, TextIO

from circle.domain.goals.goal import Goal, achieved_in
from circle.domain.session.engine import SessionEngine
from circle.domain.session.timer import TimerView, warning_threshold
from circle.errors import CircleError
from circle.live.follow import POLL_SECONDS, Follower


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # escape codes and line breaks in user text


def printable(line: str) -> str:
    """One line with nothing a terminal would act on: user text is never a command to it."""
    return _CONTROL.sub(" ", line)


def _seconds(seconds: float) -> str:
    whole = int(round(seconds))
    if whole < 60 or whole % 60:
        return f"{whole} seconds" if whole != 1 else "1 second"
    minutes = whole // 60
    return f"{minutes} minutes" if minutes != 1 else "1 minute"


def _timer_line(view: TimerView | None, who: str) -> tuple[str, str] | None:
    """(state, line) once a countdown is in its warning or past zero; None otherwise."""
    if view is None or view.total is None or view.state == "normal":
        return None
    if view.state == "warning":
        return "warning", f"{who}: {_seconds(warning_threshold(view.total))} left"
    return "overtime", f"{who}: time is up"


class PlainWatch:
    """Turns a follower's successive looks into lines: ``lines()`` after each poll."""

    def __init__(self, follower: Follower) -> None:
        self.follower = follower
        self._shown: dict[str, object] = {}

    def _say(self, key: str, value: object, line: str | None, out: list[str]) -> None:
        if self._shown.get(key, ...) != value:
            self._shown[key] = value
            if line:
                out.append(printable(line))

    def lines(self) -> list[str]:
        follower, out = self.follower, []
        self._say("session", follower.session_id,
                  f"Session {follower.session_id} of {follower.circle_name}" if follower.session_id else None, out)
        if follower.problem:
            self._say("problem", follower.problem, follower.problem, out)
        stage = follower.stage()
        engine = follower.engine
        if engine is None or engine.status == "checkin":
            self._say("stage", stage.text, stage.text, out)
            return out
        self._stage_lines(engine, out)
        self._say("stage", stage.text, stage.text, out)
        return out

    def _stage_lines(self, engine: SessionEngine, out: list[str]) -> None:
        names = {m.id: m.name for m in engine.members}
        phase, index = engine.phase, engine.phase_index
        self._say("phase", index, f"Phase {index + 1} of {len(engine.plan.phases)}: {phase.title}", out)
        self._say("paused", engine.status == "paused",
                  "Paused" if engine.status == "paused" else ("Running" if "paused" in self._shown else None), out)
        speaker = engine.speaker
        self._say("speaker", (index, speaker),
                  f"Speaker: {names.get(speaker, speaker)}" if speaker else
                  ("Nobody is speaking" if phase.turns != "none" else None), out)
        prompt = engine.prompt
        if prompt is not None:
            detail = f" ({prompt.detail})" if prompt.detail else ""
            self._say("prompt", (index, prompt.id), f"Prompt: {prompt.text}{detail}", out)
        hands = tuple(engine.hands)
        if phase.turns == "open":
            self._say("hands", (index, hands), "Hands up: " + ", ".join(names.get(h, h) for h in hands)
                      if hands else "No hands up", out)
        said = _timer_line(engine.phase_timer, "Phase time")
        self._say("phase_timer", (index, said[0] if said else None), said[1] if said else None, out)
        said = _timer_line(engine.speaker_timer, names.get(speaker or "", "Speaker"))
        self._say("speaker_timer", (index, speaker, said[0] if said else None), said[1] if said else None, out)
        if phase.kind == "close" or engine.status == "ended":
            self._achieved(names, out)
        if engine.status == "ended":
            self._say("ended", True, "The session has ended", out)

    def _achieved(self, names: dict[str, str], out: list[str]) -> None:
        follower = self.follower
        try:
            goals = [Goal.from_dict(raw) for raw in follower.repo.list_goals(follower.slug)]
        except CircleError:
            return
        achieved = tuple(f"{g.title} ({names.get(g.member, g.member)})"
                         for g in achieved_in(goals, str(follower.session_id)))
        self._say("achieved", achieved, "Goals achieved this session: " + "; ".join(achieved)
                  if achieved else None, out)


def watch_plain(follower: Follower, out: TextIO, *, sleep: Callable[[float], None],
                stop: Callable[[], bool], interval: float = POLL_SECONDS) -> None:
    """Print a line per change until stop() says so; each line flushed as it comes."""
    watch = PlainWatch(follower)
    while True:
        follower.poll()
        for line in watch.lines():
            out.write(line + "\n")
        out.flush()
        if stop():
            return
        sleep(interval)
