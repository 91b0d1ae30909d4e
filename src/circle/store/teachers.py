"""The teachers of a school server (HOME/teachers.json) and the authorized_keys that lets them in.

Every change to the registry rewrites the authorized_keys file in the same step, under
the registry's lock: the file first (atomically, and only if nobody changed it since
it was read), the registry after. If the file cannot be written, the registry is not
changed either; a key is never left in the file for a teacher the registry lacks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from circle.domain.server.ssh_keys import PublicKey
from circle.domain.server.teachers import Teacher, TeacherError, keys_in, render_authorized_keys, split_managed
from circle.store.atomic_storage import write_atomically
from circle.store.errors import NotFound, describe_os_error, read_failed
from circle.store.home import DIR_MODE
from circle.store.locked_db import read_tables, write_db

TEACHERS_FILE = "teachers.json"
TABLE = "teachers"


def teachers_file(home: Path) -> Path:
    return home / TEACHERS_FILE


def load_teachers(home: Path) -> list[Teacher]:
    """The registered teachers, by name; none when the file is missing (a laptop)."""
    rows = (read_tables(teachers_file(home)) or {}).get(TABLE, {})
    return sorted((Teacher.from_dict(row) for row in rows.values()), key=lambda t: t.name)


class AuthorizedKeys:
    """One authorized_keys file, read once; written back only if it still holds what was read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = self._read()

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise read_failed(self.path, error) from error

    @property
    def text(self) -> str:
        try:
            return (self.original or b"").decode("utf-8")
        except UnicodeDecodeError:
            raise TeacherError(f"{self.path} is not UTF-8 text: fix it by hand first") from None

    def keys_outside_circle(self) -> set[str]:
        before, _, after = split_managed(self.text, str(self.path))
        return keys_in(before + after)

    def write(self, teachers: list[Teacher], command_for: Callable[[str], str]) -> None:
        new = render_authorized_keys(self.text, str(self.path), teachers, command_for).encode("utf-8")
        if self._read() != self.original:
            raise TeacherError(
                f"{self.path} changed while circle was updating it; nothing was changed: run the command again"
            )
        folder = self.path.parent
        if not folder.exists():
            try:
                os.makedirs(folder, DIR_MODE)  # sshd refuses a key folder others can write to
            except OSError as error:
                raise TeacherError(f"cannot create {folder}: {describe_os_error(error)}") from error
        write_atomically(self.path, new, keep_backup=False, in_home=False)  # the admin's folder: not ours to chmod
        self.original = new


class TeacherRegistry:
    """Adds and removes teachers, keeping authorized_keys in step."""

    def __init__(self, home: Path, keys_file: Path, command_for: Callable[[str], str]) -> None:
        self.home = home
        self.keys_file = keys_file
        self.command_for = command_for

    def list(self) -> list[Teacher]:
        return load_teachers(self.home)

    def add(self, name: str, keys: list[PublicKey], full_name: str = "", admin: bool = False) -> Teacher:
        if not keys:
            raise TeacherError("a teacher needs at least one public key: give --key FILE")
        texts = list(dict.fromkeys(key.text for key in keys))
        with write_db(teachers_file(self.home)) as db:
            table = db.table(TABLE)
            teachers = [Teacher.from_dict(row) for row in table.all()]
            if any(t.name == name for t in teachers):
                raise TeacherError(f"{name} is already a teacher here: `circle teachers remove {name}` first")
            for other in teachers:
                shared = set(texts) & set(other.keys)
                if shared:
                    raise TeacherError(
                        f"that key already lets {other.name} in: sshd would use only one of the two lines; "
                        "each teacher needs a key of their own"
                    )
            authorized = AuthorizedKeys(self.keys_file)
            if set(texts) & authorized.keys_outside_circle():
                raise TeacherError(
                    f"that key is already in {self.keys_file} on a line circle did not write: "
                    "sshd would use that line instead; remove it first"
                )
            teacher = Teacher(name, full_name, admin, tuple(texts))
            authorized.write([*teachers, teacher], self.command_for)
            table.insert(teacher.to_dict())
        return teacher

    def remove(self, name: str) -> Teacher:
        with write_db(teachers_file(self.home)) as db:
            table = db.table(TABLE)
            rows = {row.doc_id: Teacher.from_dict(row) for row in table.all()}
            found = [doc_id for doc_id, t in rows.items() if t.name == name]
            if not found:
                raise NotFound(f"{name} is not a teacher here (`circle teachers list` shows them)")
            kept = [t for doc_id, t in rows.items() if doc_id not in found]
            AuthorizedKeys(self.keys_file).write(kept, self.command_for)
            table.remove(doc_ids=found)
            return rows[found[0]]
