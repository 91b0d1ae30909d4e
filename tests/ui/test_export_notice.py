"""The export notice shows the folder's path whole at 80x24, on lines of its own, never cut."""

from __future__ import annotations

from pathlib import Path

from circle.ui.app import CircleApp
from circle.ui.home.export_key import notice_width, path_lines
from circle.ui.home.history_screen import HistoryScreen
from home_sample import clock, sample_repo


async def test_the_exported_folder_is_shown_whole_at_80_columns(tmp_path: Path) -> None:
    # A deep data home, as a school's server may have: longer than the notice is wide.
    repo = sample_repo(tmp_path / "a-school-server" / "teachers" / "data-homes" / "home")
    screen = HistoryScreen("year-7-team")
    app = CircleApp(repo, start=lambda: screen, clock=clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        width = notice_width(app.screen)
        assert width == 36  # Textual's toast: half of 80 columns, less padding and its coloured edge
        folder = f"{repo.home / 'exports' / 'year-7-team'}/"
        assert len(folder) > width  # one line could not hold it
        lines = [n.message for n in app._notifications][-1].splitlines()
        assert lines[0] == "Exported to"
        names = next(i for i, line in enumerate(lines) if line.endswith(".json"))
        assert "".join(lines[1:names]) == folder
        assert all(len(line) <= width for line in lines[1:names])


def test_a_path_breaks_after_a_slash_and_inside_a_name_only_when_it_must() -> None:
    assert path_lines("/srv/circle/exports/year-7/", 12) == ["/srv/circle/", "exports/", "year-7/"]
    assert path_lines("/a/" + "x" * 10 + "/", 6) == ["/a/", "xxxxxx", "xxxx/"]
    assert path_lines("/short/", 40) == ["/short/"]
