"""A past session's saved summary, shown read-only from the history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from circle import hints
from circle.domain.durations import duration_text
from circle.domain.reports.circle_history import overview, session_summary
from circle.domain.session.attendance import attendance_rows
from circle.domain.session.summary import SessionSummary, facilitation_lines, share_text
from circle.domain.session.credits import Credit, credit_line
from circle.ui.home.airtime_history import bar
from circle.ui.home.export_key import export_command, export_in_background
from circle.ui.widgets.footer import KeyFooter


def minutes(seconds: float | None) -> str:
    """A length as the session's record reads everywhere (m:ss, h:mm:ss from an hour); ? when unknown."""
    return "?" if seconds is None else duration_text(max(0.0, seconds))


def _phases(summary: SessionSummary) -> Table:
    table = Table(title="Phases", title_justify="left", box=None, padding=(0, 2))
    table.add_column("Phase")
    table.add_column("Planned", justify="right")
    table.add_column("Actual", justify="right")
    for phase in summary.phases:
        planned, actual = phase.planned_seconds, phase.actual_seconds
        style = "bold yellow" if planned and actual and actual > planned else ""
        table.add_row(Text(phase.title), minutes(planned), Text(minutes(actual), style=style))
    return table


def _airtime(summary: SessionSummary, names: Mapping[str, str]) -> Table:
    table = Table(title="Airtime", title_justify="left", box=None, padding=(0, 2))
    table.add_column("Member")
    table.add_column("Time", justify="right")
    table.add_column("Share")
    for member, spoken in sorted(summary.airtime.items(), key=lambda item: -item[1]):
        share = summary.shares.get(member, 0.0)
        table.add_row(Text(names.get(member, member)), minutes(spoken), f"{bar(share, 16)} {share_text(share):>4}")
    return table


def _attendance(summary: SessionSummary, names: Mapping[str, str]) -> list[Text]:
    """Who was there from the start, late arrivals and early leavers with their times, absentees
    (the count is in the head)."""
    return [Text(f"{label}: " + (", ".join(people) or "nobody"))
            for label, people in attendance_rows(summary.attendance, names)]


def summary_renderable(record: Mapping[str, Any], names: Mapping[str, str]) -> Group:
    """Everything worth reading again about a session, member ids shown as names."""
    line = overview(record)
    summary = session_summary(record)
    when = line.started.strftime("%Y-%m-%d %H:%M") if line.started else "unknown date"
    head = Text.assemble(
        (when, "bold"), "  ", str(record.get("plan_title") or line.plan or "unknown plan"), f"  ·  {len(line.present)} of {line.invited} present",
        f"  ·  {minutes(line.seconds)}",
    )
    parts: list[Any] = [head, Text("")]
    if summary is None:
        parts.append(Text("This session has no saved summary (it was not ended).", style="italic"))
        return Group(*parts)
    parts += [_phases(summary), Text(""), _airtime(summary, names), Text("")]
    parts += _attendance(summary, names)
    credits = [Credit(str(c.get("member")), str(c.get("for"))) for c in summary.credits]
    if credits:
        parts.append(Text(credit_line(credits, dict(names))))
    if summary.passes:
        parts.append(Text("Passes: " + ", ".join(f"{names.get(m, m)} {n}" for m, n in summary.passes.items())))
    not_spoken = [names.get(m, m) for m in summary.not_spoken]
    if not_spoken:
        parts.append(Text("Did not speak: " + ", ".join(not_spoken)))
    if summary.prompts:
        parts.append(Text("Prompts drawn:", style="bold"))
        for prompt_id, text in summary.prompts:
            parts.append(Text(f"  • {text or prompt_id}"))
    facilitation = facilitation_lines(summary.drivers, summary.gaps)
    if facilitation:  # the session changed hands, or waited for a driver
        parts.append(Text("Facilitation:", style="bold"))
        parts += [Text(f"  • {line}") for line in facilitation]
    return Group(*parts)


class SummaryScreen(Screen[None]):
    HELP_TITLE = "Session summary"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Back", id="summary.back"),
        Binding("x", "export", "Export", id="summary.export",
                tooltip="Write the session as Markdown and JSON into the data home"),
    ]

    def __init__(self, record: Mapping[str, Any], names: Mapping[str, str], slug: str) -> None:
        super().__init__()
        self.record = record
        self.names = names
        self.slug = slug

    def compose(self) -> ComposeResult:
        yield Static(Text("Session summary", style="bold"), classes="screen-title")
        with VerticalScroll(id="summary-body"):
            yield Static(summary_renderable(self.record, self.names), id="summary-text")
            yield Static(
                Text.assemble(
                    ("To share it: " if hints.over_ssh() else "To share it: x writes it as Markdown and JSON, or ", "dim"),
                    export_command(self.slug, str(self.record.get("id", "latest"))),
                ),
                classes="hint",
            )
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        export_in_background(self, self.slug, str(self.record.get("id")))
