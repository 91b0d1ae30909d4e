"""The session screen's keys for a room's small needs: speaker time, attendance, notes and
case stories' ideas. A mixin of SessionScreen, which holds the live session, the engine,
member names and `_do` (an action of the session layer, written before it redraws)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.binding import Binding

from circle.domain.session.notes import NoteError
from circle.domain.session.refusals import why_not
from circle.ui.dialogs import PickMember
from circle.ui.session import view
from circle.ui.session.note_dialog import NoteDialog
from circle.ui.widgets.prompt_card import PromptCard

if TYPE_CHECKING:
    from circle.domain.session.engine import SessionEngine
    from circle.domain.session.keys import KeyNames
    from circle.domain.session.events import Event
    from circle.live.driver import LiveSession
    from circle.ui.session.stage import SessionStage


# The session keys that a phase or a moment can turn off (SessionScreen.check_action).
_KEY_ACTIONS = {
    "n": "next", "p": "pass", "b": "back", "h": "hand", "d": "draw", "D": "previous_prompt",
    "right_square_bracket": "next_phase", "left_square_bracket": "previous_phase", "g": "goals",
    "greater_than_sign": "add_turn_minute", "less_than_sign": "remove_turn_minute",
    "i": "ideas", "j": "arrive", "l": "leave",
}
# Listed after the screen's own keys: Textual runs the first binding of a key whose action
# applies, so these act only when the key's own action is turned off, and say why. With no
# description they stay out of the footer and the help. Each has its action's binding id, so
# a user's keymap moves it with the action's key.
REFUSALS = [Binding(key, f"refuse({action!r})", "", show=False, id=f"session.{action}") for key, action in _KEY_ACTIONS.items()]


class RoomActions:
    """Speaker minutes (> <), a late arrival (j), an early leaver (l), a note (t), ideas (i), D."""

    if TYPE_CHECKING:  # provided by SessionScreen
        live: LiveSession
        engine: SessionEngine
        _names: dict[str, str]
        stage: SessionStage
        keys: KeyNames

        def _do(self, action: Callable[[], Event]) -> Event | None: ...

    def _check_room_action(self, action: str) -> bool | None:
        engine = self.engine
        if action == "ideas":
            return self.query_one(PromptCard).has_detail
        if action == "previous_prompt":
            return bool(engine.phase.deck) and view.card_of(engine, {}).earlier
        if action in ("add_turn_minute", "remove_turn_minute"):
            timer = engine.speaker_timer  # only a turn with a set length has time to give
            return engine.status in ("running", "paused") and timer is not None and timer.total is not None
        if action == "arrive":
            return engine.status in ("running", "paused") and len(engine.present) < len(self._active())
        if action == "leave":
            return engine.status in ("running", "paused") and bool(engine.present)
        return True

    def action_refuse(self, action: str) -> None:
        """A key whose action cannot act now: one line saying why, and what would."""
        reason = why_not(self.engine, action, self.keys)
        if reason:
            self.notify(reason, severity="warning", markup=False)

    def _active(self) -> list[str]:
        return [m.id for m in self.live.setup.members]

    def action_ideas(self) -> None:
        self.query_one(PromptCard).toggle_ideas()
        self.stage.ideas_toggled()
        self.refresh_bindings()

    def action_previous_prompt(self) -> None:
        self._do(self.live.previous_prompt)

    def action_add_turn_minute(self) -> None:
        self._do(self.live.add_speaker_minute)

    def action_remove_turn_minute(self) -> None:
        self._do(self.live.remove_speaker_minute)

    def action_arrive(self) -> None:
        present = set(self.engine.present)
        choices = [(m, self._names[m]) for m in self._active() if m not in present]
        self.app.push_screen(PickMember("Who has arrived?", choices), self._arrived)

    def _arrived(self, member_id: str | None) -> None:
        if member_id is not None and self._do(lambda: self.live.member_joins(member_id)):
            self.notify(f"{self._names[member_id]} joined the session", timeout=3, markup=False)

    def action_leave(self) -> None:
        choices = [(m, self._names[m]) for m in self.engine.present]
        self.app.push_screen(PickMember("Who is leaving?", choices), self._left)

    def _left(self, member_id: str | None) -> None:
        if member_id is not None and self._do(lambda: self.live.member_leaves(member_id)):
            self.notify(f"{self._names[member_id]} left the session", timeout=3, markup=False)

    def action_note(self) -> None:
        speaker = self.engine.speaker
        about = f"{self._names[speaker]}, " if speaker else ""
        self.app.push_screen(NoteDialog(about + self.engine.phase.title), self._noted)

    def _noted(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        text, kind = answer
        try:
            event = self._do(lambda: self.live.note(text, kind))
        except NoteError as error:
            self.notify(f"Not noted: {error}", severity="warning", markup=False)
            return
        if event is not None:
            self.notify(f"Noted ({kind}), kept with the session", timeout=3, markup=False)
