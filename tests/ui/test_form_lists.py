"""A drop-down opened in a form at 80x24 never covers the rows below it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Select

from circle.ui.app import CircleApp
from circle.ui.home.circle_screen import CircleScreen
from home_sample import clock, sample_repo


async def test_the_role_list_pushes_the_rows_below_it_down(tmp_path: Path) -> None:
    screen = CircleScreen("year-7-team")
    app = CircleApp(sample_repo(tmp_path / "home"), start=lambda: screen, clock=clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Gus Hale", "enter")  # on to the role
        await pilot.pause()
        role = app.screen.query_one("#member-role", Select)
        await pilot.press("space")
        await pilot.pause()
        assert role.expanded
        listed = role.query_one("SelectOverlay").region
        assert listed.height >= 3  # mentor, mentee, peer
        # Beside "Experience" the list read as its value ("Experience mentor"): no row below
        # the role's shares a line with the open list.
        rows = list(app.screen.query(".form-row"))
        below = rows[[row.region.y for row in rows].index(role.parent.region.y) + 1:]
        labels = [str(label.render()) for row in below for label in row.query(Label)]
        assert labels[:2] == ["Experience", "Login name"]
        for row in below:
            assert row.region.y >= listed.bottom, f"the open list covers the row of {row.query_one(Label).render()}"
        await pilot.press("escape")
        await pilot.pause()
        assert not role.expanded
