"""``circle teachers add|remove|list``: the teachers of a school server, and their SSH keys.

Run by the service account that owns the data home. Each change rewrites that
account's ~/.ssh/authorized_keys so each key runs ``circle shell NAME`` and nothing else;
a line between circle's markers that circle did not write is reported (here and by
``circle check``) and is written over only with --force.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from circle.commands.output import print_json
from circle.errors import CircleError
from circle.store.errors import describe_os_error
from circle.store.home import ensure_home, resolve_home

KEYS_ENV = "CIRCLE_AUTHORIZED_KEYS"
FORCE_HINT = ("Lines between circle's markers are circle's alone: `circle teachers add` or `remove` with --force "
              "replaces them with the lines circle writes from its registry.")


def _keys_option(parser: argparse.ArgumentParser, *, inner: bool) -> None:
    parser.add_argument(
        "--authorized-keys", metavar="FILE", default=argparse.SUPPRESS if inner else None,
        help=f"the file sshd reads keys from (default: ${KEYS_ENV}, else ~/.ssh/authorized_keys)",
    )


def _force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace lines between circle's markers that circle did not write")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "teachers",
        help="add, remove and list the teachers who reach this server over SSH",
        description="The teachers of a school server. Each teacher's public keys go into the service "
        "account's authorized_keys, each forced to run `circle shell NAME`; lines circle did not write are kept.",
    )
    _keys_option(parser, inner=False)
    parser.set_defaults(func=run_list, json=False)
    actions = parser.add_subparsers(dest="teachers_action", metavar="ACTION")

    add = actions.add_parser("add", help="register a teacher and their keys, or add a key to a teacher",
                             description="Register a teacher by the name their circles know them by "
                             "(a member's username) and let their public keys in; for a teacher already "
                             "registered, let the keys in that they do not have yet.")
    add.add_argument("name", metavar="NAME", help="login-like name: lowercase letters, digits, - _ .")
    add.add_argument("--key", metavar="FILE", action="append", required=True,
                     help="a public key file (.pub); repeat for more keys")
    add.add_argument("--full-name", metavar="TEXT", default="", help="the teacher's full name")
    add.add_argument("--admin", action="store_true",
                     help="may create circles, manage members and run check (never reads a circle's content)")
    _keys_option(add, inner=True)
    _force_option(add)
    add.set_defaults(func=run_add)

    remove = actions.add_parser("remove", help="remove a teacher and their keys",
                                description="Remove a teacher; their keys no longer let them in. "
                                "Their membership and history in circles are kept.")
    remove.add_argument("name", metavar="NAME")
    _keys_option(remove, inner=True)
    _force_option(remove)
    remove.set_defaults(func=run_remove)

    listing = actions.add_parser("list", help="list the teachers",
                                 description="List the teachers and their keys, and any line between circle's "
                                 "markers in authorized_keys that circle did not write.")
    listing.add_argument("--json", action="store_true", help="a JSON list, for scripts")
    _keys_option(listing, inner=True)
    listing.set_defaults(func=run_list)


def circle_executable() -> str:
    """The absolute path of the circle command now running, for the forced command."""
    from circle.domain.server.teachers import TeacherError

    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) == "circle" and os.path.isfile(argv0):
        return os.path.abspath(argv0)
    found = shutil.which("circle")
    if found:
        return os.path.abspath(found)
    raise TeacherError("cannot tell where the circle command is installed: put it on PATH and run again")


def authorized_keys_file(given: str | None) -> tuple[Path, str]:
    """The keys file, and how to name it: over SSH (no option, no variable) by its place in the account's home."""
    given = given or os.environ.get(KEYS_ENV, "").strip()
    if given:
        return Path(given).expanduser(), given
    return Path.home() / ".ssh" / "authorized_keys", "~/.ssh/authorized_keys"


def registry_for(home: Path, keys_file: Path):
    from circle.domain.server.teachers import forced_command
    from circle.store.teachers import TeacherRegistry

    home = home.resolve()
    # Asked for only when a teacher's lines have no forced command written yet.
    return TeacherRegistry(home, keys_file, lambda name: forced_command(circle_executable(), str(home), name))


def _registry(args: argparse.Namespace):
    keys_file, _ = authorized_keys_file(args.authorized_keys)
    return registry_for(ensure_home(resolve_home(args.home)), keys_file)


@dataclass(frozen=True)
class KeysProblem:
    file: str
    problem: str
    foreign: bool = True  # a line circle did not write (False: the file could not be checked)

    def __str__(self) -> str:
        return f"not written by circle: {self.file} {self.problem}" if self.foreign else self.problem


def foreign_line_report(home: Path, given: str | None = None) -> list[KeysProblem]:
    """Each line between circle's markers that circle did not write; none on a laptop."""
    from circle.store.teachers import teachers_file

    try:
        if not teachers_file(home).exists():
            return []
    except OSError:
        return []  # a home that cannot be read: check reports the home itself
    keys_file, name = authorized_keys_file(given)
    try:
        return [KeysProblem(name, line.describe()) for line in registry_for(home, keys_file).foreign_lines()]
    except CircleError as error:
        return [KeysProblem(name, f"cannot check for lines circle did not write: {error}", foreign=False)]


def _read_key(path: str):
    from circle.domain.server.ssh_keys import MAX_KEY_TEXT, PublicKeyError, parse_public_key

    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_TEXT + 1)
    except OSError as error:
        raise PublicKeyError(f"cannot read {path}: {describe_os_error(error)}") from None
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise PublicKeyError(f"{path}: not a public key file (it is not plain ASCII text)") from None
    return parse_public_key(text, path)


def run_add(args: argparse.Namespace) -> int:
    from circle.domain.server.teachers import check_full_name, check_teacher_name

    name = check_teacher_name(args.name)
    full_name = check_full_name(args.full_name)
    keys = [_read_key(path) for path in args.key]
    registry = _registry(args)
    added = registry.add(name, keys, full_name=full_name, admin=args.admin, force=args.force)
    teacher = added.teacher
    count = len(teacher.keys)
    if added.new_teacher:
        role = "an admin" if teacher.admin else "a teacher"
        print(f"Added {teacher.name} as {role} with {_keys(count)}; "
              f"{registry.keys_file} now lets them in to `circle shell {teacher.name}`.")
    elif added.new_keys:
        print(f"Added {_keys(added.new_keys)} to {teacher.name}, who now has {_keys(count)}; "
              f"{registry.keys_file} lets each in to `circle shell {teacher.name}`.")
    else:
        print(f"{teacher.name} already has {'that key' if len(keys) == 1 else 'those keys'}: nothing changed.")
    return 0


def _keys(count: int) -> str:
    return f"{count} key{'s' if count != 1 else ''}"


def run_remove(args: argparse.Namespace) -> int:
    from circle.domain.server.teachers import check_teacher_name

    registry = _registry(args)
    teacher = registry.remove(check_teacher_name(args.name), force=args.force)
    print(f"Removed {teacher.name}: their keys are gone from {registry.keys_file}.")
    return 0


def _fingerprint(key: str) -> str:
    """A key's fingerprint; a key damaged in the registry file says so instead."""
    from circle.domain.server.ssh_keys import PublicKeyError, parse_public_key

    try:
        return parse_public_key(key, "key").fingerprint()
    except PublicKeyError:
        return "(a damaged key)"


def run_list(args: argparse.Namespace) -> int:
    from circle.commands.goal_text import safe
    from circle.store.teachers import load_teachers

    home = ensure_home(resolve_home(args.home), writable=False)  # a list reads; a full disk is no bar
    teachers = load_teachers(home)
    foreign = foreign_line_report(home, args.authorized_keys)
    rows = [{"name": t.name, "full_name": t.full_name, "admin": t.admin, "keys": [_fingerprint(k) for k in t.keys]}
            for t in teachers]
    if args.json:
        print_json(rows)
    elif not rows:
        print("No teachers yet: circle runs as a single user. Add one with: circle teachers add NAME --key FILE")
    else:
        for row in rows:
            who = safe(f"{row['name']} ({row['full_name']})" if row["full_name"] else row["name"])
            admin = ", admin" if row["admin"] else ""
            print(f"{who}{admin}: {', '.join(row['keys'])}")
    print_foreign_lines(foreign, sys.stderr if args.json else sys.stdout)
    return 0


def print_foreign_lines(problems: list[KeysProblem], out: TextIO | None = None) -> None:
    for problem in problems:
        print(problem, file=out)
    if any(problem.foreign for problem in problems):
        print(FORCE_HINT, file=out)
