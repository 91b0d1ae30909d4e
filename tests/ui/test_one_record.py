"""One record of a session: the end summary, the history, the Markdown and the JSON export
show the same figures, for a session with every attendance case and a crash gap.

Each rendering is read back as text and its figures parsed out of it: attendance (with the
times of late arrivals and early leavers) and the present count, each member's airtime and
share, each phase's planned and actual time, and who drove and the time nobody did.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable, Static

from circle.domain.clock import ManualClock
from circle.domain.durations import duration_text
from circle.domain.reports.export_markdown import render_markdown
from circle.domain.session.attendance import Attendee, attendance_rows, present_count
from circle.domain.session.summary import facilitation_lines, share_text
from circle.live.driver import LiveSession
from circle.live.setup import prepare
from circle.store.exports import session_export
from circle.store.repository import Repository
from circle.ui.app import CircleApp
from circle.ui.home.history_screen import HistoryScreen
from circle.ui.home.summary_view import SummaryScreen as PastSummary
from circle.ui.session.summary import SummaryScreen
from circle.ui.widgets.airtime_chart import AirtimeChart

Figures = dict[str, Any]


def plain(content: Any) -> str:
    if isinstance(content, (str, Text)):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def static(app: CircleApp, selector: str) -> str:
    return plain(app.screen.query_one(selector, Static).content)


def run_session(repo: Repository, circle: dict, clock: ManualClock) -> tuple[LiveSession, dict[str, Any], dict]:
    """Ana there throughout, Ben from the start until he left, Chen absent at check-in and
    late, Dara late and gone before the end, Eve absent; the driver crashed in between."""
    ana, ben, chen, dara = circle["member_ids"]
    eve = repo.add_member(circle["slug"], "Eve Stone", role="peer", experience="veteran").id
    names = {ana: "Ana Ruiz", ben: "Ben Okafor", chen: "Chen Li", dara: "Dara [bold]Quinn[/bold]", eve: "Eve Stone"}
    live = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    live.begin({ana: True, ben: True, chen: False, dara: False, eve: False})

    def speak(member: str, seconds: float) -> None:
        while live.engine.speaker != member:
            live.act(lambda engine: engine.next_speaker())
        clock.advance(seconds)

    speak(ana, 60)
    speak(ben, 30)
    clock.advance(0)
    live.act(lambda engine: engine.check_in(chen))  # 15:31:30
    clock.advance(20)  # Ben goes on
    live.act(lambda engine: engine.check_in(dara))  # 15:31:50
    speak(chen, 45)
    live.act(lambda engine: engine.next_speaker())  # the last word before the crash
    live.lock.release(state=None)  # killed: the lock drops, nothing more is written
    clock.advance(80)
    setup = prepare(repo, circle["slug"], "community-60")  # `circle run` again: it offers the session
    again = LiveSession.resume(setup, setup.unfinished, setup.plan, clock)
    live = again

    speak(dara, 20)
    again.act(lambda engine: engine.check_in(dara, False))
    again.act(lambda engine: engine.next_phase())  # challenge sharing: Ana first
    speak(ana, 15)
    again.act(lambda engine: engine.check_in(ben, False))
    summary = again.finish()
    return again, summary, names


# -- each rendering's figures, parsed from its text ----------------------------


def attendance_from_lines(lines: list[str]) -> dict[str, list[str]]:
    rows = {}
    for line in lines:
        label, _, people = line.strip().lstrip("-").strip().partition(": ")
        if label in ("Present", "Joined late", "Left early", "Absent"):
            rows[label] = [] if people == "nobody" else people.split(", ")
    return rows


def end_summary_figures(app: CircleApp) -> Figures:
    attendance = static(app, "#summary-attendance").splitlines()
    count = re.fullmatch(r"Attendance: (\d+ of \d+) present", attendance[0])
    chart = app.screen.query_one(AirtimeChart)
    airtime = {}
    for y, row in enumerate(chart.rows):  # a long name is cut short on screen: the row holds it whole
        line = chart.render_line(y).text.rstrip()
        match = re.fullmatch(r"(.+?) +█* +(\d+:\d\d) +(\d+%)", line)
        assert match and row.name.startswith(match[1].rstrip("…")), line
        airtime[row.name] = (match[2], match[3])
    phases = {}
    for line in static(app, "#summary-phases").splitlines():
        match = re.match(r"\d+\. (.+?) +(\d+:\d\d) +(\d+:\d\d) ", line)
        if match:
            phases[match[1]] = (match[2], match[3])
    drivers = [line.strip() for line in static(app, "#summary-drivers").splitlines()[1:]]
    return {"count": count and count[1], "attendance": attendance_from_lines(attendance[1:]),
            "airtime": airtime, "phases": phases, "facilitation": drivers}


def history_figures(row: list[str], text: str) -> Figures:
    lines = text.splitlines()
    count = re.search(r"· +(\d+ of \d+) present +·", lines[0])
    assert count and count[1] == row[2], (row, lines[0])  # the history's table and its summary
    airtime, phases, section = {}, {}, ""
    for line in lines:
        if line.strip() in ("Phases", "Airtime"):
            section = line.strip()
        elif section == "Phases" and (match := re.fullmatch(r" *(.+?) +(\d+:\d\d) +(\d+:\d\d)", line.rstrip())):
            phases[match[1]] = (match[2], match[3])
        elif section == "Airtime" and (match := re.fullmatch(r" *(.+?) +(\d+:\d\d) +[█░]+ +(\d+%)", line.rstrip())):
            airtime[match[1]] = (match[2], match[3])
    drivers = [line.strip().lstrip("•").strip() for line in lines if line.strip().startswith("•")]
    return {"count": count[1], "attendance": attendance_from_lines(lines), "airtime": airtime,
            "phases": phases, "facilitation": drivers}


def markdown_figures(md: str) -> Figures:
    lines = md.splitlines()
    count = next(re.fullmatch(r"- (\d+ of \d+) present", line) for line in lines if line.endswith(" present"))
    airtime, phases = {}, {}
    for line in lines:
        if match := re.fullmatch(r"\| (.+?) \| (\d+:\d\d) \| (\d+%) \| \d+ \|", line):
            airtime[match[1].replace("\\", "")] = (match[2], match[3])
        elif match := re.fullmatch(r"\| (.+?) \| (\d+:\d\d) \| (\d+:\d\d) \|", line):
            phases[match[1]] = (match[2], match[3])
    section = md.split("## Facilitation")[1].split("##")[0]
    drivers = [line[2:] for line in section.strip().splitlines()]
    attendance = md.split("## Attendance")[1].split("##")[0].replace("\\", "").splitlines()
    return {"count": count[1], "attendance": attendance_from_lines(attendance), "airtime": airtime,
            "phases": phases, "facilitation": drivers}


def json_figures(export: dict[str, Any], names: dict[str, str]) -> Figures:
    """The JSON's values, written as the other three write them."""
    rows = [Attendee.from_dict(row) for row in export["attendance"]]
    assert present_count(rows) == f"{export['attended']} of {export['invited']}"
    return {
        "count": present_count(rows),
        "attendance": dict(attendance_rows(rows, names)),
        "airtime": {names[row["member"]]: (duration_text(row["seconds"]), share_text(row["share"]))
                    for row in export["airtime"]},
        "phases": {p["title"]: (duration_text(p["planned_seconds"]), duration_text(p["actual_seconds"]))
                   for p in export["phases"]},
        "facilitation": facilitation_lines(export["drivers"], export["gaps"]),
    }


# -- the test ------------------------------------------------------------------


async def test_the_four_views_of_a_session_agree_figure_by_figure(repo, circle, clock) -> None:
    live, summary, names = run_session(repo, circle, clock)
    slug, session_id = circle["slug"], str(live.session_id)
    export = session_export(repo, slug, session_id)

    app = CircleApp(repo, start=lambda: SummaryScreen(live, summary), clock=clock)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        at_end = end_summary_figures(app)

    app = CircleApp(repo, start=lambda: HistoryScreen(slug), clock=clock)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#session-table", DataTable)
        row = [plain(cell) for cell in table.get_row_at(0)]
        chart = static(app, "#airtime-history")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastSummary)
        history = history_figures(row, static(app, "#summary-text"))

    in_markdown = markdown_figures(render_markdown(export))
    in_json = json_figures(export, names)

    expected = {
        "count": "4 of 5",
        "attendance": {"Present": ["Ana Ruiz", "Ben Okafor"], "Joined late": ["Chen Li at 15:31", "Dara [bold]Quinn[/bold] at 15:31"],
                       "Left early": ["Ben Okafor at 15:34", "Dara [bold]Quinn[/bold] at 15:34"], "Absent": ["Eve Stone"]},
        # 60 + 15, 30 + 20, 45, 20 of 190 seconds: leavers and late arrivals included.
        "airtime": {"Ana Ruiz": ("1:15", "39%"), "Ben Okafor": ("0:50", "26%"), "Chen Li": ("0:45", "24%"),
                    "Dara [bold]Quinn[/bold]": ("0:20", "11%")},
    }
    for name, figures in (("end summary", at_end), ("history", history), ("markdown", in_markdown)):
        assert figures == in_json, name
    assert {key: in_json[key] for key in expected} == expected
    gap = export["gaps"]
    assert len(gap) == 1 and gap[0]["seconds"] == 80.0
    assert any("nobody drove the session for 1:20 (not counted" in line for line in in_json["facilitation"])
    opener, challenge = list(in_json["phases"].values())[:2]
    assert (opener[1], challenge[1]) == ("2:55", "0:15")  # 155 s before the crash and 20 after: not the gap

    # The history's chart: one session, so each member's average share is that session's.
    for name, (_, share) in expected["airtime"].items():
        line = next(line for line in chart.splitlines() if line.strip().startswith(name))
        assert f" {share}" in line and "not present" not in line, line
    assert "not present" in next(line for line in chart.splitlines() if line.strip().startswith("Eve Stone"))
