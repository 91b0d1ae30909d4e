"""`circle report CIRCLE` on a laptop: plain text by default, with sparklines, in 80 columns;
JSON and CSV of the same figures; a --since that does not read gets one line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from circle.cli import main
from circle.commands import report
from circle.domain.clock import ManualClock
from circle.domain.reports.sparkline import BLOCKS

from server.report_home import ReportHome  # tests/unit is on the path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ReportHome:
    return ReportHome(tmp_path_factory.mktemp("report") / "home", circles=1, members=4, sessions=4)


def run(capfd: pytest.CaptureFixture[str], home: Path, *words: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), "--actor", "setup", "report", *words])
    out, err = capfd.readouterr()
    return code, out, err


def test_plain_is_the_default_and_fits_80_columns(built: ReportHome, capfd) -> None:
    slug = built.slugs[0]
    code, default, _ = run(capfd, built.home, slug)
    assert code == 0
    assert run(capfd, built.home, slug, "--plain")[1] == default
    assert "4 sessions held" in default
    assert "voice balance" in default and any(block in default for block in BLOCKS)
    assert "Zqvmember00Xkw" in default  # each member's goals, for the circle's members
    assert max(len(line) for line in default.splitlines()) <= 80


def test_json_and_csv_hold_the_same_sessions(built: ReportHome, capfd) -> None:
    slug = built.slugs[0]
    data = json.loads(run(capfd, built.home, slug, "--json")[1])
    assert [s["attendance"]["present"] for s in data["sessions"]] == [3, 4, 4, 4]
    assert [s["attendance"]["absent"] for s in data["sessions"]] == [1, 0, 0, 0]
    out = run(capfd, built.home, slug, "--csv")[1]
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["session"] for r in rows] == [s["id"] for s in data["sessions"]]
    assert [float(r["voice_balance"]) for r in rows] == [s["voice_balance"] for s in data["sessions"]]
    assert out.count("\r\n") == 5


def test_since_counts_from_a_day(built: ReportHome, capfd, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "clock_factory", lambda: ManualClock(start=datetime(2026, 9, 30, tzinfo=timezone.utc)))
    dated = json.loads(run(capfd, built.home, built.slugs[0], "--json", "--since", "2026-09-14")[1])
    assert [s["date"] for s in dated["sessions"]] == ["2026-09-14", "2026-09-21", "2026-09-28"]
    counted = json.loads(run(capfd, built.home, built.slugs[0], "--json", "--since", "10d")[1])
    assert [s["date"] for s in counted["sessions"]] == ["2026-09-21", "2026-09-28"]


def test_a_since_that_does_not_read_is_one_line(built: ReportHome, capfd) -> None:
    code, out, err = run(capfd, built.home, "--since", "someday")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "cannot read --since 'someday'" in err


def test_an_unknown_circle_is_one_line(built: ReportHome, capfd) -> None:
    code, out, err = run(capfd, built.home, "nowhere")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "nowhere" in err


@pytest.mark.parametrize("form", ["--plain", "--json", "--csv"])
def test_reports_print_without_importing_textual_or_rich(built: ReportHome, form: str) -> None:
    code = (
        "import sys\n"
        "from circle.cli import main\n"
        f"assert main(['--home', {str(built.home)!r}, 'report', {built.slugs[0]!r}, {form!r}]) == 0\n"
        f"assert main(['--home', {str(built.home)!r}, 'report', {form!r}]) == 0\n"
        "assert not {'textual', 'rich'} & set(sys.modules), 'textual or rich was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
