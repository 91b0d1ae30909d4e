"""The year view of a circle: y on its history opens it; its charts, its members' goals, and
its snapshots at 80x24 and 200x60."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pilot_wait import until
from rich.console import Console
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from circle.domain.reports.measures import AttendanceCounts
from circle.domain.reports.year import PhaseTime, SessionRow
from circle.ui.app import CircleApp
from circle.ui.help import KeyHelp, screen_keys
from circle.ui.home.history_screen import HistoryScreen
from circle.ui.home.year_chart import BarRow, CountRow, YearChart, bar_column, count_text, month_axis
from circle.ui.home.year_rows import phase_rows, time_against_plan
from circle.ui.home.year_screen import YearScreen
from circle.ui.palette import ScreenActions
from circle.ui.widgets.footer import KeyFooter
from year_sample import clock, year_repo

CIRCLE = "year-9-circle"
QUIET = "quiet-circle"  # no members, no sessions


def app_on(repo, screen) -> CircleApp:
    return CircleApp(repo, start=lambda: screen, clock=clock())


def plain(content, width: int = 200) -> str:
    """What a Static shows, rendered `width` columns wide without colour."""
    if isinstance(content, (str, Text)):
        return str(content)
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def text_of(app: CircleApp, selector: str, width: int = 200) -> str:
    return plain(app.screen.query_one(selector, Static).content, width)


def row_of(chart: str, label: str) -> str:
    return next(line for line in chart.splitlines() if line.startswith(label))


async def loaded(pilot) -> YearScreen:
    screen = pilot.app.screen
    assert isinstance(screen, YearScreen)
    await until(pilot, lambda: screen.year is not None, "the year to load")
    await pilot.pause()
    return screen


# -- opening it ----------------------------------------------------------------


async def test_y_on_the_history_opens_the_year_and_escape_goes_back(tmp_path: Path) -> None:
    app = app_on(year_repo(tmp_path / "home"), HistoryScreen(CIRCLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        history = app.screen
        shown = {(spec.key, spec.description) for spec in history.query_one(KeyFooter).key_specs()}
        assert ("y", "Year") in shown
        keys = {entry.binding_id: entry for entry in screen_keys(history)}
        assert keys["history.year"].key == "y"
        offered = [hit.text async for hit in ScreenActions(history).discover()]
        assert keys["history.year"].description in offered
        await pilot.press("y")
        year = await loaded(pilot)
        assert year.slug == CIRCLE
        assert "Year  ·  Year 9 Circle" == text_of(app, "#year-title")
        assert year.query_one("#year-body", VerticalScroll).has_focus
        await pilot.press("escape")
        assert app.screen is history


async def test_every_key_of_the_year_is_in_its_help(tmp_path: Path) -> None:
    app = app_on(year_repo(tmp_path / "home"), YearScreen(CIRCLE))
    async with app.run_test(size=(80, 24)) as pilot:
        year = await loaded(pilot)
        shown = {(spec.key, spec.description) for spec in year.query_one(KeyFooter).key_specs()}
        assert ("escape", "Back") in shown
        described = {entry.description for entry in screen_keys(year)}
        assert {"Back", "Scroll Down", "Page Down"} <= described
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeyHelp)
        await pilot.press("escape")
        assert app.screen is year


async def test_at_80x24_the_keyboard_scrolls_to_the_members_goals(tmp_path: Path) -> None:
    app = app_on(year_repo(tmp_path / "home"), YearScreen(CIRCLE))
    async with app.run_test(size=(80, 24)) as pilot:
        year = await loaded(pilot)
        body = year.query_one("#year-body", VerticalScroll)
        members = year.query_one("#year-members")
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        assert members.region.y >= body.region.bottom  # below the fold at first
        await pilot.press("end")
        await until(pilot, lambda: body.scroll_y == body.max_scroll_y, "the body to scroll to its end")
        assert body.region.contains_region(members.region)


# -- what it shows -------------------------------------------------------------


async def test_the_year_of_a_circle_with_sessions(tmp_path: Path) -> None:
    app = app_on(year_repo(tmp_path / "home"), YearScreen(CIRCLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        # The session held over a year before today is not in it.
        assert text_of(app, "#year-span").startswith("16 sessions from 9 Sep 2025 to 6 Jan 2026")
        chart = text_of(app, "#year-chart", width=80)
        # The goal changes made in the sample's sessions, each under its own session's column.
        assert row_of(chart, "Goals set").split()[2:18] == list("32········2·····")
        assert row_of(chart, "  achieved").split()[1:17] == list("······1······1··")
        assert row_of(chart, "  reworked").split()[1:17] == list("······1·········")
        assert row_of(chart, "  dropped").split()[1:17] == list("······1·········")
        assert row_of(chart, "Goals set").rstrip().endswith("7 in the term")
        for label in ("Attendance", "Voice balance", "Time vs plan", "  Challenge sharing"):
            cells = row_of(chart, label)[23:23 + 32].split()
            assert len(cells) == 16 and all(set(c) <= set("▁▂▃▄▅▆▇█") for c in cells), label
        assert "→" in row_of(chart, "Voice balance")  # the term's first half against its second
        assert row_of(chart, " " * 23).split() == ["Sep", "Oct", "Nov", "Dec", "Jan", "26"]
        members = text_of(app, "#year-members")
        assert "Jo [b]Kim[/b]" in members  # a name is text, never markup
        lena = next(line for line in members.splitlines() if "Lena Vogel" in line)
        assert "15 of 16" in lena and "30%" in lena and "1 active · 1 reworked" in lena
        assert "Ruth Former (former)" in members and "1 dropped" in members
        assert "Marco Rossi (you)" in members and "Lena Vogel (you)" not in members  # the viewer's own line
        # The report of the same days, for a script or a screen reader.
        assert text_of(app, "#year-report").endswith("circle report year-9-circle --since 2025-01-20")


async def test_a_circle_without_sessions_says_so(tmp_path: Path) -> None:
    app = app_on(year_repo(tmp_path / "home"), HistoryScreen(QUIET))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        year = await loaded(pilot)
        assert text_of(app, "#year-span") == "No sessions yet: s on the circle starts one."
        assert not year.query_one("#year-chart").display
        assert not year.query_one("#year-members").display
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_a_circle_whose_sessions_are_all_over_a_year_old(tmp_path: Path) -> None:
    repo = year_repo(tmp_path / "home")
    later = CircleApp(repo, start=lambda: YearScreen(CIRCLE), clock=clock())
    later.clock.advance(400 * 24 * 3600)
    async with later.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert text_of(later, "#year-span") == "No sessions in the last twelve months: s on the circle starts one."
        assert "Marco Rossi" in text_of(later, "#year-members")  # their goals are still theirs to see


class NotedYear(YearScreen):
    """The year view, keeping what it tells the user."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.notes: list[str] = []

    def notify(self, message: str, **options) -> None:  # type: ignore[override]
        self.notes.append(message)


async def test_a_damaged_session_file_leaves_the_rest_of_the_year(tmp_path: Path) -> None:
    repo = year_repo(tmp_path / "home")
    damaged = repo.session_file(CIRCLE, repo.session_ids(CIRCLE)[3])
    damaged.write_text('{"session": {"1": {"id": ', encoding="utf-8")
    screen = NotedYear(CIRCLE)
    app = app_on(repo, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert text_of(app, "#year-span").startswith("15 sessions from 9 Sep 2025")
        assert any(damaged.name in note for note in screen.notes)
    assert damaged.read_text(encoding="utf-8") == '{"session": {"1": {"id": '


async def test_a_circle_that_cannot_be_read_says_so_on_the_year(tmp_path: Path) -> None:
    repo = year_repo(tmp_path / "home")
    (repo.home / "circles" / CIRCLE / "circle.json").write_bytes(b"\x00" * 16)
    screen = NotedYear(CIRCLE)
    app = app_on(repo, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.notes, "the year to say what failed")
        assert text_of(app, "#year-span").startswith("Cannot read the year: ")
        assert "circle.json" in screen.notes[0]
        assert not screen.query_one("#year-chart").display


# -- the charts ----------------------------------------------------------------


def test_bars_keep_a_fixed_scale() -> None:
    assert bar_column(1.0, 1) == ["█"] and bar_column(0.5, 1) == ["▄"]
    assert bar_column(0.0, 1) == ["▁"] and bar_column(0.01, 1) == ["▁"]  # any figure shows
    assert bar_column(None, 2) == [" ", "·"]
    assert bar_column(0.5, 3) == [" ", "▄", "█"]
    assert bar_column(0.92, 1) == ["▇"] and bar_column(0.95, 1) == ["█"]  # never stretched between them
    # Twice as long as planned fills the bar no more than half as long again does.
    assert time_against_plan(600, 600) == 0.5
    assert time_against_plan(600, 900) == time_against_plan(600, 1200) == 1.0
    assert time_against_plan(600, 660) == pytest.approx(0.6)
    assert time_against_plan(0, 100) is None


def test_counts_fit_their_column() -> None:
    assert count_text(0, 1) == "·" and count_text(3, 1) == "3"
    assert count_text(12, 1) == "+" and count_text(12, 2) == "12"


def test_month_names_stand_under_each_month_first_session() -> None:
    days = [date(2025, 9, 30), date(2025, 10, 7), date(2025, 10, 14), date(2025, 10, 21), date(2025, 11, 4)]
    assert month_axis(days, 4, 80) == "Sep Oct" + " " * 9 + "Nov"
    assert month_axis(days, 1, 80) == "Sep Nov"  # Oct would run into Sep
    assert month_axis([date(2025, 12, 30), date(2026, 1, 6)], 5, 80) == "Dec  Jan 26"


def test_a_narrow_chart_shows_the_latest_sessions_and_says_so() -> None:
    days = [date(2025, 1, 1)] * 30
    chart = YearChart([BarRow("Voice", [i / 29 for i in range(30)]), CountRow("Set", [1] * 30)], days)
    lines = [str(line) for line in chart.lines(26)]
    assert lines[0].startswith("Voice ") and lines[0].endswith("█")  # the newest session is there
    assert len(lines[1].split()[1]) == 20
    assert lines[-1].startswith("The first 10 sessions do not fit this width")


# -- snapshots -------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_year(snap_compare, tmp_path: Path, size) -> None:
    async def run_before(pilot) -> None:
        await loaded(pilot)

    app = app_on(year_repo(tmp_path / "home"), YearScreen(CIRCLE))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_the_sessions_keep_their_columns_before_the_notes() -> None:
    days = [date(2025, 1, 1)] * 40
    rows = [BarRow("Voice balance", [0.5] * 40, Text("0.70 → 0.86"))]
    every = [str(line) for line in YearChart(rows, days).lines(60)]
    assert every[0] == "Voice balance " + "▄" * 40  # all forty, and no room for the note
    assert every[-1] == "A wider terminal shows each row's figures beside it."
    wide = [str(line) for line in YearChart(rows, days).lines(120)]
    assert wide[0].endswith(" 0.70 → 0.86") and len(wide) == 2


def test_phases_are_charted_by_kind_under_their_first_title() -> None:
    def held(day: int, *phases: PhaseTime) -> SessionRow:
        return SessionRow(str(day), date(2025, 10, day), "p", AttendanceCounts(4, 0, 0, 0), 1.0, phases, {})

    rows = phase_rows([
        held(1, PhaseTime("opener", "Positive opener", 600, 600),
             PhaseTime("challenge", "Challenge sharing", 900, 1350)),
        held(8, PhaseTime("opener", "Opening round", 600, 300), PhaseTime("case", "Case story", 1200, 1200)),
    ])
    assert [(r.label, list(r.values)) for r in rows] == [  # type: ignore[union-attr]
        ("  Positive opener", [0.5, 0.0]),
        ("  Challenge sharing", [1.0, None]),  # the second session's plan had none
        ("  Case story", [None, 0.5]),
    ]
    assert [str(r.note) for r in rows] == ["on plan → -5 min", "+8 min", "on plan"]
