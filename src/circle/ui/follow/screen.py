"""Following a live session: the stage the driver's screen shows, read-only, kept up by polling.

The stage is the shared stage widget (circle.ui.session.stage); only the keys differ: a
follower watches, and a facilitator may take the session over. Each tick polls the
session's files (circle.live.follow) and redraws what changed.
"""

from __future__ import annotations

from functools import cached_property

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from circle.domain.session import events as ev
from circle.domain.session.engine import SessionEngine
from circle.live.driving import may_drive
from circle.live.follow import POLL_SECONDS, Follower
from circle.ui.follow.take_over import Drive, offer_take_over
from circle.ui.goals.session_goals import SessionGoals
from circle.ui.session import view
from circle.ui.session.stage import SessionStage, StageScreen
from circle.ui.widgets.footer import KeyFooter

TAKE_OVER = Binding("t", "take_over", "Take over", id="follow.take_over",
                    tooltip="Run the session from this terminal (asks to confirm)")
HELP = Binding("question_mark,f1", "app.help", "Keys", show=False, id="follow.help", tooltip="Show every key")
LEAVE = Binding("escape", "stop_following", "Stop following", id="follow.leave",
                tooltip="Stop following (back to the home screen, or quit)")


def stop_following(screen: Screen) -> None:
    if len(screen.app.screen_stack) > 1:
        screen.app.pop_screen()
    else:
        screen.app.exit()


def follow_screen(follower: Follower, note: str = "", *, drive: Drive) -> Screen:
    """The stage when there is a session to show; else a screen that waits for one.

    drive: makes the driver's screen of a session taken over from here."""
    if follower.engine is None:
        return WaitingScreen(follower, note, drive=drive)
    return FollowScreen(follower, note, drive=drive)


class FollowScreen(StageScreen):
    HELP_TITLE = "Following the session"
    BINDINGS = [TAKE_OVER, LEAVE, HELP]

    def __init__(self, follower: Follower, note: str = "", *, drive: Drive) -> None:
        super().__init__()
        self.follower = follower
        self.drive = drive
        self.following = follower.session_id
        self.version = follower.version
        self.seen = len(follower.engine.events) if follower.engine else 0
        self.names = view.names(follower.engine) if follower.engine else {}
        self.note = note
        self.stage_text = ""

    @property
    def engine(self) -> SessionEngine | None:
        return self.follower.engine

    @cached_property
    def stage(self) -> SessionStage:
        return self.query_one(SessionStage)

    def compose(self) -> ComposeResult:
        yield SessionStage(self.follower, keys=None)  # type: ignore[arg-type]  # a follower's engine is set here
        yield KeyFooter(compact=True, show_command_palette=False)  # as the driver's: the stage fills the width

    def on_mount(self) -> None:
        # The speaker's goals are shown, never edited, from here: a follower writes nothing.
        self.query_one(SessionGoals).disabled = True
        self.show_all()
        self.show_stage()
        if self.note:
            self.notify(self.note, timeout=8, markup=False)
        self.set_interval(POLL_SECONDS, self.tick)

    def quit_question(self) -> str | None:
        return None  # leaving a session one only follows loses nothing

    def show_all(self) -> None:
        self.stage.show_all(self.names, str(self.follower.circle_name))
        self.refresh_bindings()

    def show_stage(self) -> None:
        """The follower's status (who drives, or that nobody does) at the top line's end."""
        stage = self.follower.stage()
        text = stage.text
        if text != self.stage_text:
            self.stage_text = text
            self.stage.show_hint(text)
            self.set_class(stage.waiting, "-waiting")

    def tick(self) -> None:
        follower = self.follower
        follower.poll()
        if follower.session_id != self.following or follower.engine is None:
            self.app.switch_screen(follow_screen(follower, drive=self.drive))
            return
        if follower.version != self.version:
            self.version = follower.version
            self.names = view.names(follower.engine)
            for event in follower.engine.events[self.seen:]:
                if event.type in ev.TIMER_EVENT_TYPES:
                    self.stage.alarm(event, self.names)  # the bell and the flash reach followers too
            self.seen = len(follower.engine.events)
            self.show_all()
            self.show_stage()
        else:
            self.stage.show_clock(self.names)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_over":
            return not self.follower.ended and may_drive(self.follower.repo, self.follower.slug,
                                                         self.follower.repo.actor)
        return True

    def action_stop_following(self) -> None:
        stop_following(self)

    def action_take_over(self) -> None:
        offer_take_over(self, self.follower, self.drive)


class WaitingScreen(Screen):
    """No session to show yet (or it cannot be read): says so, and polls until there is one."""

    HELP_TITLE = "Following the session"
    BINDINGS = [LEAVE, HELP]

    def __init__(self, follower: Follower, note: str = "", *, drive: Drive) -> None:
        super().__init__()
        self.follower = follower
        self.drive = drive
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-waiting"):
            yield Static(Text(f"{self.follower.circle_name}"), id="follow-circle")
            yield Static(id="follow-message")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self._show()
        if self.note:
            self.notify(self.note, timeout=8, markup=False)
        self.set_interval(POLL_SECONDS, self.tick)

    def _show(self) -> None:
        follower = self.follower
        message = follower.problem or follower.stage().text
        self.query_one("#follow-message", Static).update(Text(message))

    def action_stop_following(self) -> None:
        stop_following(self)

    def tick(self) -> None:
        self.follower.poll()
        if self.follower.engine is not None:
            self.app.switch_screen(FollowScreen(self.follower, drive=self.drive))
        else:
            self._show()
