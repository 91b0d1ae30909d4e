"""An unexpected error prints one line naming a crash report (0600, in the data home), never a traceback."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

import circle.commands.circles as circles_command
from circle.cli import CRASH_EXIT, main


def test_unexpected_error_gives_one_line_and_a_private_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "home"

    def broken(args):
        raise KeyError("slug\x1b[2J")

    monkeypatch.setattr(circles_command, "run_list", broken)
    assert main(["--home", str(home), "circles"]) == CRASH_EXIT
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("circle: `circle circles` failed unexpectedly (KeyError")
    assert "\x1b" not in captured.err
    reports = list((home / "crashes").iterdir())
    assert len(reports) == 1 and str(reports[0]) in lines[0]
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert "Traceback" in reports[0].read_text() and "KeyError" in reports[0].read_text()


def test_report_that_cannot_be_written_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "home"
    main(["--home", str(home), "circles"])
    (home / "crashes").symlink_to(tmp_path)  # a planted link is never followed

    def broken(args):
        raise ValueError("boom")

    monkeypatch.setattr(circles_command, "run_list", broken)
    assert main(["--home", str(home), "circles"]) == CRASH_EXIT
    err = capsys.readouterr().err
    assert "no crash report could be written" in err and len(err.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["home"]
