"""The phase strip: every cell keeps its number at 80 columns, and the running phase shows
its time used to the second while the other cells keep whole minutes."""

from __future__ import annotations

from textual.geometry import Region

from session_driver import advance, make_app, start_session

from circle.ui.widgets.phase_strip import PhaseCell, StripCell, cell_lines, time_line, title_line


def first_lines(screen) -> list[str]:
    return [str(cell.render()).splitlines()[0] for cell in screen.query(".phase-cell")]


def time_lines(screen) -> list[str]:
    return [str(cell.render()).splitlines()[1] for cell in screen.query(".phase-cell")]


async def test_every_cell_keeps_its_number_at_80_columns_whichever_phase_is_current(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        for current in range(5):
            lines = first_lines(screen)
            for number, line in enumerate(lines, 1):
                mark = "▶" if number == current + 1 else ""
                assert line.startswith(f"{mark}{number}") or line.startswith(f"{mark} {number}"), lines
            await pilot.press("right_square_bracket")
            await pilot.pause()


async def test_the_running_phase_shows_minutes_and_seconds_the_others_whole_minutes(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        await advance(pilot, clock, 40)
        assert time_lines(screen) == ["0:40 / 8 min", "0 / 12 min", "0 / 15 min", "0 / 17 min", "0 / 8 min"]
        await advance(pilot, clock, 1)
        assert time_lines(screen)[0] == "0:41 / 8 min"
        await pilot.press("right_square_bracket")
        await advance(pilot, clock, 75)
        assert time_lines(screen)[:2] == ["0 / 8 min", "1:15 / 12 min"]  # the phase left: whole minutes


async def test_a_tick_redraws_the_time_line_of_the_running_phase_alone(repo, circle, clock, monkeypatch) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        cells = list(screen.query(StripCell))
        refreshed: list[tuple[int, tuple]] = []
        original = StripCell.refresh

        def refresh(self, *regions, **kwargs):
            refreshed.append((cells.index(self), regions))
            return original(self, *regions, **kwargs)

        monkeypatch.setattr(StripCell, "refresh", refresh)
        regions = [cell.region for cell in cells]
        for _ in range(3):
            await advance(pilot, clock, 1)
        line = Region(0, 1, cells[0].size.width, 1)
        assert refreshed == [(0, (line,))] * 3  # once a second: the running cell's time line only
        assert [cell.region for cell in cells] == regions


def test_a_narrow_cell_shortens_the_title_never_the_number() -> None:
    assert title_line(3, "Open-ended questions", False, 12) == "3 Open-ende…"
    assert title_line(1, "Positive opener", True, 12) == "▶1 Positive…"
    assert title_line(4, "SMART goal updates", False, 12) == "4. SMART…"
    assert title_line(5, "Positive close", True, 40) == "▶ 5. Positive close"
    assert title_line(2, "Supercalifragilistic", True, 6).startswith("▶2 ")


def test_the_time_line_fits_a_narrow_cell_numbers_first() -> None:
    running = PhaseCell("Challenge sharing", 12 * 60, 12 * 60 + 5)
    assert time_line(running, True) == "12:05 / 12 min"
    assert time_line(running, True, 13) == "12:05/12 min"
    assert time_line(running, True, 9) == "12:05/12"
    assert time_line(running, False, 13) == "12 / 12 min"
    assert "\n".join(cell_lines(2, running, True, 13)) == "▶2 Challenge…\n12:05/12 min"
