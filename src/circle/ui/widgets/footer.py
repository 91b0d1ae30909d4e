"""The key footer every circle screen shows."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, rebuilt once for a burst of key changes rather than once per change.

    Opening a screen changes its keys several times before the next frame (the screen
    becomes current, a widget takes focus, a key is enabled); the stock footer rebuilds
    all its keys for each, and each rebuild reads the same final keys.
    """

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_pending:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)
        if self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen:
            self._rebuild_pending = True

    async def recompose(self) -> None:
        self._rebuild_pending = False
        await super().recompose()
