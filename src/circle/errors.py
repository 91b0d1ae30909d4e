"""The base of every error circle reports to a user: a message that says what and where."""

from __future__ import annotations

from typing import Any

from circle.hints import without_server_paths


class CircleError(Exception):
    """An error with a message fit for the user; the CLI prints it on stderr, a screen in a notice.

    Over SSH the message names no path of the server (the data home is written HOME), on
    every screen and stream it reaches."""

    exit_code = 1

    def __init__(self, *args: Any) -> None:
        super().__init__(*(without_server_paths(arg) if isinstance(arg, str) else arg for arg in args))
