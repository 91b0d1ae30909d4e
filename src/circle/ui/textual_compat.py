"""The few private Textual names circle uses, each for what no public API offers.

Checked against Textual 8.2.8 (the version pyproject admits); tests/ui/test_textual_compat.py
fails if Textual changes any of them.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache

CHECKED_AGAINST = "8.2.8"


def forget_removed_widgets() -> None:
    """Let go of what Textual keeps of widgets already removed (their drawn lines).

    Why private: ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so each of its
    1,024 entries keeps a widget's style cache, with every line it drew, after the widget is
    gone: each toast and each dialog opened adds one (about 20 KiB), and a long session fills
    it (Textual issue #6665; a reproduction in docs/textual-styles-cache.md). Emptying it costs
    each widget on screen two Style objects at its next draw."""
    StylesCache.get_inner_outer.cache_clear()
