"""A circle's year at a glance: every session of the last twelve months as a column of charts
(attendance, voice balance, time against plan, goal changes) and each member's own goals."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from circle import hints
from circle.domain.reports.year import CircleYear, circle_year
from circle.errors import CircleError
from circle.ui.home.overview import is_member
from circle.ui.home.year_chart import MONTHS, YearChart
from circle.ui.home.year_members import MemberGoalsTable
from circle.ui.home.year_rows import year_rows
from circle.ui.widgets.footer import KeyFooter

YEAR_DAYS = 365
# Screen heights from which each bar takes more lines: finer steps, where there is room.
BAR_HEIGHTS = ((56, 4), (44, 3), (32, 2))


def day_text(day: date | None) -> str:
    return "?" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def bar_height(screen_height: int) -> int:
    return next((lines for tall, lines in BAR_HEIGHTS if screen_height >= tall), 1)


def span_text(year: CircleYear, ever: bool) -> Text:
    """The sessions the charts show; ever: whether the circle has held any, this year or before."""
    sessions = year.sessions
    if not sessions:
        when = "in the last twelve months" if ever else "yet"
        return Text(f"No sessions {when}: s on the circle starts one.")
    count = len(sessions)
    return Text.assemble(
        (f"{count} session{'s' if count != 1 else ''}", "bold"),
        f" from {day_text(sessions[0].day)} to {day_text(sessions[-1].day)}",
        ("  one column a session, oldest first;  ↑ ↓ pgup pgdn scroll", "dim"),
    )


LEGEND = (
    "Attendance: share of members who came. Voice balance: 1 when everyone there spoke "
    "for as long, 0 when one voice held the floor. Time: half height is the plan, a full bar "
    "half as long again. "
    "Digits: how many; · none."
)


class YearScreen(Screen[None]):
    HELP_TITLE = "Year"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Back", id="year.back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.year: CircleYear | None = None
        self.own: set[str] = set()  # the viewer's member id, when they are in the circle

    def compose(self) -> ComposeResult:
        yield Static("", id="year-title", classes="screen-title")
        with VerticalScroll(id="year-body"):
            yield Static("Loading the year…", id="year-span")
            yield Static("", id="year-chart")
            yield Static(Text(LEGEND), id="year-legend", classes="hint")
            yield Static(Text("Each member's goals", style="bold"), id="year-members-title", classes="section-title")
            yield Static("", id="year-members")
            yield Static("", id="year-report", classes="hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#year-title", Static).update(Text("Year", style="bold"))
        for part in ("#year-chart", "#year-legend", "#year-members-title", "#year-members"):
            self.query_one(part).display = False  # until the year is read
        self.query_one("#year-body").focus()
        since = self.app.clock.now().date() - timedelta(days=YEAR_DAYS)
        report = hints.command("report", self.slug, "--since", since.isoformat())
        self.query_one("#year-report", Static).update(Text.assemble(("The same figures as text: ", "dim"), report))
        self.load(since)

    @work(thread=True, exclusive=True, group="year")
    def load(self, since: date) -> None:
        # Every session file of the year, and the goals: away from the screen's thread.
        repo = self.app.repo
        try:
            circle = repo.get_circle(self.slug)
            members = repo.list_members(self.slug, include_inactive=True)
            # One damaged session file must not hide the rest of the year.
            records, unreadable = repo.session_records(self.slug)
            goals = repo.list_goals(self.slug)
        except CircleError as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        year = circle_year(circle, members, records, goals, since=since)
        own = {m.id for m in members if is_member(repo.actor, [m])}
        self.app.call_from_thread(self.show, year, bool(records), own)
        for problem in unreadable:
            self.app.call_from_thread(self.notify, str(problem), severity="error", timeout=10, markup=False)

    def failed(self, error: str) -> None:
        self.query_one("#year-span", Static).update(Text(f"Cannot read the year: {error}"))
        self.notify(f"Cannot read the year: {error}", severity="error", timeout=10, markup=False)

    def show(self, year: CircleYear, ever: bool, own: set[str]) -> None:
        self.year = year
        self.own = own
        self.query_one("#year-title", Static).update(Text.assemble(("Year", "bold"), "  ·  ", year.circle))
        self.query_one("#year-span", Static).update(span_text(year, ever))
        self.query_one("#year-legend").display = bool(year.sessions)
        self.query_one("#year-members-title").display = bool(year.members)
        self.query_one("#year-members").display = bool(year.members)
        self.draw()

    def draw(self) -> None:
        year = self.year
        if year is None:
            return
        chart = self.query_one("#year-chart", Static)
        chart.display = bool(year.sessions)
        if year.sessions:
            days = [s.day for s in year.sessions]
            chart.update(YearChart(year_rows(year), days, bar_height=bar_height(self.size.height)))
        self.query_one("#year-members", Static).update(MemberGoalsTable(year.members, len(year.sessions), self.own))

    def on_resize(self, event: events.Resize) -> None:
        self.draw()  # taller bars where there is room

    def action_back(self) -> None:
        self.dismiss()
