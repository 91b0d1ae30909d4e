"""The base of every error circle reports to a user: a message that says what and where."""

from __future__ import annotations


class CircleError(Exception):
    """An error with a message fit for the user; the CLI prints it on stderr."""

    exit_code = 1
