"""Check-in: mark who is present, read the norms together, start the session.

Also the way into a session: when the circle's latest session never ended, it
offers to resume that one first.

Check-in is the first frame of `circle run`: the session layer's driver and the session
and follow screens load inside the methods that start, resume or follow a session, so that
frame does not wait for them (benchmarks/startup.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from circle.domain.circles.members import Member
from circle.domain.plans.plan import Plan
from circle.errors import CircleError
from circle.store.plan_files import load_plan, plan_decks
from circle.domain.session.credits import default_leader
from circle.live.driving import SessionDriven, driven_message, status_of
from circle.live.setup import SessionSetup
from circle.live.starting import SessionRunning
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.key_names import key_names
from circle.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from circle.live.driver import LiveSession


def member_label(member: Member, present: bool) -> Text:
    text = Text("[✓] " if present else "[ ] ", style="bold" if present else "dim")
    text.append(member.name, style="" if present else "dim strike")
    text.append(f"  {member.role}, {member.experience}", style="dim")
    if not present:
        text.append("  absent", style="italic")
    return text


def norms_text(norms: list[str]) -> Text:
    text = Text()
    for i, norm in enumerate(norms):
        if i:
            text.append("\n")
        text.append("• ")
        text.append(norm)
    return text


class CheckInScreen(Screen):
    HELP_TITLE = "Check-in"
    BINDINGS = [
        Binding("enter", "start", "Start", id="checkin.start", priority=True,
                tooltip="Start the session with those marked present"),
        Binding("space", "toggle", "Present/absent", id="checkin.toggle",
                tooltip="Mark the highlighted member present or absent"),
        Binding("l", "pick_leader", "Leader", id="checkin.leader",
                tooltip="Pick who leads the plan's led phases"),
    ]

    def __init__(self, setup: SessionSetup) -> None:
        super().__init__()
        self.setup = setup
        self.present: dict[str, bool] = {m.id: True for m in setup.members}
        self.leader: str | None = self._default_leader()
        self.replacing: str | None = None  # the unfinished session the facilitator chose not to resume

    def compose(self) -> ComposeResult:
        plan = self.setup.plan
        with Vertical(id="checkin"):
            yield Static(Text(f"Check-in: {self.setup.circle['name']}"), id="checkin-title")
            yield Static(Text(f"{plan.title}, {len(plan.phases)} phases"), id="checkin-plan")
            with Horizontal(id="checkin-body"):
                attendance = OptionList(
                    *(Option(member_label(m, True), id=m.id) for m in self.setup.members),
                    id="attendance",
                )
                attendance.border_title = "Who is here?"
                yield attendance
                with VerticalScroll(id="norms-box") as norms:
                    norms.border_title = "Our norms"
                    yield Static(norms_text(self.setup.norms), id="norms")
            yield Static(id="checkin-leader")
            yield Static(id="checkin-hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#attendance", OptionList).focus()
        self._show_count()
        if self.setup.unfinished is not None and not self._driven_elsewhere():
            self._ask_resume()

    def _ask_resume(self, then_start: bool = False) -> None:
        """Resume the unfinished session, or start a new one beside it (then_start: at once)."""
        self.app.push_screen(Confirm(self._resume_question(), yes="Resume", no="New session"),
                             lambda resume: self._resume_answer(resume, then_start))

    def _resume_question(self) -> str:
        """What happened to the unfinished session, as the session layer tells it."""
        from circle.live.resume_offer import resume_offer

        record = self.setup.unfinished or {}
        try:
            setup, plan = self._session_setup(record)
            return resume_offer(setup, record, plan, self.app.clock)
        except CircleError as error:
            started = str(record.get("started", ""))[:16].replace("T", " ")
            return f"The session started {started} did not end ({error}). Resume it?"

    def _session_setup(self, record: dict) -> tuple[SessionSetup, Plan]:
        """The setup and plan of the unfinished session: its own plan, with that plan's decks."""
        home = self.setup.repo.home
        plan = load_plan(str(record.get("plan") or self.setup.plan.name), home)
        return replace(self.setup, decks=plan_decks(plan, home)), plan

    def key(self, binding_id: str, usual: str) -> str:
        """A key as the hints name it: its usual word, or the key the user's keymap moved it to."""
        if binding_id not in (getattr(self.app, "keymap", None) or {}):
            return usual
        return key_names(self).get(binding_id, usual)

    def _show_count(self) -> None:
        here = sum(self.present.values())
        toggle, start = self.key("checkin.toggle", "space"), self.key("checkin.start", "enter")
        hint = f"{here} of {len(self.present)} present. {toggle} marks present or absent; {start} starts."
        self.query_one("#checkin-hint", Static).update(Text(hint))
        self._show_leader()

    # -- who leads (plans with led phases: reverse mentoring) -----------------

    def _default_leader(self) -> str | None:
        plan = self.setup.plan
        if not plan.has_led_phases:
            return None
        return default_leader(self.setup.members, [m for m, here in self.present.items() if here], plan.leader)

    def _show_leader(self) -> None:
        line = self.query_one("#checkin-leader", Static)
        line.display = self.setup.plan.has_led_phases
        if not line.display:
            return
        member = next((m for m in self.setup.members if m.id == self.leader), None)
        who = Text(f"{member.name} ({member.role}, {member.experience})", style="bold") if member else \
            Text("nobody yet", style="bold italic")
        line.update(Text.assemble("Leads: ", who, (f"  · {self.key('checkin.leader', 'l')} picks who leads", "dim")))
        line.set_class(member is None, "-missing")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_leader":
            return self.setup.plan.has_led_phases
        return True

    def action_pick_leader(self) -> None:
        choices = [(m.id, f"{m.name}  {m.role}, {m.experience}") for m in self.setup.members if self.present[m.id]]
        self.app.push_screen(PickMember("Who leads?", choices), self._leader_picked)

    def _leader_picked(self, member_id: str | None) -> None:
        if member_id is not None:
            self.leader = member_id
            self._show_leader()

    def _resume_answer(self, resume: bool | None, then_start: bool = False) -> None:
        if not resume:
            # A new session, beside the unfinished one, while nobody drives that one.
            self.replacing = str((self.setup.unfinished or {}).get("id"))
            if then_start:
                self.action_start()
            return
        from circle.live.driver import LiveSession

        record = self.setup.unfinished or {}
        setup = self.setup
        try:
            # The setup holds the decks of the plan asked for; the session goes on with its own plan's.
            setup, plan = self._session_setup(record)
            live = LiveSession.resume(setup, record, plan, self.app.clock)
        except SessionRunning as error:  # a newer session started meanwhile
            self._found_running(error)
            return
        except SessionDriven as error:  # someone started driving it meanwhile
            from circle.ui.follow.handover import offer_follow
            from circle.ui.session.screen import SessionScreen

            offer_follow(self, setup, record, plan, error, SessionScreen)
            return
        except CircleError as error:
            self.notify(f"Cannot resume: {error}", severity="error", timeout=10, markup=False)
            return
        self._open_session(live)

    def _driven_elsewhere(self) -> bool:
        """A session another process drives is followed or taken over, never resumed."""
        record = self.setup.unfinished or {}
        status = status_of(self.setup.repo, self.setup.slug, str(record.get("id")))
        if not status.held:
            return False
        self._offer_follow(record, SessionDriven(driven_message(status), status))
        return True

    def _offer_follow(self, record: dict, error: SessionDriven) -> None:
        from circle.ui.follow.handover import offer_follow
        from circle.ui.session.screen import SessionScreen

        try:
            plan = load_plan(str(record.get("plan") or self.setup.plan.name), self.setup.repo.home)
        except CircleError as problem:
            self.notify(f"Cannot open the running session: {problem}", severity="error", timeout=10, markup=False)
            return
        setup = replace(self.setup, plan=plan, decks=plan_decks(plan, self.setup.repo.home))
        offer_follow(self, setup, record, plan, error, SessionScreen)

    def _found_running(self, error: SessionRunning) -> None:
        """The circle's session is live: follow it or take it over; resume it when nobody drives it."""
        if error.status.held:
            self._offer_follow(error.record, error)
            return
        self.setup = replace(self.setup, unfinished=error.record)
        self._ask_resume(then_start=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click (or a mouse user's enter) on a name toggles it, like space.
        event.stop()
        self.toggle_member(event.option_index)

    def action_toggle(self) -> None:
        index = self.query_one("#attendance", OptionList).highlighted
        if index is not None:
            self.toggle_member(index)

    def toggle_member(self, index: int) -> None:
        member = self.setup.members[index]
        self.present[member.id] = not self.present[member.id]
        if member.id == self.leader and not self.present[member.id]:
            self.leader = self._default_leader()  # the leader is not here: offer the next one
        self.query_one("#attendance", OptionList).replace_option_prompt_at_index(
            index, member_label(member, self.present[member.id])
        )
        self._show_count()

    def action_start(self) -> None:
        if not any(self.present.values()):
            self.notify("Nobody is marked present: mark who is here first.", severity="warning")
            return
        if self.setup.plan.has_led_phases and self.leader is None:
            self.notify(f"This plan has led phases: {self.key('checkin.leader', 'l')} picks who leads.",
                        severity="warning")
            return
        # The engine and its log are made here, not on mount: check-in is drawn without them.
        from circle.domain.session.engine import EngineError
        from circle.live.driver import LiveSession

        live = LiveSession.fresh(self.setup, self.app.clock)
        try:
            live.begin(dict(self.present), leader=self.leader, replacing=self.replacing)
        except SessionRunning as error:  # no second session: the circle's live one is offered
            self._found_running(error)
            return
        except EngineError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        except CircleError as error:
            self.notify(f"Not started: {error}", severity="error", timeout=10, markup=False)
            return
        self._open_session(live)

    def _open_session(self, live: LiveSession) -> None:
        # Imported here: the session screen and the goals UI it holds are not needed
        # to draw check-in, and loading them would delay the first frame.
        from circle.ui.session.screen import SessionScreen

        self.app.load_styles("session", "goals")  # the goals phase edits goals in place
        self.app.switch_screen(SessionScreen(live))
