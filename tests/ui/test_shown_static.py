"""A ShownStatic updates only for content drawn differently, and lays the screen out only
when its height changes."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from circle.ui.widgets.shown_static import ShownStatic, shown_as


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield ShownStatic(id="line")


def test_text_in_another_base_style_is_drawn_differently() -> None:
    # Rich's Text compares bold and dim text with the same characters as equal.
    assert Text("Ana", style="bold") == Text("Ana", style="dim")
    assert shown_as(Text("Ana", style="bold")) != shown_as(Text("Ana", style="dim"))
    assert shown_as(Text("Ana", style="bold")) == shown_as(Text("Ana", style="bold"))


async def test_the_same_content_is_not_shown_again_and_a_same_height_change_lays_nothing_out(
        monkeypatch) -> None:
    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        line = app.query_one(ShownStatic)
        assert line.show(Text("Ana speaks"))
        await pilot.pause()
        layouts: list[bool] = []
        original = ShownStatic.refresh
        monkeypatch.setattr(ShownStatic, "refresh",
                            lambda self, *a, layout=False, **k: (layouts.append(layout),
                                                                 original(self, *a, layout=layout, **k))[1])
        assert not line.show(Text("Ana speaks"))
        assert line.show(Text("Ana speaks", style="bold"))  # another look: shown
        assert line.show(Text("Ben speaks"))  # one line as before: no layout
        await pilot.pause()
        assert layouts and not any(layouts)
        assert line.show(Text("Ben\nspeaks"))  # two lines: the screen is laid out again
        await pilot.pause()
        assert any(layouts)
        assert "Ben" in str(line.render())
