"""A circle file of the wrong shape (a member without an id) shows as damaged on the home
screen, and every other circle is listed as usual."""

from __future__ import annotations

import json
from pathlib import Path

from circle.ui.app import CircleApp
from circle.ui.home.home_screen import HomeScreen
from home_sample import clock, sample_repo


async def test_home_lists_the_others_and_names_the_damaged_circle(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    path = tmp_path / "home" / "circles" / "year-7-team" / "circle.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    del tables["members"]["1"]["id"]
    path.write_text(json.dumps(tables), encoding="utf-8")
    app = CircleApp(repo, start=lambda: HomeScreen("alopez"), clock=clock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        cards = {card.slug: card for card in app.screen.cards}
    assert set(cards) == {"year-7-team", "maths-mentors"}  # the actor's circles, the damaged one too
    assert "member record 1: no 'id'" in cards["year-7-team"].problem
    assert not cards["maths-mentors"].problem and cards["maths-mentors"].members
