"""Where the files shipped with circle live: styles and session plans.

In an installed wheel they sit inside the package; in a source checkout
(editable install or tests) they sit at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def styles_dir() -> Path:
    return _shipped("styles")


def sessions_dir() -> Path:
    """The shipped plan files (``*.toml``)."""
    return _shipped("sessions")


def decks_dir() -> Path:
    """The shipped prompt decks (``*.toml``)."""
    return sessions_dir() / "decks"
