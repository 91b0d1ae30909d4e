"""Text on disk that holds escape sequences (an edit by hand, an older version) is drawn with
them shown as symbols: no line a screen draws carries a character the terminal acts on."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual.geometry import Region

from circle.ui.app import CircleApp
from circle.ui.home.circle_screen import CircleScreen
from circle.ui.home.home_screen import HomeScreen
from home_sample import clock, sample_repo

ACTS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
EVIL = "Year\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202e7\u2028\x9b1m"


def plant(home: Path) -> None:
    path = home / "circles" / "year-7-team" / "circle.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["circle"]["1"].update(name=EVIL, description=EVIL, norms=[EVIL])
    for row in tables["members"].values():
        row["name"] = EVIL + row["name"]
    for row in tables.get("goals", {}).values():
        row["title"] = EVIL
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")


def drawn(app: CircleApp) -> str:
    """Every cell every visible widget of the screen draws, as the terminal would receive it."""
    text = []
    for widget in app.screen.query("*"):
        if widget.display and widget.size.area:
            for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
                text.append("".join(segment.text for segment in strip if not segment.control))
    return "\n".join(text)


async def _check(app: CircleApp) -> str:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = drawn(app)
    assert not ACTS.search(shown.replace("\n", ""))
    return shown


async def test_home_screen_draws_controls_as_symbols(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    plant(tmp_path / "home")
    shown = await _check(CircleApp(repo, start=lambda: HomeScreen("alopez"), clock=clock()))
    assert "Year␛]0;pwned" in shown


async def test_circle_screen_draws_controls_as_symbols(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    plant(tmp_path / "home")
    shown = await _check(CircleApp(repo, start=lambda: CircleScreen("year-7-team"), clock=clock()))
    assert "␛" in shown
