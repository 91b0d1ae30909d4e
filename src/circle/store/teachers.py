"""The teachers of a school server (HOME/teachers.json) and the authorized_keys that lets them in.

Every change to the registry rewrites the authorized_keys file in the same step, under
the registry's lock: the file first (atomically, and only if nobody changed it since
it was read), the registry after. If the registry cannot be written, the file is put
back as it was; if the file cannot be written, the registry is not changed. Lines
between circle's markers that circle did not write are not written over unless the
change is forced.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from circle.domain.server.foreign_lines import ForeignLine, foreign_lines, refusal
from circle.domain.server.ssh_keys import PublicKey
from circle.domain.server.teachers import Teacher, TeacherError, keys_in, render_authorized_keys, split_managed
from circle.store.atomic_storage import AtomicJSONStorage, encode_tables, flush_folder, read_data_file, write_atomically
from circle.store.errors import NotFound, StoreError, describe_os_error, read_failed
from circle.store.home import DIR_MODE
from circle.store.locked_db import locked, read_tables

TEACHERS_FILE = "teachers.json"
TABLE = "teachers"


def teachers_file(home: Path) -> Path:
    return home / TEACHERS_FILE


def load_teachers(home: Path) -> list[Teacher]:
    """The registered teachers, by name; none when the file is missing (a laptop)."""
    rows = (read_tables(teachers_file(home)) or {}).get(TABLE, {})
    return sorted((Teacher.from_dict(row) for row in rows.values()), key=lambda t: t.name)


class AuthorizedKeys:
    """One authorized_keys file, read once; written back only if it still holds what was read.

    A write can be undone until it is kept: the file as it was is held under a second
    name (a hard link), so putting it back is one rename, which needs no free space.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = self._read()
        self.written = False
        self.held = False  # the file as it was has a second name

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

    @property
    def _undo_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.circle-undo")

    def keys_outside_circle(self) -> set[str]:
        before, _, after = split_managed(self.text, str(self.path))
        return keys_in(before + after)

    def foreign(self, teachers: list[Teacher], command_for: Callable[[str], str]) -> list[ForeignLine]:
        """The lines between circle's markers that circle did not write for these teachers."""
        return foreign_lines(self.text, str(self.path), teachers, command_for)

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
        self._hold_original()
        try:
            write_atomically(self.path, new, keep_backup=False, in_home=False)  # the admin's folder: not ours to chmod
        except BaseException:
            self.keep()
            raise
        self.written = True

    def _hold_original(self) -> None:
        self.keep()  # a stale second name, left by a process killed mid-change
        if self.original is not None:
            try:
                os.link(self.path, self._undo_path, follow_symlinks=False)
                self.held = True
            except OSError:
                pass  # no hard links here: undo writes the bytes back instead

    def keep(self) -> None:
        """The write stays: forget the file as it was."""
        self.held = False
        with contextlib.suppress(OSError):
            os.unlink(self._undo_path)

    def undo(self) -> None:
        """Put the file back as it was read (no file: none)."""
        if not self.written:
            return
        try:
            if self.original is None:
                os.unlink(self.path)
            elif self.held:
                os.replace(self._undo_path, self.path)
            else:
                write_atomically(self.path, self.original, keep_backup=False, in_home=False)
            flush_folder(self.path)
        except (OSError, StoreError) as error:
            detail = describe_os_error(error) if isinstance(error, OSError) else str(error)
            raise StoreError(f"{self.path} could not be put back as it was ({detail}): it holds the new lines") from error
        self.held = False
        self.written = False


@dataclass(frozen=True)
class Added:
    teacher: Teacher
    new_keys: int  # keys this change let in (0: all were the teacher's already)
    new_teacher: bool


class TeacherRegistry:
    """Adds and removes teachers, keeping authorized_keys in step."""

    def __init__(self, home: Path, keys_file: Path, command_for: Callable[[str], str]) -> None:
        self.home = home
        self.keys_file = keys_file
        self.command_for = command_for

    def list(self) -> list[Teacher]:
        return load_teachers(self.home)

    def foreign_lines(self) -> list[ForeignLine]:
        """Lines between circle's markers in the keys file that circle did not write.

        Read under the registry's lock, so a change half-way between its two files is not
        taken for a foreign line; a home that cannot be locked (read-only) is read as it is.
        """
        with contextlib.ExitStack() as stack:
            with contextlib.suppress(StoreError):
                stack.enter_context(locked(teachers_file(self.home)))
            return AuthorizedKeys(self.keys_file).foreign(self.list(), self.command_for)

    def add(
        self, name: str, keys: list[PublicKey], full_name: str = "", admin: bool = False, *, force: bool = False
    ) -> Added:
        """A new teacher with these keys, or these keys added to a teacher already here."""
        if not keys:
            raise TeacherError("a teacher needs at least one public key: give --key FILE")
        texts = list(dict.fromkeys(key.text for key in keys))
        path = teachers_file(self.home)
        with locked(path):
            data, rows = self._read(path)
            current = rows.get(_id_of(rows, name))
            for other in rows.values():
                if other.name != name and set(texts) & set(other.keys):
                    raise TeacherError(
                        f"that key already lets {other.name} in: sshd would use only one of the two lines; "
                        "each teacher needs a key of their own"
                    )
            if current is not None:
                _refuse_changes(current, full_name, admin)
                texts = [text for text in texts if text not in current.keys]
                if not texts:
                    return Added(current, 0, False)
            authorized = AuthorizedKeys(self.keys_file)
            if set(texts) & authorized.keys_outside_circle():
                raise TeacherError(
                    f"that key is already in {self.keys_file} on a line circle did not write: "
                    "sshd would use that line instead; remove it first"
                )
            if current is None:
                teacher = Teacher(name, full_name, admin, tuple(texts))
                rows[_new_id(rows)] = teacher
            else:
                teacher = replace(current, keys=(*current.keys, *texts))
                rows[_id_of(rows, name)] = teacher
            saved = self._save(path, data, rows, authorized, force)
        return Added(saved[name], len(texts), current is None)

    def remove(self, name: str, *, force: bool = False) -> Teacher:
        path = teachers_file(self.home)
        with locked(path):
            data, rows = self._read(path)
            doc_id = _id_of(rows, name)
            if doc_id is None:
                raise NotFound(f"{name} is not a teacher here (`circle teachers list` shows them)")
            teacher = rows.pop(doc_id)
            self._save(path, data, rows, AuthorizedKeys(self.keys_file), force)
        return teacher

    @staticmethod
    def _read(path: Path) -> tuple[dict[str, Any], dict[str, Teacher]]:
        data = AtomicJSONStorage(path).read() or {}
        return data, {doc_id: Teacher.from_dict(row) for doc_id, row in data.get(TABLE, {}).items()}

    def _save(
        self, path: Path, data: dict[str, Any], rows: dict[str, Teacher], authorized: AuthorizedKeys, force: bool
    ) -> dict[str, Teacher]:
        """Write authorized_keys, then teachers.json; when the second write fails, the first is undone."""
        registered = [Teacher.from_dict(row) for row in data.get(TABLE, {}).values()]
        found = authorized.foreign(registered, self.command_for)
        if found and not force:
            raise TeacherError(refusal(str(self.keys_file), found))
        rows = {doc_id: teacher.with_command(self.command_for) for doc_id, teacher in rows.items()}
        authorized.write(list(rows.values()), self.command_for)
        new = {**data, TABLE: {doc_id: teacher.to_dict() for doc_id, teacher in rows.items()}}
        try:
            AtomicJSONStorage(path).write(new)
        except BaseException as error:
            if not _holds(path, new):
                try:
                    authorized.undo()
                except StoreError as undo_error:
                    raise StoreError(f"{error} {undo_error}") from error
            raise
        finally:
            authorized.keep()
        return {teacher.name: teacher for teacher in rows.values()}


def _holds(path: Path, data: dict[str, Any]) -> bool:
    """Whether the file holds data after all (a write that failed only in flushing its folder)."""
    try:
        return read_data_file(path) == encode_tables(data)
    except StoreError:
        return False


def _id_of(rows: dict[str, Teacher], name: str) -> str | None:
    return next((doc_id for doc_id, teacher in rows.items() if teacher.name == name), None)


def _new_id(rows: dict[str, Teacher]) -> str:
    return str(max((int(doc_id) for doc_id in rows if doc_id.isdigit()), default=0) + 1)


def _refuse_changes(current: Teacher, full_name: str, admin: bool) -> None:
    """Adding keys to a teacher does not change their name or role in passing."""
    if (full_name and full_name != current.full_name) or (admin and not current.admin):
        role = "an admin" if current.admin else "not an admin"
        raise TeacherError(
            f"{current.name} is already a teacher here ({role}): `teachers add {current.name} --key FILE` adds a key; "
            "--full-name and --admin are set when a teacher is added (remove and add them again to change those)"
        )
