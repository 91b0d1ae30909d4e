"""The end of a session: time per phase against plan, airtime and shares, attendance, passes,
prompts, goal changes; every figure from the session's one record (SessionSummary)."""

from __future__ import annotations

from typing import Any, Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from circle.domain.durations import duration_text
from circle.domain.session import events as ev
from circle.domain.session.summary import SessionSummary, facilitation_lines, share_text
from circle.domain.reports.change_lines import change_percent, change_text
from circle.domain.session.attendance import attendance_rows, present_count
from circle.domain.session.credits import Credit, credit_line
from circle.domain.session.notes import note_label, note_rows
from circle.live.driver import LiveSession
from circle.ui.widgets.progress_bar import progress_bar
from circle.ui.widgets.airtime_chart import AirtimeChart, AirtimeRow
from circle.ui.widgets.footer import KeyFooter


def phase_table(summary: SessionSummary) -> Table:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
    table.add_column("Phase", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Plan", justify="right")
    table.add_column("Actual", justify="right")
    table.add_column("Diff", justify="right")
    for number, phase in enumerate(summary.phases, 1):
        diff = phase.over_seconds
        over = ("+" if diff > 0 else "-") + duration_text(abs(diff)) if abs(diff) >= 1 else "0:00"
        table.add_row(Text(f"{number}. {phase.title}"), duration_text(phase.planned_seconds),
                      duration_text(phase.actual_seconds),
                      Text(over, style="bold" if diff >= 1 else ""))
    return table


def _named(names: Mapping[str, str], member: str | None) -> str:
    return names.get(member or "", member or "")


def lines(title: str, items: list[str | Text], empty: str) -> Text:
    text = Text(title, style="bold")
    for item in items or []:
        text.append("\n  ")
        text.append_text(item if isinstance(item, Text) else Text(item))
    if not items:
        text.append("\n  ")
        text.append(empty, style="dim")
    return text


def goal_change_line(name: str, data: Mapping[str, Any]) -> Text:
    """The member, the goal under its new title, and a bar for where it stands now."""
    line = Text.assemble(f"{name}: ", change_text(data, percent=False))
    percent = change_percent(data)
    if percent is not None:
        line.append("  ")
        line.append_text(progress_bar(percent))
    return line


def note_lines(events: Any, names: Mapping[str, str]) -> list[Text]:
    """Each note taken, with whom it concerns; each says whether it is a point or a commitment."""
    rows = []
    for note in note_rows(events):
        line = Text(f"{note_label(note['kind'])}: ", style="bold")
        if note["member"]:
            line.append(f"{_named(names, note['member'])}: ")
        line.append(note["text"])
        rows.append(line)
    return rows


def attendance_lines(summary: SessionSummary, names: Mapping[str, str]) -> Text:
    """How many came; who was there from the start, who joined late and who left early (when),
    who did not come."""
    text = Text(f"Attendance: {present_count(summary.attendance)} present", style="bold")
    for label, people in attendance_rows(summary.attendance, names):
        text.append(f"\n  {label}: ")
        text.append(", ".join(people) or "nobody")
    return text


def airtime_rows(summary: SessionSummary, names: Mapping[str, str]) -> list[AirtimeRow]:
    """A bar for each member who attended, leavers and late arrivals included, with their share."""
    return [AirtimeRow(_named(names, member), seconds, share=share_text(summary.shares.get(member, 0.0)))
            for member, seconds in summary.airtime.items()]


class SummaryScreen(Screen):
    HELP_TITLE = "Session summary"
    BINDINGS = [Binding("q,escape", "close", "Close", id="summary.close", tooltip="Close the summary")]

    def __init__(self, live: LiveSession, summary: Mapping[str, Any]) -> None:
        super().__init__()
        self.live = live
        self.summary = SessionSummary.from_dict(summary)
        self.names = {m.id: m.name for m in live.engine.members}

    def compose(self) -> ComposeResult:
        summary, names = self.summary, self.names
        circle = self.live.setup.circle.get("name", "")
        passes = [f"{_named(names, m)}: {n}" for m, n in summary.passes.items()]
        prompts = [f"{i}. {text}" for i, (_, text) in enumerate(summary.prompts, 1)]
        changes = [goal_change_line(_named(names, e.member), e.data)
                   for e in self.live.engine.events if e.type == ev.GOAL_CHANGED]
        not_spoken = [_named(names, m) for m in summary.not_spoken]
        with VerticalScroll(id="session-summary"):
            yield Static(Text(f"Session summary: {circle}"), id="summary-title")
            yield Static(Text(f"{self.live.setup.plan.title}. Saved with the session."), id="summary-plan")
            yield Static("Time per phase", classes="summary-heading")
            yield Static(phase_table(summary), id="summary-phases")
            yield Static("Airtime", classes="summary-heading")
            yield AirtimeChart(id="summary-airtime")
            yield Static(lines("Not heard from", not_spoken, "everyone present spoke"), classes="summary-block")
            yield Static(attendance_lines(summary, names), id="summary-attendance",
                         classes="summary-block")
            credit_rows = [Credit(str(c["member"]), str(c["for"])) for c in summary.credits]
            if credit_rows:
                yield Static(lines("Credit to both", [credit_line(credit_rows, names)], ""),
                             id="summary-credits", classes="summary-block")
            yield Static(lines("Passes", passes, "no passes"), classes="summary-block")
            yield Static(lines("Prompts used", prompts, "no prompts drawn"), classes="summary-block")
            yield Static(lines("Goal changes", changes, "no goal changes"), classes="summary-block")
            yield Static(lines("Notes (private to the circle)", note_lines(self.live.engine.events, names),
                               "no notes taken"), id="summary-notes", classes="summary-block")
            facilitation = facilitation_lines(summary.drivers, summary.gaps)
            if facilitation:  # only when the session changed hands or waited for a driver
                yield Static(lines("Facilitation", facilitation, ""), classes="summary-block", id="summary-drivers")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(AirtimeChart).show(airtime_rows(self.summary, self.names))

    def action_close(self) -> None:
        # Opened from another screen (home): back to it; opened by `circle run`: done.
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
