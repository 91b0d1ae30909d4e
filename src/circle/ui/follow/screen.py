"""Following a live session: the session screen's stage, read-only, kept up by polling.

The stage is the session screen's own (its layout, widgets and drawing); only the keys
differ: a follower watches, and a facilitator may take the session over. Each tick polls
the session's files (circle.live.follow) and redraws what changed.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from circle.domain.session import events as ev
from circle.live.driving import may_drive
from circle.live.follow import POLL_SECONDS, Follower
from circle.ui.session import view
from circle.ui.goals.session_goals import SessionGoals
from circle.ui.session.screen import SessionScreen
from circle.ui.widgets.footer import KeyFooter
from circle.ui.widgets.prompt_card import PromptCard
from circle.ui.widgets.turn_queue import TurnQueue

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


def follow_screen(follower: Follower, note: str = "") -> Screen:
    """The stage when there is a session to show; else a screen that waits for one."""
    if follower.engine is None:
        return WaitingScreen(follower, note)
    return FollowScreen(follower, note)


class FollowScreen(SessionScreen, inherit_bindings=False):
    HELP_TITLE = "Following the session"
    KEYS = False  # no session key works here: lines name none
    BINDINGS = [TAKE_OVER, LEAVE, HELP]

    def __init__(self, follower: Follower, note: str = "") -> None:
        super().__init__(follower)  # type: ignore[arg-type]  # read-only: engine, setup, repo, session_id
        self.follower = follower
        self._session = follower.session_id
        self._version = follower.version
        self._seen = len(follower.engine.events) if follower.engine else 0
        self._note = note
        self._stage_text = ""

    # Textual calls a handler of every class in the MRO: prevent_default keeps the session
    # screen's own (its clock, and its letting go of the driver lock) out of a follower.
    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()
        # The speaker's goals are shown, never edited, from here: a follower writes nothing.
        self.query_one(SessionGoals).disabled = True
        self.query_one(TurnQueue).keys = self.query_one(PromptCard).keys = False  # no key works here
        self._refresh_all()
        self._show_stage()
        if self._note:
            self.notify(self._note, timeout=8, markup=False)
        self.set_interval(POLL_SECONDS, self.tick)

    def on_unmount(self, event: events.Unmount) -> None:
        event.prevent_default()  # a follower holds no lock to let go of

    def quit_question(self) -> str | None:
        return None  # leaving a session one only follows loses nothing

    def _circle_name(self) -> str:
        return str(self.follower.circle_name)

    def _show_stage(self) -> None:
        stage = self.follower.stage()
        text = stage.text
        if text != self._stage_text:
            self._stage_text = text
            self.query_one("#session-hint", Static).update(Text(text))
            self.set_class(stage.waiting, "-waiting")

    def tick(self) -> None:
        follower = self.follower
        follower.poll()
        if follower.session_id != self._session or follower.engine is None:
            self.app.switch_screen(follow_screen(follower))
            return
        if follower.version != self._version:
            self._version = follower.version
            self._names = view.names(follower.engine)
            for event in follower.engine.events[self._seen:]:
                if event.type in ev.TIMER_EVENT_TYPES:
                    self._alarm(event)  # the bell and the flash reach followers too
            self._seen = len(follower.engine.events)
            self._refresh_all()
            self._show_stage()
        else:
            self._refresh_clock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_over":
            return not self.follower.ended and may_drive(self.follower.repo, self.follower.slug,
                                                         self.follower.repo.actor)
        return True

    def action_stop_following(self) -> None:
        stop_following(self)

    def action_take_over(self) -> None:
        from circle.ui.follow.handover import offer_take_over

        offer_take_over(self, self.follower)


class WaitingScreen(Screen):
    """No session to show yet (or it cannot be read): says so, and polls until there is one."""

    HELP_TITLE = "Following the session"
    KEYS = False  # no session key works here: lines name none
    BINDINGS = [LEAVE, HELP]

    def __init__(self, follower: Follower, note: str = "") -> None:
        super().__init__()
        self.follower = follower
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-waiting"):
            yield Static(Text(f"{self.follower.circle_name}"), id="follow-circle")
            yield Static(id="follow-message")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self._show()
        if self._note:
            self.notify(self._note, timeout=8, markup=False)
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
            self.app.switch_screen(FollowScreen(self.follower))
        else:
            self._show()
