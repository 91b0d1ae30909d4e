"""Lines between circle's markers in authorized_keys that circle did not write.

sshd honours every key line of the file, markers or not. The lines between circle's
markers are circle's alone: what belongs there follows from the teacher registry (each
teacher's keys and forced command), so any other line there (a key added by hand, a
teacher's line with its options changed) is found by writing the block again and
comparing it with the file, line by line. Such lines are reported, never silently
replaced.
"""

from __future__ import annotations

import binascii
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from circle.domain.server.ssh_keys import KEY_TYPES, PublicKey
from circle.domain.server.teachers import Teacher, managed_lines, split_managed

MAX_COMMENT = 60


@dataclass(frozen=True)
class ForeignLine:
    number: int  # counted from 1, as an editor and sshd's log count them
    fingerprint: str = ""  # "" when the line holds no key type circle knows
    comment: str = ""  # the key's comment, made printable
    owner: str = ""  # the teacher whose key it is; "" for a key no teacher has
    is_comment: bool = False  # a "#" line, which sshd skips

    def describe(self) -> str:
        """One line: which line, whose key, and what sshd makes of it; never the key itself."""
        where = f"line {self.number}"
        if self.is_comment:
            return f"{where}: a comment circle did not write (sshd ignores it)"
        if not self.fingerprint:
            return f"{where}: a line circle did not write, with no key type circle knows (sshd may still honour it)"
        key = f"key {self.fingerprint}" + (f" ({self.comment!r})" if self.comment else "")
        if self.owner:
            return (f"{where}: {self.owner}'s {key} on a line that is not the one circle wrote (options or "
                    "command changed); sshd honours the line as it stands")  # fmt: skip
        return f"{where}: {key}, which no teacher has; sshd lets it in with that line's own options"


def split_key_line(line: str) -> tuple[str, str, str, str] | None:
    """(options, type, base64 body, comment) of a key line as sshd reads it; None without a known key type."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    options = ""
    if text.split(None, 1)[0] not in KEY_TYPES:
        end = _options_end(text)
        options, text = text[:end], text[end:].strip()
    words = text.split(None, 2)
    if len(words) < 2 or words[0] not in KEY_TYPES:
        return None
    return options, words[0], words[1], words[2] if len(words) > 2 else ""


def _options_end(text: str) -> int:
    """Where sshd's options end: the first blank outside double quotes (a quote inside is escaped \\")."""
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\" and text[index + 1 : index + 2] == '"':
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            return index
        index += 1
    return len(text)


def _fingerprint(key_type: str, body: str) -> str:
    try:
        return PublicKey(key_type, body).fingerprint()
    except (binascii.Error, ValueError):
        return "(a damaged key)"


def _printable(comment: str) -> str:
    """A comment is text from outside: shown without control characters, and kept short."""
    shown = "".join(char if char.isprintable() else "?" for char in comment)
    return shown if len(shown) <= MAX_COMMENT else shown[: MAX_COMMENT - 3] + "..."


def _foreign(number: int, line: str, owners: dict[str, str]) -> ForeignLine:
    if line.startswith("#"):
        return ForeignLine(number, is_comment=True)
    parts = split_key_line(line)
    if parts is None:
        return ForeignLine(number)
    _, key_type, body, comment = parts
    return ForeignLine(number, _fingerprint(key_type, body), _printable(comment), owners.get(f"{key_type} {body}", ""))


def foreign_lines(
    text: str, source: str, teachers: Iterable[Teacher], command_for: Callable[[str], str]
) -> list[ForeignLine]:
    """Every non-blank line between the markers that circle would not write for these teachers."""
    teachers = list(teachers)
    before, inside, _ = split_managed(text, source)
    expected = Counter(managed_lines(teachers, command_for))
    owners = {key: teacher.name for teacher in teachers for key in teacher.keys}
    found = []
    first = len(before) + 2  # the begin marker is line len(before) + 1
    for offset, line in enumerate(inside):
        stripped = line.strip()
        if not stripped:
            continue
        if expected[stripped] > 0:
            expected[stripped] -= 1  # a second copy of a line circle wrote once is not circle's
            continue
        found.append(_foreign(first + offset, stripped, owners))
    return found


def refusal(source: str, found: list[ForeignLine]) -> str:
    """The one line a change prints when it will not write over lines circle did not write."""
    count = f"{len(found)} lines" if len(found) > 1 else "a line"
    more = f"; and {len(found) - 1} more, which `circle teachers list` shows" if len(found) > 1 else ""
    return (f"{source} has {count} between circle's markers that circle did not write ({found[0].describe()}{more}). "
            "Nothing was changed: --force replaces them with the lines circle writes from its registry")  # fmt: skip
