"""What a command prints: stored text can hold anything, the terminal must receive none of it
as a control. JSON keeps every value exact (as escapes); a guard on stdout and stderr spells
out any control character left in plain output, errors included, and over SSH writes the
server's data home as HOME."""

from __future__ import annotations

import json
from typing import Any, TextIO

from circle.domain.text import json_visible, visible
from circle.hints import without_server_paths


def print_json(value: Any) -> None:
    """value as indented JSON; characters a terminal would act on are written as \\u escapes."""
    print(json_visible(json.dumps(value, ensure_ascii=False, indent=2)))


class TerminalGuard:
    """A text stream that writes what it is given with control characters made visible.

    Line breaks and tabs pass; everything else a terminal would act on (escape sequences,
    bidi overrides, line separators) is spelled out, e.g. ``\\x1b``. A teacher over SSH
    reads no path of the server: the data home is written HOME.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(without_server_paths(text), one_line=False))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding, buffer ...: those of the stream guarded.
        return getattr(self._stream, name)
