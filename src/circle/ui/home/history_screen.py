"""A circle's history: past sessions (newest first) and airtime share over the last sessions."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from circle.domain.reports.circle_history import AirtimeHistory, SessionOverview, airtime_history, overview
from circle.domain.circles.members import Member
from circle.errors import CircleError
from circle.ui.home.airtime_history import airtime_chart
from circle.ui.home.export_key import export_in_background
from circle.ui.home.summary_view import SummaryScreen, minutes
from circle.ui.home.year_screen import YearScreen
from circle.ui.widgets.footer import KeyFooter

CHART_SESSIONS = 8


class HistoryScreen(Screen[None]):
    HELP_TITLE = "History"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("enter", "open", "Summary", id="history.open"),
        Binding("x", "export", "Export", id="history.export",
                tooltip="Write the highlighted session as Markdown and JSON into the data home"),
        Binding("y", "year", "Year", id="history.year",
                tooltip="The circle's year at a glance: attendance, voice balance, time and goals"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.records: list[dict[str, Any]] = []
        self.lines: list[SessionOverview] = []
        self.members: list[Member] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="history-title", classes="screen-title")
        table: DataTable = DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "Plan", "Present", "Length")
        yield table
        yield Static("Loading sessions…", id="history-empty", classes="hint")
        yield Static("", id="airtime-title", classes="section-title")
        with VerticalScroll(id="airtime-scroll"):
            yield Static("", id="airtime-history")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        circle = self.app.repo.get_circle(self.slug)
        self.query_one("#history-title", Static).update(Text.assemble(("History", "bold"), "  ·  ", circle["name"]))
        self.query_one("#session-table").focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        # Years of sessions are many files (read through the circle's session index, which
        # rereads only those changed since): away from the screen's thread.
        repo = self.app.repo
        try:
            members = repo.list_members(self.slug, include_inactive=True)
            # One damaged session file must not hide the rest of the history.
            records, unreadable = repo.session_records(self.slug)
        except CircleError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=10, markup=False)
            return
        # Each record's saved summary is read here too, away from the screen's thread.
        lines = [overview(r) for r in reversed(records)]
        history = airtime_history(records, last=CHART_SESSIONS)
        self.app.call_from_thread(self.show, records, members, lines, history)
        for problem in unreadable:
            self.app.call_from_thread(self.notify, str(problem), severity="error", timeout=10, markup=False)

    def show(self, records: list[dict[str, Any]], members: list[Member], lines: list[SessionOverview],
             history: AirtimeHistory) -> None:
        self.records = list(reversed(records))
        self.lines = lines
        self.members = members
        table = self.query_one("#session-table", DataTable)
        table.clear()
        for line in self.lines:
            when = line.started.strftime("%Y-%m-%d %H:%M") if line.started else "?"
            length = minutes(line.seconds) if line.ended else "not ended"
            table.add_row(when, Text(line.plan), f"{len(line.present)} of {line.invited}", length, key=line.id)
        empty = self.query_one("#history-empty", Static)
        empty.update("No sessions yet: s on the circle starts one." if not self.lines
                     else "enter shows a session's summary  y the year at a glance")
        title = self.query_one("#airtime-title", Static)
        chart = self.query_one("#airtime-history", Static)
        if history.sessions:
            count = len(history.sessions)
            title.update(
                Text.assemble(
                    ("Airtime share", "bold"),
                    f", last {count} session{'s' if count != 1 else ''}",
                    ("  oldest first; ▄ an even share, · absent", "dim"),
                )
            )
            chart.update(airtime_chart(history, members))
        else:
            title.update("")
            chart.update("")

    def action_back(self) -> None:
        self.dismiss()

    def action_year(self) -> None:
        self.app.load_styles("year")
        self.app.push_screen(YearScreen(self.slug))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_export(self) -> None:
        table = self.query_one("#session-table", DataTable)
        if self.records and table.cursor_row is not None:
            export_in_background(self, self.slug, str(self.records[table.cursor_row].get("id")))

    def action_open(self) -> None:
        table = self.query_one("#session-table", DataTable)
        if not self.records or table.cursor_row is None:
            return
        record = self.records[table.cursor_row]
        full = self.app.repo.get_session(self.slug, str(record.get("id")))
        self.app.push_screen(SummaryScreen({**record, **full}, {m.id: m.name for m in self.members}, self.slug))
