"""An error inside the app prints no traceback: run() raises it for the command's one line."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from circle.ui.app import CircleApp


class Broken(Screen[None]):
    def on_mount(self) -> None:
        raise LookupError("slug")


def test_an_error_in_a_screen_is_raised_by_run_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    app = CircleApp(None, start=Broken)
    with pytest.raises(LookupError, match="slug"):
        app.run(headless=True, size=(80, 24))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.err == ""
