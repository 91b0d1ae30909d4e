"""The app's two themes: the everyday one and a high-contrast one for projectors."""

from __future__ import annotations

from textual.theme import Theme

CIRCLE = Theme(
    name="circle",
    primary="#3a7ca5",
    secondary="#81c3d7",
    accent="#f2c14e",
    warning="#f2a541",
    error="#e4572e",
    success="#6bbf59",
    foreground="#e8ecf1",
    background="#14181f",
    surface="#1c222b",
    panel="#26303c",
    dark=True,
)

# Pure black and white with saturated signal colours: washed-out projectors keep it legible.
HIGH_CONTRAST = Theme(
    name="circle-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffd700",
    error="#ff4040",
    success="#00ff66",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
)

THEMES = (CIRCLE, HIGH_CONTRAST)
