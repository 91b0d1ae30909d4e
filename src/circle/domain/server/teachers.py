"""Teachers of a school server and the authorized_keys lines that let them in.

OpenSSH authenticates, circle authorises: each teacher's key is one line of the
service account's authorized_keys that forces ``circle shell NAME``, so whatever
the client asks for, circle runs as that teacher. circle's lines sit between two
marker lines; every other line of the file is the administrator's and is kept.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from circle.domain.server.ssh_keys import KEY_TYPES
from circle.errors import CircleError

# Login-like: what a member's username holds, and safe inside a shell word and a file name.
NAME_PATTERN = re.compile(r"[a-z0-9_][a-z0-9_.-]{0,31}")
MAX_FULL_NAME = 80
BEGIN = "# circle teachers begin: written by `circle teachers`; lines in here are replaced"
END = "# circle teachers end"
KEY_OPTIONS = "restrict,pty"  # restrict forbids forwarding, agents and X11; pty lets the full screen run
UNSAFE_IN_COMMAND = ('"', "\\", "\n", "\r", "\0")


class TeacherError(CircleError):
    """A teacher name, full name or registry change that is refused."""

    exit_code = 2


@dataclass(frozen=True)
class Teacher:
    name: str
    full_name: str = ""
    admin: bool = False
    keys: tuple[str, ...] = field(default_factory=tuple)  # "TYPE BASE64", without comments
    command: str = ""  # the forced command circle wrote for this teacher's keys ("": not written yet)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "full_name": self.full_name, "admin": self.admin, "keys": list(self.keys),
                "command": self.command}  # fmt: skip

    def with_command(self, command_for: Callable[[str], str]) -> Teacher:
        """This teacher with the forced command of their lines: the one written before, else command_for's."""
        return self if self.command else replace(self, command=command_for(self.name))

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> Teacher:
        keys = row.get("keys")
        return cls(
            name=str(row.get("name", "")),
            full_name=str(row.get("full_name") or ""),
            admin=row.get("admin") is True,
            keys=tuple(str(k) for k in keys) if isinstance(keys, list) else (),
            command=_safe_command(row.get("command")),
        )


def _safe_command(value: Any) -> str:
    """A recorded forced command, unless it could break out of its quotes (then it is made again)."""
    text = str(value or "")
    return "" if any(bad in text for bad in UNSAFE_IN_COMMAND) else text


def check_teacher_name(value: Any) -> str:
    """A login-like name: lowercase letters, digits, '-', '_' and '.', at most 32, not starting with - or ."""
    if not isinstance(value, str) or not NAME_PATTERN.fullmatch(value):
        shown = repr(value) if isinstance(value, str) and value.isprintable() else "the name given"
        raise TeacherError(
            f"{shown} is not a teacher name: use 1 to 32 lowercase letters, digits, '-', '_' or '.', "
            "starting with a letter, digit or '_' (the name a member's username holds)"
        )
    return value


def check_full_name(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > MAX_FULL_NAME or not text.isprintable():
        raise TeacherError(f"a full name is one line of at most {MAX_FULL_NAME} printable characters")
    return text


def forced_command(circle_path: str, home: str, name: str) -> str:
    """The command sshd runs for a teacher's key: circle's shell, on the fixed data home."""
    for what, text in (("the circle command's path", circle_path), ("the data home's path", home)):
        if any(bad in text for bad in UNSAFE_IN_COMMAND) or not text.startswith("/"):
            raise TeacherError(
                f"{what} {text!r} cannot go into authorized_keys: it must be absolute, "
                "without quotes, backslashes or line breaks"
            )
    return shlex.join([circle_path, "--home", home, "shell", check_teacher_name(name)])


def key_line(command: str, key: str) -> str:
    return f'{KEY_OPTIONS},command="{command}" {key}'


def file_lines(text: str) -> list[str]:
    """The lines of an authorized_keys file as sshd and an editor count them: split at line feeds only."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def split_managed(text: str, source: str) -> tuple[list[str], list[str], list[str]]:
    """The lines before circle's block, inside it, and after it; no block: all lines are before it."""
    lines = file_lines(text)
    begins = [i for i, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if not begins and not ends:
        return lines, [], []
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise TeacherError(
            f"{source}: circle's marker lines ({BEGIN!r} ... {END!r}) are not one begin followed by "
            "one end; fix the file by hand, then run the command again"
        )
    start, stop = begins[0], ends[0]
    return lines[:start], lines[start + 1 : stop], lines[stop + 1 :]


def keys_in(lines: Iterable[str]) -> set[str]:
    """Every "TYPE BASE64" key that these authorized_keys lines hold, whatever options precede them."""
    found: set[str] = set()
    for line in lines:
        words = line.split()
        for index, word in enumerate(words[:-1]):
            if word in KEY_TYPES:
                found.add(f"{word} {words[index + 1]}")
    return found


def managed_lines(teachers: Iterable[Teacher], command_for: Callable[[str], str]) -> list[str]:
    """The lines circle writes between its markers: one per key of each teacher, by name."""
    lines = []
    for teacher in sorted(teachers, key=lambda t: t.name):
        command = teacher.with_command(command_for).command
        lines.extend(key_line(command, key) for key in teacher.keys)
    return lines


def render_authorized_keys(
    text: str, source: str, teachers: Iterable[Teacher], command_for: Callable[[str], str]
) -> str:
    """The file with circle's block holding one line per key of each teacher; other lines as they were."""
    before, _, after = split_managed(text, source)
    return "\n".join([*before, BEGIN, *managed_lines(teachers, command_for), END, *after]) + "\n"
