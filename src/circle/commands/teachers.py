"""``circle teachers add|remove|list``: the teachers of a school server, and their SSH keys.

Run by the service account that owns the data home. Each change rewrites that
account's ~/.ssh/authorized_keys so each key runs ``circle shell NAME`` and nothing else.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from circle.commands.output import print_json
from circle.store.errors import describe_os_error
from circle.store.home import ensure_home, resolve_home

KEYS_ENV = "CIRCLE_AUTHORIZED_KEYS"


def _keys_option(parser: argparse.ArgumentParser, *, inner: bool) -> None:
    parser.add_argument(
        "--authorized-keys", metavar="FILE", default=argparse.SUPPRESS if inner else None,
        help=f"the file sshd reads keys from (default: ${KEYS_ENV}, else ~/.ssh/authorized_keys)",
    )


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

    add = actions.add_parser("add", help="register a teacher and their keys",
                             description="Register a teacher by the name their circles know them by "
                             "(a member's username) and let their public keys in.")
    add.add_argument("name", metavar="NAME", help="login-like name: lowercase letters, digits, - _ .")
    add.add_argument("--key", metavar="FILE", action="append", required=True,
                     help="a public key file (.pub); repeat for more keys")
    add.add_argument("--full-name", metavar="TEXT", default="", help="the teacher's full name")
    add.add_argument("--admin", action="store_true",
                     help="may create circles, manage members and run check (never reads a circle's content)")
    _keys_option(add, inner=True)
    add.set_defaults(func=run_add)

    remove = actions.add_parser("remove", help="remove a teacher and their keys",
                                description="Remove a teacher; their keys no longer let them in. "
                                "Their membership and history in circles are kept.")
    remove.add_argument("name", metavar="NAME")
    _keys_option(remove, inner=True)
    remove.set_defaults(func=run_remove)

    listing = actions.add_parser("list", help="list the teachers", description="List the teachers and their keys.")
    listing.add_argument("--json", action="store_true", help="a JSON list, for scripts")
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


def _registry(args: argparse.Namespace):
    from circle.domain.server.teachers import forced_command
    from circle.store.teachers import TeacherRegistry

    home = ensure_home(resolve_home(args.home)).resolve()
    given = args.authorized_keys or os.environ.get(KEYS_ENV, "").strip()
    keys_file = Path(given).expanduser() if given else Path.home() / ".ssh" / "authorized_keys"
    executable = circle_executable()
    return TeacherRegistry(home, keys_file, lambda name: forced_command(executable, str(home), name))


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
    teacher = registry.add(name, keys, full_name=full_name, admin=args.admin)
    role = "an admin" if teacher.admin else "a teacher"
    count = len(teacher.keys)
    print(f"Added {teacher.name} as {role} with {count} key{'s' if count != 1 else ''}; "
          f"{registry.keys_file} now lets them in to `circle shell {teacher.name}`.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from circle.domain.server.teachers import check_teacher_name

    registry = _registry(args)
    teacher = registry.remove(check_teacher_name(args.name))
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

    teachers = load_teachers(ensure_home(resolve_home(args.home)))
    rows = [{"name": t.name, "full_name": t.full_name, "admin": t.admin, "keys": [_fingerprint(k) for k in t.keys]}
            for t in teachers]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No teachers yet: circle runs as a single user. Add one with: circle teachers add NAME --key FILE")
        return 0
    for row in rows:
        who = safe(f"{row['name']} ({row['full_name']})" if row["full_name"] else row["name"])
        admin = ", admin" if row["admin"] else ""
        print(f"{who}{admin}: {', '.join(row['keys'])}")
    return 0
