"""Roster import: members for a circle from a CSV file with a header row.

The header names the columns: ``name`` is required; ``role``, ``experience`` and
``username`` are optional; any other column is ignored. Every bad row is
reported with its line number, and a file with any bad row imports nothing, so a
roster never lands half-way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from circle.domain.circles.members import EXPERIENCE, ROLES, Member
from circle.domain.text import name_key, text_problem
from circle.errors import CircleError

COLUMNS = ("name", "role", "experience", "username")
MAX_NAME = 80
# Operating-system login names: letters, digits, dot, dash, underscore.
USERNAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,31}")
_DELIMITERS = (",", ";", "\t")


class RosterError(CircleError):
    """A roster that cannot be imported: not a CSV roster, or with bad rows (all listed)."""

    exit_code = 2


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    role: str
    experience: str
    username: str | None

    def describe(self) -> str:
        login = f", login {self.username}" if self.username else ""
        return f"{self.name} ({self.role}, {self.experience}{login})"


@dataclass(frozen=True)
class RosterProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Roster:
    source: str
    rows: tuple[RosterRow, ...]
    problems: tuple[RosterProblem, ...]

    @property
    def clean(self) -> bool:
        return not self.problems

    def require_clean(self) -> None:
        """Raise RosterError listing every bad row, unless there are none."""
        if self.problems:
            listed = "\n".join(f"  {self.source}, {problem}" for problem in self.problems)
            count = len({problem.line for problem in self.problems})
            raise RosterError(
                f"{self.source}: {count} bad row{'s' if count != 1 else ''}; nothing was imported\n{listed}"
            )


def decode_roster(data: bytes, source: str) -> str:
    """The text of a roster file: UTF-8 (a spreadsheet's byte-order mark is fine)."""
    if b"\x00" in data:
        raise RosterError(f"{source}: this is not a CSV file (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(
            f"{source}: this is not UTF-8 text (bad byte at position {error.start}); "
            "save the roster as CSV UTF-8"
        ) from None


def _header_layout(first_line: str, source: str) -> str:
    """The delimiter that makes the first line a header with a 'name' column."""
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        if "name" in (cell.strip().lower() for cell in cells):
            return delimiter
    shown = first_line.strip()[:60]
    raise RosterError(
        f"{source}: this does not look like a roster CSV: line 1 must be a header row "
        f"with a 'name' column (found {shown!r})"
    )


def parse_roster(text: str, source: str = "roster", existing: Iterable[Member] = ()) -> Roster:
    """Read a roster; raises RosterError when the text is not a CSV roster at all."""
    if "\x00" in text:
        raise RosterError(f"{source}: this is not a CSV file (it holds binary data)")
    lines = text.splitlines()
    if not lines or not text.strip():
        raise RosterError(f"{source}: the file is empty; expected a header row with a 'name' column")
    delimiter = _header_layout(lines[0], source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        index = _column_index(header, source)
        records = []
        previous_end = reader.line_num
        for cells in reader:
            records.append((previous_end + 1, cells))
            previous_end = reader.line_num
    except csv.Error as error:
        raise RosterError(f"{source}, line {reader.line_num}: not valid CSV ({error})") from None
    checker = _RowChecker(existing, len(header))
    for line, cells in records:
        if any(cell.strip() for cell in cells):
            checker.check(line, cells, index)
    return Roster(source, tuple(checker.rows), tuple(checker.problems))


def _column_index(header: list[str], source: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, column in enumerate(header):
        if column in COLUMNS:
            if column in index:
                raise RosterError(f"{source}, line 1: the column {column!r} appears twice in the header")
            index[column] = position
    return index


class _RowChecker:
    """Checks rows one by one, remembering names and logins seen so far."""

    def __init__(self, existing: Iterable[Member], width: int) -> None:
        self.width = width
        self.rows: list[RosterRow] = []
        self.problems: list[RosterProblem] = []
        self.names: dict[str, int | None] = {}  # casefolded name -> line (None: already a member)
        self.logins: dict[str, int | None] = {}
        for member in existing:
            if member.active:
                self.names[name_key(member.name)] = None
                if member.username:
                    self.logins[member.username] = None

    def check(self, line: int, cells: list[str], index: dict[str, int]) -> None:
        def cell(column: str) -> str:
            position = index.get(column)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        found: list[str] = []
        if len(cells) > self.width:
            found.append(
                f"{len(cells)} cells but the header has {self.width} (a name with a comma needs quotes)"
            )
        name, role, experience, login = (cell(column) for column in COLUMNS)
        for column, value in zip(COLUMNS, (name, role, experience, login)):
            problem = text_problem(value, column, one_line=True)
            if problem:
                found.append(problem)
        role, experience = role.lower() or "peer", experience.lower() or "veteran"
        if not name:
            found.append("no name")
        elif len(name) > MAX_NAME:
            found.append(f"the name is longer than {MAX_NAME} characters")
        else:
            found.extend(self._duplicate(self.names, name_key(name), line, f"{name!r} is"))
        if role not in ROLES:
            found.append(f"unknown role {role!r} (use {', '.join(ROLES)})")
        if experience not in EXPERIENCE:
            found.append(f"unknown experience {experience!r} (use {' or '.join(EXPERIENCE)})")
        if login and not USERNAME.fullmatch(login):
            found.append(f"username {login!r} is not a login name (letters, digits, . _ -)")
        elif login:
            found.extend(self._duplicate(self.logins, login, line, f"username {login!r} is"))
        if found:
            self.problems.extend(RosterProblem(line, message) for message in found)
        else:
            self.rows.append(RosterRow(line, name, role, experience, login or None))

    @staticmethod
    def _duplicate(seen: dict[str, int | None], key: str, line: int, what: str) -> list[str]:
        if key in seen:
            first = seen[key]
            where = "already in the circle" if first is None else f"a duplicate of line {first}"
            return [f"{what} {where}"]
        seen[key] = line
        return []
