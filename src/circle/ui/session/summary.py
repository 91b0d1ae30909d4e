"""The end of a session: time per phase against plan, airtime, passes, prompts, goal changes."""

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
from circle.domain.session.summary import facilitation_lines
from circle.domain.reports.change_lines import change_percent, change_text
from circle.domain.session.attendance import attendance_of
from circle.domain.session.credits import Credit, credit_line
from circle.domain.session.notes import note_rows
from circle.live.driver import LiveSession
from circle.ui.widgets.progress_bar import progress_bar
from circle.ui.widgets.airtime_chart import AirtimeChart
from circle.ui.widgets.footer import KeyFooter


def phase_table(summary: Mapping[str, Any]) -> Table:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
    table.add_column("Phase", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Plan", justify="right")
    table.add_column("Actual", justify="right")
    table.add_column("Diff", justify="right")
    for number, phase in enumerate(summary.get("phases") or [], 1):
        planned, actual = float(phase["planned_seconds"]), float(phase["actual_seconds"])
        diff = actual - planned
        over = ("+" if diff > 0 else "-") + duration_text(abs(diff)) if abs(diff) >= 1 else "0:00"
        table.add_row(Text(f"{number}. {phase['title']}"), duration_text(planned), duration_text(actual),
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
    """Each note taken, with whom it concerns; commitments marked."""
    rows = []
    for note in note_rows(events):
        line = Text("commitment: " if note["kind"] == "commitment" else "", style="bold")
        if note["member"]:
            line.append(f"{_named(names, note['member'])}: ")
        line.append(note["text"])
        rows.append(line)
    return rows


def attendance_lines(engine: Any, names: Mapping[str, str]) -> Text:
    """Who was there from the start, who joined late and who left early, who did not come."""
    seen = attendance_of(engine.events)
    came = set(seen.at_start) | set(seen.joined_late)
    absent = [m.name for m in engine.members if m.active and m.id not in came]
    rows = [("Present", [_named(names, m) for m in seen.at_start]),
            ("Joined late", [_named(names, m) for m in seen.joined_late]),
            ("Left early", [_named(names, m) for m in seen.left_early]),
            ("Absent", absent)]
    text = Text("Attendance", style="bold")
    for label, people in rows:
        if people or label == "Present":
            text.append(f"\n  {label}: ")
            text.append(", ".join(people) or "nobody")
    return text


class SummaryScreen(Screen):
    HELP_TITLE = "Session summary"
    BINDINGS = [Binding("q,escape", "close", "Close", id="summary.close", tooltip="Close the summary")]

    def __init__(self, live: LiveSession, summary: Mapping[str, Any]) -> None:
        super().__init__()
        self.live = live
        self.summary = summary
        self.names = {m.id: m.name for m in live.engine.members}

    def compose(self) -> ComposeResult:
        summary, names = self.summary, self.names
        circle = self.live.setup.circle.get("name", "")
        passes = [f"{_named(names, m)}: {n}" for m, n in (summary.get("passes") or {}).items()]
        prompts = [f"{i}. {p.get('text', '')}" for i, p in enumerate(summary.get("prompts") or [], 1)]
        changes = [goal_change_line(_named(names, e.member), e.data)
                   for e in self.live.engine.events if e.type == ev.GOAL_CHANGED]
        not_spoken = [_named(names, m) for m in summary.get("not_spoken") or []]
        with VerticalScroll(id="session-summary"):
            yield Static(Text(f"Session summary: {circle}"), id="summary-title")
            yield Static(Text(f"{self.live.setup.plan.title}. Saved with the session."), id="summary-plan")
            yield Static("Time per phase", classes="summary-heading")
            yield Static(phase_table(summary), id="summary-phases")
            yield Static("Airtime", classes="summary-heading")
            yield AirtimeChart(id="summary-airtime")
            yield Static(lines("Not heard from", not_spoken, "everyone present spoke"), classes="summary-block")
            yield Static(attendance_lines(self.live.engine, names), id="summary-attendance",
                         classes="summary-block")
            credit_rows = [Credit(str(c["member"]), str(c["for"])) for c in summary.get("credits") or ()]
            if credit_rows:
                yield Static(lines("Credit to both", [credit_line(credit_rows, names)], ""),
                             id="summary-credits", classes="summary-block")
            yield Static(lines("Passes", passes, "no passes"), classes="summary-block")
            yield Static(lines("Prompts used", prompts, "no prompts drawn"), classes="summary-block")
            yield Static(lines("Goal changes", changes, "no goal changes"), classes="summary-block")
            yield Static(lines("Notes (private to the circle)", note_lines(self.live.engine.events, names),
                               "no notes taken"), id="summary-notes", classes="summary-block")
            facilitation = facilitation_lines(summary.get("drivers") or (), summary.get("gaps") or ())
            if facilitation:  # only when the session changed hands or waited for a driver
                yield Static(lines("Facilitation", facilitation, ""), classes="summary-block", id="summary-drivers")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        airtime = self.summary.get("airtime") or {}
        present = self.summary.get("present") or list(airtime)
        rows = [(_named(self.names, m), float(airtime.get(m, 0.0))) for m in present]
        self.query_one(AirtimeChart).show(rows)

    def action_close(self) -> None:
        # Opened from another screen (home): back to it; opened by `circle run`: done.
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
