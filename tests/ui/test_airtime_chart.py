"""The airtime chart given less height than it has rows: the last line says how many more."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical

from circle.ui.widgets.airtime_chart import AirtimeChart, AirtimeRow


class Roomy(App[None]):
    CSS = """
    #room { height: 5; }
    AirtimeChart { max-height: 100%; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield AirtimeChart(marked=True)


def lines(chart: AirtimeChart) -> list[str]:
    return [chart.render_line(y).text.rstrip() for y in range(chart.size.height)]


async def test_rows_that_do_not_fit_are_counted_on_the_last_line() -> None:
    app = Roomy()
    async with app.run_test(size=(60, 20)) as pilot:
        chart = app.query_one(AirtimeChart)
        chart.show([AirtimeRow(f"Member {n}", 10.0 * n, "speaking" if n == 1 else "") for n in range(1, 9)])
        await pilot.pause()
        shown = lines(chart)
        assert chart.size.height == 5
        assert shown[0].startswith("▶ Member 1 ") and shown[0].endswith(" 0:10")
        assert shown[3].startswith("  Member 4 ") and shown[3].endswith(" 0:40")
        assert shown[4] == "… and 4 more"

        # The hidden rows still set the scale: the longest bar belongs to a row out of sight.
        room = chart.size.width - len("▶ ") - len("Member 4") - len("0:40") - 3  # the bar's cells
        assert shown[3].count("█") == round(room * 40 / 80)

        # Room for every row: no count line.
        chart.show([AirtimeRow("Member 1", 10.0), AirtimeRow("Member 2", 20.0)])
        await pilot.pause()
        assert chart.size.height == 2
        assert [line.split()[:2] for line in lines(chart)] == [["Member", "1"], ["Member", "2"]]
