"""Running a store call from a screen: a CircleError becomes a notice, never a crash."""

from __future__ import annotations

from typing import Callable, TypeVar

from textual.dom import DOMNode

from circle.errors import CircleError

T = TypeVar("T")


def attempt(node: DOMNode, what: str, action: Callable[[], T]) -> T | None:
    """action(), or None after telling the user what failed (their data on disk is unchanged)."""
    try:
        return action()
    except CircleError as error:
        node.notify(f"{what}: {error}", severity="error", timeout=10, markup=False)
        return None
