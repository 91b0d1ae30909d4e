"""`circle watch --plain`: a live session as one line per change, for screen readers and braille.

The first look says how the session stands: its phase, who speaks, the prompt, the hands.
From then on every event the follower reads is taken in turn, in the log's order, with
the session as it stood just after it: a line for each change it made (a new phase,
speaker, pass, prompt, hands, pause, the end), however many events came between two
looks. After each look: a timer reaching its warning or zero, who runs the session, the
goals achieved at the close. Lines never carry a ticking number, so the same session
always reads the same.
"""

from __future__ import annotations

import re
from typing import Callable, TextIO

from circle.domain.goals.goal import Goal, achieved_in
from circle.domain.session import events as ev
from circle.domain.session.engine import SessionEngine
from circle.domain.session.events import Event
from circle.domain.session.timer import TimerView, warning_threshold
from circle.errors import CircleError
from circle.live.follow import POLL_SECONDS, Follower


_TURNS = (ev.NEXT_SPEAKER, ev.BACK, ev.PASS)  # events that give the floor: the speaker is said
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


def _names(engine: SessionEngine) -> dict[str, str]:
    return {m.id: m.name for m in engine.members}


class PlainWatch:
    """Turns a follower's session into lines: ``lines()`` after each poll."""

    def __init__(self, follower: Follower) -> None:
        self.follower = follower
        self._shown: dict[str, object] = {}
        self._heard: list[str] = []  # lines of the events read since the last look
        self._looked = False  # after the first look, every event read has its lines
        follower.listeners.append(self._hear)

    def _say(self, key: str, value: object, line: str | None, out: list[str], *, again: bool = False) -> None:
        if again or self._shown.get(key, ...) != value:
            self._shown[key] = value
            if line:
                out.append(printable(line))

    def _session_line(self, out: list[str]) -> None:
        follower = self.follower
        if self._shown.get("session", ...) != follower.session_id:
            self._shown = {}  # another session: all it says is news
        self._say("session", follower.session_id,
                  f"Session {follower.session_id} of {follower.circle_name}" if follower.session_id else None, out)

    def lines(self) -> list[str]:
        follower, out = self.follower, []
        self._session_line(out)
        out.extend(self._heard)
        self._heard.clear()
        if follower.problem:
            self._say("problem", follower.problem, follower.problem, out)
        engine = follower.engine
        if engine is not None and engine.status != "checkin":
            if not self._looked:
                self._state_lines(engine, out)  # how it stands, not the story so far
            self._timer_lines(engine, out)
            if engine.phase.kind == "close" or engine.status == "ended":
                self._achieved(_names(engine), out)
        self._looked = True
        stage = follower.stage()
        # The end has its own line, said once: the stage does not say it again.
        self._say("stage", stage.text, None if follower.ended else stage.text, out)
        return out

    def _hear(self, engine: SessionEngine, event: Event) -> None:
        """The lines of one event just read, with the engine as it stands just after it."""
        if not self._looked:
            return  # the first look says how the session stands instead
        out = self._heard
        self._session_line(out)
        if engine.status == "checkin":
            return
        name = _names(engine).get(event.member or "", event.member)
        if event.type == ev.PASS:
            out.append(printable(f"{name} passed" + (": out of this round" if event.data.get("out") else "")))
        elif event.type == ev.CHECK_IN and event.phase is not None:
            out.append(printable(f"{name} joined" if event.data.get("present", True) else f"{name} left"))
        self._state_lines(engine, out, turn=event.type in _TURNS)
        self._timer_lines(engine, out)

    def _state_lines(self, engine: SessionEngine, out: list[str], *, turn: bool = False) -> None:
        """A line for each part of the session's state that changed since it was last said.

        turn: a turn was taken or given up, so the speaker is said even if it is the same one.
        An ended session is only that: who would speak in it is no news.
        """
        if engine.status == "ended":
            self._say("ended", True, "The session has ended", out)
            return
        names = _names(engine)
        phase, index = engine.phase, engine.phase_index
        self._say("phase", index, f"Phase {index + 1} of {len(engine.plan.phases)}: {phase.title}", out)
        self._say("paused", engine.status == "paused",
                  "Paused" if engine.status == "paused" else ("Running" if "paused" in self._shown else None), out)
        speaker = engine.speaker
        self._say("speaker", (index, speaker),
                  f"Speaker: {names.get(speaker, speaker)}" if speaker else
                  ("Nobody is speaking" if phase.turns != "none" else None), out, again=turn)
        prompt = engine.prompt
        if prompt is not None:
            detail = f" ({prompt.detail})" if prompt.detail else ""
            self._say("prompt", (index, prompt.id), f"Prompt: {prompt.text}{detail}", out)
        hands = tuple(engine.hands)
        if phase.turns == "open":
            self._say("hands", (index, hands), "Hands up: " + ", ".join(names.get(h, h) for h in hands)
                      if hands else "No hands up", out)

    def _timer_lines(self, engine: SessionEngine, out: list[str]) -> None:
        index, speaker = engine.phase_index, engine.speaker
        said = _timer_line(engine.phase_timer, "Phase time")
        self._say("phase_timer", (index, said[0] if said else None), said[1] if said else None, out)
        said = _timer_line(engine.speaker_timer, _names(engine).get(speaker or "", "Speaker"))
        self._say("speaker_timer", (index, speaker, said[0] if said else None), said[1] if said else None, out)

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
