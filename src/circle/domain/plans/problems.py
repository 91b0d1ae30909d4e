"""Problems found in a plan or deck file, and the TOML reading both checks share.

A problem names the file, the part of it (a phase or a prompt, by number and
title) and the key, so a user can go straight to the line to fix.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from typing import Any, Collection, Iterable

from circle.domain.text import has_control
from circle.errors import CircleError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    key: str | None = None
    part: str | None = None  # "phase" or "prompt"
    number: int | None = None  # 1-based position of the part in the file
    title: str | None = None  # the part's title (or id), when it has one
    severity: str = ERROR
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        places = [self.file]
        if self.line is not None:
            places.append(f"line {self.line}, column {self.column}")
        if self.part is not None:
            label = f"{self.part} {self.number}"
            if self.title:
                label += f" ({self.title})"
            places.append(label)
        if self.key is not None:
            places.append(self.key)
        return ": ".join(places)

    def __str__(self) -> str:
        tag = "warning: " if self.severity == WARNING else ""
        return f"{self.where()}: {tag}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "severity": self.severity,
            "part": self.part,
            "number": self.number,
            "title": self.title,
            "key": self.key,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class FileProblems(CircleError):
    """A file that cannot be used: its message lists every error, one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


MAX_TOML_CHARS = 256 * 1024  # a plan or deck is a few kilobytes; more is not one
MAX_TOML_DEPTH = 8  # tables and lists inside each other; plans and decks need three


def read_toml(text: str, file: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """Parse TOML text; on failure, a problem with the line and column where it broke.

    A leading byte-order mark (some editors write one) is fine; text sized or nested
    beyond any plan or deck is refused before or after parsing, never a crash.
    """
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_TOML_CHARS:
        return None, Problem(file, f"is {len(text)} characters long; a plan or deck file has at most {MAX_TOML_CHARS}")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        return None, Problem(file, f"nests lists or tables more than {MAX_TOML_DEPTH} deep")
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line, column = _end_of(text)
        found = _POSITION.search(message)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = message[: found.start()]
        else:
            message = _AT_END.sub("", message)
        return None, Problem(file, f"not valid TOML: {message}", line=line, column=column)
    if _depth(data) > MAX_TOML_DEPTH:
        return None, Problem(file, f"nests lists or tables more than {MAX_TOML_DEPTH} deep")
    return data, None


def _depth(value: Any) -> int:
    # Iterative: a document nested deep enough to stop recursion must not stop this check.
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth + 1)
            if deepest > MAX_TOML_DEPTH:
                return deepest
            pending.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _end_of(text: str) -> tuple[int, int]:
    # The end of the last line with content: where the unfinished value starts to be missing.
    lines = text.rstrip("\r\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def type_name(value: object) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "text",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def label(value: object) -> str | None:
    """A title or id fit to print in a message: on one line, no control characters."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text if text and not has_control(text) else None


def is_number(value: object) -> bool:
    # bool is an int in Python, but `minutes = true` is a mistake, not a length.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def key_problems(
    table: dict[str, Any], allowed: Collection[str], required: Collection[str]
) -> list[tuple[str, str]]:
    """(key, message) for every required key missing and every key not allowed."""
    found = [(key, "missing key") for key in required if key not in table]
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, list(allowed), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            found.append((key, f"unknown key{hint} (allowed: {', '.join(sorted(allowed))})"))
    return found
