"""The stage's main column: timers, prompt card, goals. Where its content is taller than the
room (a case story with its ideas at 80x24) it scrolls, and a line at its foot says that
more is below or above, and which key scrolls to it."""

from __future__ import annotations

from textual.widget import Widget

from circle.ui.widgets.backdrop import BackdropVertical
from circle.ui.widgets.text_line import TextLine

MORE_BELOW = "▼ more below"
MORE_ABOVE = "▲ more above"


class StageColumn(BackdropVertical):
    """Holds a TextLine #stage-more, the cue (docked at its foot by the styles).

    ``scroll_keys``: the keys that scroll it, as the cue names them (down, up); None where no
    key does (a follower's screen)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scroll_keys: tuple[str, str] | None = None
        self.kept_in_view: Widget | None = None

    def on_mount(self) -> None:
        # Scrolled, resized or its content grown or shrunk: what the cue says may change.
        self.watch(self, "scroll_y", self.show_cue, init=False)
        self.watch(self, "virtual_size", self.show_cue, init=False)

    def on_resize(self) -> None:
        self.show_cue()

    def cue_text(self) -> str:
        below = self.scroll_y < self.max_scroll_y
        above = self.scroll_y > 0
        if not (below or above):
            return ""
        words, key = (MORE_BELOW, 0) if below else (MORE_ABOVE, 1)
        return f"{words}: {self.scroll_keys[key]} scrolls" if self.scroll_keys else words

    def show_cue(self, *_changed: object) -> None:
        if not self.is_attached:
            return
        text = self.cue_text()
        cue = self.query_one("#stage-more", TextLine)
        cue.update(text)
        cue.set_class(bool(text), "-shown")
        if self.kept_in_view is not None:  # laid out again (a scroll bar, the cue): still in view
            self.call_after_refresh(self.kept_in_view.scroll_visible, animate=False, top=True)

    def keep_in_view(self, widget: Widget | None) -> None:
        """Scroll the widget's top to the column's top, or as far as the column goes, and keep
        it there as the column is laid out again; None: back to the column's top."""
        self.kept_in_view = widget
        if widget is None:
            self.scroll_home(animate=False)
        else:
            self.call_after_refresh(widget.scroll_visible, animate=False, top=True)

    def scroll_pages(self, pages: int) -> None:
        """A page down or up, from where the reader is now."""
        self.kept_in_view = None
        (self.scroll_page_down if pages > 0 else self.scroll_page_up)(animate=False)
